import type { Payload } from '../../payload/parse';
import { el, isRecordArray, keyValueTable, recordsTable, section } from '../dom';
import type { KindRenderer } from '../types';

/** Statistic columns shown first, in this order, when present (the `describe()` set). */
export const STAT_COLUMNS = ['field', 'asset', 'count', 'mean', 'std', 'min', 'max', 'missing', 'missing_pct'];

function orderColumns(records: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  const cols = [...STAT_COLUMNS.filter((c) => seen.has(c)), ...[...seen].filter((c) => !STAT_COLUMNS.includes(c))];
  return records.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
}

/**
 * `panel-summary` (a Panel's `describe()`): its shape and source as key/value rows, the
 * `stats` records (per field, or per field and asset: count, mean, std, min, max, missing)
 * as a table, and any validation `issues` (row, column, message) as a second table.
 */
export const panelSummaryRenderer: KindRenderer = {
  kind: 'panel-summary',
  label: 'Panel summary',
  render(payload: Payload, doc: Document): HTMLElement {
    const root = el(doc, 'div', 'af-panel-summary');
    const facts = Object.entries(payload).filter(
      ([k, v]) => !['kind', 'version', 'title', 'stats', 'issues'].includes(k) && (v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x !== 'object'))),
    );
    if (facts.length > 0) root.appendChild(keyValueTable(doc, facts));
    if (isRecordArray(payload.stats)) {
      root.appendChild(section(doc, 'Statistics', recordsTable(doc, orderColumns(payload.stats), undefined, 200)));
    }
    if (isRecordArray(payload.issues)) {
      root.appendChild(section(doc, `Validation issues (${payload.issues.length})`, recordsTable(doc, payload.issues)));
    }
    return root;
  },
};
