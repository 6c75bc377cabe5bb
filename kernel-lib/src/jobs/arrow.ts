import { Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray, makeVector } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import { Panel } from '../data/panel';

/**
 * One field of a Panel as a wide Arrow table: a utf8 `date` column, then one float64 column per
 * asset (NaN = missing), serialised in the Arrow IPC file format. This is the `returns` input of
 * a garch-batch job.
 */
export function panelToArrow(panel: Panel, field: string): Uint8Array {
  const values = panel.field(field);
  const n = panel.nAssets;
  const cols: Record<string, Vector> = { date: vectorFromArray(panel.dates as string[], new Utf8()) };
  for (let i = 0; i < n; i++) {
    if (panel.assets[i] === 'date') throw new InvalidArgumentError('an asset named "date" clashes with the date column');
    const col = new Float64Array(panel.nDates);
    for (let t = 0; t < panel.nDates; t++) col[t] = values[t * n + i];
    cols[panel.assets[i]] = makeVector(col);
  }
  return tableToIPC(new Table(cols), 'file');
}

/** Read Arrow IPC bytes (file or stream format). */
export function readArrow(bytes: Uint8Array, file?: string): Table {
  try {
    return tableFromIPC(bytes);
  } catch (e) {
    throw new AlphaFactoryError('bad_arrow', `cannot read Arrow IPC data: ${(e as Error).message}`, { file });
  }
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** Rows of a table as plain objects (int64 as numbers, nulls as null). */
export function tableRecords(table: Table): Record<string, unknown>[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((n) => table.getChild(n)!);
  const out: Record<string, unknown>[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = plain(cols[c].get(r)) ?? null;
    out.push(row);
  }
  return out;
}

/** One numeric column as a Float64Array (null -> NaN). */
export function numericColumn(table: Table, name: string): Float64Array {
  const col = table.getChild(name);
  if (!col) throw new AlphaFactoryError('unknown_column', `table has no column "${name}" (columns: ${table.schema.fields.map((f) => f.name).join(', ')})`, { column: name });
  const out = new Float64Array(table.numRows);
  for (let r = 0; r < out.length; r++) {
    const v = plain(col.get(r));
    out[r] = v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

/** A wide table (`date` + one numeric column per asset) back into a Panel with one field. */
export function arrowToPanel(table: Table, field = 'value'): Panel {
  const dateCol = table.getChild('date');
  if (!dateCol) throw new AlphaFactoryError('unknown_column', 'a wide table needs a "date" column to become a Panel', { column: 'date' });
  const dates: string[] = [];
  for (let r = 0; r < table.numRows; r++) dates.push(String(dateCol.get(r)));
  const assets = table.schema.fields.map((f) => f.name).filter((n) => n !== 'date');
  const values = new Float64Array(dates.length * assets.length);
  assets.forEach((a, i) => {
    const col = numericColumn(table, a);
    for (let t = 0; t < dates.length; t++) values[t * assets.length + i] = col[t];
  });
  return new Panel({ dates, assets, fields: { [field]: values } });
}

