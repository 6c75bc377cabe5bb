import { PAYLOAD_KINDS } from '@alpha-factory/schema';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { payloadMimeTypes } from '../payload/mime';
import type { PayloadRendererRegistry } from '../render/registry';
import { PayloadRendererWidget } from './widget';

/**
 * Rank of our renderer: lower wins. JupyterLab's text/html renderer has 50 and vega-lite 57,
 * so an output that carries both a payload and an HTML fallback shows the payload view.
 */
export const PAYLOAD_RENDERER_RANK = 45;

/** Every kind with a schema in schema/payloads, plus every kind with a specific renderer. */
export function rendererMimeTypes(renderers: PayloadRendererRegistry): string[] {
  return payloadMimeTypes([...PAYLOAD_KINDS, ...renderers.kinds()]);
}

/** The rendermime factory. `safe`: the views hold text nodes only, so untrusted outputs may use it. */
export function createPayloadRendererFactory(renderers: PayloadRendererRegistry): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: rendererMimeTypes(renderers),
    defaultRank: PAYLOAD_RENDERER_RANK,
    createRenderer: (options) => new PayloadRendererWidget(options.mimeType, renderers),
  };
}
