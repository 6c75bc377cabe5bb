import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { InvalidArgumentError } from '../errors';
import type { Panel } from './panel';

export interface CsvWriteOptions {
  /** `long` (default): date, ticker, fields; `wide`: date, one column per asset (one field); `single`: date, fields (one asset). */
  layout?: 'long' | 'wide' | 'single';
  /** The field of the wide layout (default: the only field, or `close`). */
  field?: string;
  /** Name of the ticker column (default `ticker`). */
  tickerColumn?: string;
}

/** Quote a cell when it holds a comma, a quote or a line break (RFC 4180). */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number as the shortest text that reads back to the same double; NaN as an empty cell. */
function num(v: number): string {
  return Number.isNaN(v) ? '' : String(v);
}

/**
 * A Panel as CSV text that the loaders read back to the same panel: every (date, asset) pair
 * is written (long layout), numbers in their shortest round-trip form, NaN as an empty cell.
 */
export function panelToCsv(panel: Panel, opts: CsvWriteOptions = {}): string {
  const layout = opts.layout ?? 'long';
  const T = panel.nDates;
  const N = panel.nAssets;
  const lines: string[] = [];
  if (layout === 'long') {
    const fields = panel.fields;
    const arrays = fields.map((f) => panel.field(f));
    lines.push(['date', opts.tickerColumn ?? 'ticker', ...fields].map(cell).join(','));
    const names = panel.assets.map(cell);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < N; i++) {
        let line = `${panel.dates[t]},${names[i]}`;
        for (const a of arrays) line += `,${num(a[t * N + i])}`;
        lines.push(line);
      }
    }
  } else if (layout === 'wide') {
    const field = opts.field ?? (panel.fields.length === 1 ? panel.fields[0] : 'close');
    const v = panel.field(field);
    lines.push(['date', ...panel.assets].map(cell).join(','));
    for (let t = 0; t < T; t++) {
      let line = panel.dates[t];
      for (let i = 0; i < N; i++) line += `,${num(v[t * N + i])}`;
      lines.push(line);
    }
  } else {
    if (N !== 1) throw new InvalidArgumentError(`the single layout needs a one-asset panel, this one has ${N} assets`);
    const arrays = panel.fields.map((f) => panel.field(f));
    lines.push(['date', ...panel.fields].map(cell).join(','));
    for (let t = 0; t < T; t++) lines.push([panel.dates[t], ...arrays.map((a) => num(a[t]))].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Write a panel as CSV (gzipped when the path ends in `.gz`); see `panelToCsv`. */
export function writeCsv(panel: Panel, path: string, opts: CsvWriteOptions = {}): void {
  const text = panelToCsv(panel, opts);
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(text) : text);
}
