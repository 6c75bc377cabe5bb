import { escapeHtml } from './html';
import { writeBundle } from './tslab';

/** What long-running engine work reports (batch fits, mining, jobs). */
export interface ProgressEvent {
  done: number;
  total: number;
  message?: string;
  /** Named figures for front ends (the progress payload's `stats`), e.g. zoo fill and best metric. */
  stats?: Record<string, number | string | null>;
}

/** The machine-readable part of a progress display (schema/payloads/progress.v1.schema.json). */
export const PROGRESS_MIME = 'application/vnd.alpha-factory.progress.v1+json';

let counter = 0;

function bar(fraction: number, width: number): string {
  const n = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return '#'.repeat(n) + '-'.repeat(width - n);
}

/**
 * An updatable progress display: in a notebook one output that is replaced in place
 * (display_data then update_display_data with the same display id); in a terminal a bar on
 * stderr. Returns the callback engines accept as `onProgress`.
 */
export function progressDisplay(label: string): (e: ProgressEvent) => void {
  const displayId = `af-progress-${process.pid}-${++counter}`;
  let started = false;
  let lastText = '';
  return (e: ProgressEvent) => {
    const frac = e.total > 0 ? e.done / e.total : 0;
    const pct = Math.round(frac * 100);
    const text = `${label} [${bar(frac, 30)}] ${e.done}/${e.total} (${pct}%)${e.message ? ' ' + e.message : ''}`;
    const key = e.stats ? `${text}|${JSON.stringify(e.stats)}` : text;
    if (key === lastText) return;
    lastText = key;
    const html =
      `<div class="af-progress"><span>${escapeHtml(label)}</span> ` +
      `<progress max="${e.total}" value="${e.done}"></progress> ${e.done}/${e.total} ` +
      `${e.message ? escapeHtml(e.message) : ''}</div>`;
    const payload = { kind: 'progress', version: 1, label, done: e.done, total: e.total, message: e.message ?? null, stats: e.stats ?? {} };
    const sent = writeBundle({ [PROGRESS_MIME]: payload, 'text/html': html, 'text/plain': text }, { displayId, update: started });
    if (sent) {
      started = true;
      return;
    }
    if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
    else if (e.done === e.total) process.stderr.write(`${text}\n`);
    if (process.stderr.isTTY && e.done === e.total) process.stderr.write('\n');
  };
}
