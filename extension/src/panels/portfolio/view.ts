import { Widget } from '@lumino/widgets';
import { el } from '../../render/dom';
import type { PayloadRendererRegistry } from '../../render/registry';
import type { PortfolioModel } from './model';

/** The Portfolio sidebar: which notebook it follows and the latest payload seen there. */
export class PortfolioView extends Widget {
  constructor(
    private readonly model: PortfolioModel,
    private readonly renderers: PayloadRendererRegistry,
  ) {
    super();
    this.addClass('af-sidebar');
    this.addClass('af-portfolio');
    model.changed.connect(this.render, this);
    this.render();
  }

  dispose(): void {
    this.model.changed.disconnect(this.render, this);
    super.dispose();
  }

  private render(): void {
    const doc = this.node.ownerDocument;
    const nodes: HTMLElement[] = [el(doc, 'h2', 'af-sidebar-title', 'Portfolio')];
    const source = this.model.source;
    nodes.push(
      el(doc, 'p', 'af-following', source ? `Following ${source.name}` : 'No notebook is active. Open a notebook to follow its Alpha Factory outputs.'),
    );
    const latest = this.model.latest;
    if (latest) {
      const holder = el(doc, 'div', 'af-latest-payload');
      holder.setAttribute('aria-live', 'polite');
      holder.appendChild(this.renderers.render(latest.payload, doc));
      nodes.push(holder);
    } else if (source) {
      nodes.push(el(doc, 'p', 'af-empty', 'No Alpha Factory output in this notebook yet. Run a cell that calls show(...) on an engine object.'));
    }
    this.node.replaceChildren(...nodes);
  }
}
