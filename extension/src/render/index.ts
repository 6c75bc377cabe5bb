import { parsePayload } from '../payload/parse';
import { BUILTIN_RENDERERS } from './kinds';
import { errorView, PayloadRendererRegistry } from './registry';

export { el, formatValue } from './dom';
export { genericRenderer, renderObject } from './generic';
export { BUILTIN_RENDERERS } from './kinds';
export { errorView, PayloadRendererRegistry } from './registry';
export type { KindRenderer } from './types';

/** A registry holding the built-in kind renderers. */
export function createRendererRegistry(): PayloadRendererRegistry {
  return new PayloadRendererRegistry(BUILTIN_RENDERERS);
}

/**
 * Output data (string or object) sent under `mime` -> DOM: the payload's view, or a
 * one-line error view when the data is not a payload.
 */
export function renderPayloadData(
  registry: PayloadRendererRegistry,
  data: unknown,
  doc: Document,
  mime?: string,
): HTMLElement {
  const parsed = parsePayload(data, mime);
  return parsed.ok ? registry.render(parsed.payload, doc) : errorView(doc, parsed.error);
}
