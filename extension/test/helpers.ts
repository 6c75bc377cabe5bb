import { JSDOM } from 'jsdom';

/** A fresh DOM document (jsdom) for rendering tests. */
export function newDocument(): Document {
  return new JSDOM('<!doctype html><html><body></body></html>').window.document;
}

/** The payload string every text-only test pushes through a renderer. */
export const XSS = '<img src=x onerror=alert(1)>';

/**
 * Puts jsdom's window on the Node globals so Lumino widgets can be created (they touch
 * `document` and, at import, `DragEvent`, which jsdom lacks: a MouseEvent stands in).
 * Call before importing any module that imports @lumino/widgets.
 */
export function installDomGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  if (g.document) return;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const w = window as unknown as Record<string, unknown>;
  for (const k of ['window', 'document', 'navigator', 'HTMLElement', 'Element', 'Node', 'MouseEvent', 'KeyboardEvent', 'getComputedStyle']) {
    if (!(k in g)) g[k] = k === 'window' ? window : w[k];
  }
  g.DragEvent = w.DragEvent ?? class DragEvent extends window.MouseEvent {};
  g.requestAnimationFrame = (cb: (t: number) => void) => setTimeout(() => cb(Date.now()), 0);
  g.cancelAnimationFrame = (id: ReturnType<typeof setTimeout>) => clearTimeout(id);
}
