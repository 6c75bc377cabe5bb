import type { Payload } from '../payload/parse';

/**
 * Renders one payload kind to DOM. A kind-specific view is one file exporting one of these,
 * listed in `kinds/index.ts`. `render` builds nodes with `el`/`textContent` only, and reads
 * the payload defensively: it has been parsed, not validated against its schema.
 */
export interface KindRenderer {
  /** The payload kind, e.g. `table` (the `<kind>` of the MIME type). */
  readonly kind: string;
  /** Heading shown when the payload carries no `title` of its own. */
  readonly label: string;
  /** The body of the view (the registry adds the frame and heading). */
  render(payload: Payload, doc: Document): HTMLElement;
}
