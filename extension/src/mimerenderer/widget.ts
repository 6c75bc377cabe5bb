import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { renderPayloadData } from '../render';
import type { PayloadRendererRegistry } from '../render/registry';

/** An output's view of one Alpha Factory payload (text-only DOM from the registry). */
export class PayloadRendererWidget extends Widget implements IRenderMime.IRenderer {
  constructor(
    private readonly mimeType: string,
    private readonly renderers: PayloadRendererRegistry,
  ) {
    super();
    this.addClass('af-mime-output');
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const view = renderPayloadData(this.renderers, model.data[this.mimeType], this.node.ownerDocument, this.mimeType);
    this.node.replaceChildren(view);
    return Promise.resolve();
  }
}
