import type { Payload } from '../payload/parse';
import { el } from './dom';
import { genericRenderer } from './generic';
import type { KindRenderer } from './types';

/**
 * Kind -> renderer. `render` frames every payload the same way (class `af-payload`,
 * `data-kind`, a heading) and falls back to the generic view for kinds with no renderer,
 * or when a kind's renderer throws on a malformed payload.
 */
export class PayloadRendererRegistry {
  private readonly renderers = new Map<string, KindRenderer>();

  constructor(renderers: Iterable<KindRenderer> = []) {
    for (const r of renderers) this.register(r);
  }

  /** Adds (or replaces) the renderer for `renderer.kind`. */
  register(renderer: KindRenderer): void {
    this.renderers.set(renderer.kind, renderer);
  }

  get(kind: string): KindRenderer | undefined {
    return this.renderers.get(kind);
  }

  has(kind: string): boolean {
    return this.renderers.has(kind);
  }

  /** Kinds with a specific renderer, sorted. */
  kinds(): string[] {
    return Array.from(this.renderers.keys()).sort();
  }

  /** The framed view of a payload. */
  render(payload: Payload, doc: Document): HTMLElement {
    const specific = this.renderers.get(payload.kind);
    const root = el(doc, 'div', `af-payload af-payload-${cssIdent(payload.kind)}`);
    root.dataset.kind = payload.kind;
    root.dataset.version = String(payload.version);
    const title = typeof payload.title === 'string' && payload.title !== '' ? payload.title : (specific ?? genericRenderer).label;
    const header = root.appendChild(el(doc, 'div', 'af-payload-header'));
    header.appendChild(el(doc, 'span', 'af-payload-title', title));
    header.appendChild(el(doc, 'span', 'af-payload-kind', `${payload.kind} v${payload.version}`));
    let body: HTMLElement;
    try {
      body = (specific ?? genericRenderer).render(payload, doc);
    } catch (e) {
      body = el(doc, 'div');
      body.appendChild(errorView(doc, `could not render "${payload.kind}": ${(e as Error).message}`));
      body.appendChild(genericRenderer.render(payload, doc));
    }
    root.appendChild(body);
    return root;
  }
}

/** The view shown for data that is not a payload at all. */
export function errorView(doc: Document, message: string): HTMLElement {
  const node = el(doc, 'div', 'af-payload-error', `Alpha Factory: ${message}`);
  node.setAttribute('role', 'alert');
  return node;
}

function cssIdent(kind: string): string {
  return kind.replace(/[^a-zA-Z0-9_-]/g, '_');
}
