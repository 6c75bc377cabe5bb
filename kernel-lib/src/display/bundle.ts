import { Panel } from '../data/panel';
import { Chart } from './charts';
import { escapeHtml, htmlTable, type Cell } from './html';
import { isPayloadSource, payloadMimeType, toJsonValue, type Payload } from './payload';
import { Table } from './table';
import type { MimeBundle } from './tslab';

export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

interface ChartSource {
  toChart(): Chart;
}

function isChartSource(x: unknown): x is ChartSource {
  return typeof x === 'object' && x !== null && typeof (x as { toChart?: unknown }).toChart === 'function';
}

/** Chart -> vega-lite (interactive in Lab) + SVG (kept by nbconvert) + text. */
export function chartBundle(chart: Chart): MimeBundle {
  return {
    [VEGA_LITE_MIME]: chart.spec,
    'image/svg+xml': chart.toSvg(),
    'text/plain': chart.toString(),
  };
}

function scalarRows(payload: Payload): Cell[][] {
  const rows: Cell[][] = [];
  for (const [k, v] of Object.entries(payload)) {
    if (k === 'kind' || k === 'version') continue;
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') rows.push([k, v]);
  }
  return rows;
}

const MAX_HTML_ROWS = 50;

function isRecordArray(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.length > 0 && v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r));
}

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function recordsHtml(name: string, records: Record<string, unknown>[]): string {
  const cols: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const shown = records.slice(0, MAX_HTML_ROWS).map((r) => cols.map((c) => cellOf(r[c])));
  const more = records.length > shown.length ? ` (first ${shown.length} of ${records.length})` : '';
  return htmlTable(cols, shown, `${name}${more}`);
}

/**
 * A readable static HTML rendition of any payload: its scalar fields as a key/value table,
 * and each array of records (e.g. statistics rows) as a table of at most 50 rows. (The
 * extension renders the full payload; this is what the HTML report and other front-ends
 * show.) Every string is escaped.
 */
export function payloadHtml(payload: Payload, title?: string): string {
  const heading = `<div class="af-payload-title"><strong>${escapeHtml(title ?? payload.kind)}</strong></div>`;
  const rows = scalarRows(payload);
  const tables = Object.entries(payload)
    .filter(([, v]) => isRecordArray(v))
    .map(([k, v]) => recordsHtml(k, v as Record<string, unknown>[]))
    .join('');
  return `<div class="af-payload af-payload-${escapeHtml(payload.kind)}">${heading}${rows.length > 0 ? htmlTable(['field', 'value'], rows) : ''}${tables}</div>`;
}

function panelBundle(panel: Panel): MimeBundle {
  const head = Math.min(5, panel.nDates);
  const cols = ['date', 'asset', ...panel.fields];
  const rows: Cell[][] = [];
  for (let t = 0; t < head; t++) {
    for (let i = 0; i < Math.min(panel.nAssets, 3); i++) {
      rows.push([panel.dates[t], panel.assets[i], ...panel.fields.map((f) => panel.value(f, t, i))]);
    }
  }
  const payload: Payload = {
    kind: 'panel',
    version: 1,
    source: panel.source?.name ?? null,
    sha256: panel.source?.sha256 ?? null,
    n_dates: panel.nDates,
    n_assets: panel.nAssets,
    fields: panel.fields,
    first_date: panel.dates[0] ?? null,
    last_date: panel.dates[panel.nDates - 1] ?? null,
    assets: panel.assets.slice(0, 50),
  };
  return {
    [payloadMimeType('panel')]: payload,
    'text/html': `<div class="af-panel"><p>${escapeHtml(panel.toString())}</p>${htmlTable(cols, rows)}</div>`,
    'text/plain': panel.toString(),
  };
}

/**
 * The MIME bundle `show(x)` sends for any value:
 * - `Chart`: vega-lite + SVG + text;
 * - `Panel`: panel payload + HTML head + text;
 * - `Table` or an array of records: HTML table + table payload + text;
 * - an engine object with `toPayload()`: its payload + HTML summary + text, plus the chart
 *   (vega-lite + SVG) when it also has `toChart()`;
 * - anything else: text/plain.
 */
export function toBundle(x: unknown): MimeBundle {
  if (x instanceof Chart) return chartBundle(x);
  if (x instanceof Panel) return panelBundle(x);
  if (Array.isArray(x) && x.length > 0 && x.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    return toBundle(Table.fromRecords(x as Record<string, Cell>[]));
  }
  if (x instanceof Table) {
    return {
      [payloadMimeType('table')]: toJsonValue(x.toPayload()),
      'text/html': x.toHtml(),
      'text/plain': x.toString(),
    };
  }
  if (isPayloadSource(x)) {
    const payload = toJsonValue(x.toPayload()) as Payload;
    const text = String(x);
    const bundle: MimeBundle = {
      [payloadMimeType(payload.kind, payload.version)]: payload,
      'text/plain': text,
    };
    if (isChartSource(x)) {
      const chart = x.toChart();
      bundle[VEGA_LITE_MIME] = chart.spec;
      bundle['image/svg+xml'] = chart.toSvg();
    } else {
      bundle['text/html'] = payloadHtml(payload, text.split('\n')[0]);
    }
    return bundle;
  }
  if (typeof x === 'string') return { 'text/plain': x };
  return { 'text/plain': inspectValue(x) };
}

function inspectValue(x: unknown): string {
  const util = require('util') as typeof import('util');
  return util.inspect(x, { depth: 4, maxArrayLength: 20 });
}
