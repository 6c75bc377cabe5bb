import type { Payload } from '../../payload/parse';
import { el, formatValue } from '../dom';
import type { KindRenderer } from '../types';

/** A progress payload's fields, read defensively (parsed, not validated). */
export interface ProgressView {
  label: string;
  done: number;
  total: number;
  message: string;
  stats: Record<string, unknown>;
}

export function progressOf(p: Payload): ProgressView | null {
  const done = typeof p.done === 'number' && Number.isFinite(p.done) ? p.done : null;
  const total = typeof p.total === 'number' && Number.isFinite(p.total) ? p.total : null;
  if (done === null || total === null) return null;
  const stats = typeof p.stats === 'object' && p.stats !== null && !Array.isArray(p.stats) ? (p.stats as Record<string, unknown>) : {};
  return { label: typeof p.label === 'string' ? p.label : '', done, total, message: typeof p.message === 'string' ? p.message : '', stats };
}

/**
 * `progress` (progressDisplay's machine-readable part): a progress bar with `done/total` and
 * the engine's message. Each update_display_data replaces the whole output, so this view is
 * simply rebuilt.
 */
export const progressRenderer: KindRenderer = {
  kind: 'progress',
  label: 'Progress',
  render(payload: Payload, doc: Document): HTMLElement {
    const root = el(doc, 'div', 'af-progress-view');
    const p = progressOf(payload);
    if (!p) {
      root.appendChild(el(doc, 'span', 'af-error', 'progress without numeric done/total'));
      return root;
    }
    root.appendChild(el(doc, 'span', 'af-progress-label', p.label));
    const bar = root.appendChild(el(doc, 'progress', 'af-progress-bar'));
    bar.max = p.total > 0 ? p.total : 1;
    bar.value = Math.min(p.done, bar.max);
    bar.setAttribute('aria-label', `${p.label || 'Progress'}: ${p.done} of ${p.total}`);
    const pct = p.total > 0 ? Math.round((100 * p.done) / p.total) : 0;
    root.appendChild(el(doc, 'span', 'af-progress-count', `${formatValue(p.done)}/${formatValue(p.total)} (${pct}%)`));
    if (p.message) root.appendChild(el(doc, 'span', 'af-progress-text', p.message));
    return root;
  },
};
