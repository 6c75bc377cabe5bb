/**
 * `AssetTable`: a dates x assets block of numbers (prices or returns), row-major, NaN = missing.
 * It is the input of the covariance estimators and allocators; `fromPanel` takes one field of a
 * `Panel`, `fromColumns` takes named columns.
 */
import { InvalidArgumentError } from '../errors';
import type { Panel } from '../data/panel';

export interface AssetTable {
  readonly assets: readonly string[];
  /** ISO dates, one per row (optional). */
  readonly dates?: readonly string[];
  /** rows x assets, value(t, i) = values[t * nAssets + i]. */
  readonly values: Float64Array;
  readonly rows: number;
}

export function assetTable(assets: readonly string[], values: Float64Array, dates?: readonly string[]): AssetTable {
  const n = assets.length;
  if (n === 0) throw new InvalidArgumentError('asset table needs at least one asset');
  if (values.length % n !== 0) throw new InvalidArgumentError(`asset table has ${values.length} values, not a multiple of ${n} assets`);
  const rows = values.length / n;
  if (dates && dates.length !== rows) throw new InvalidArgumentError(`asset table has ${rows} rows but ${dates.length} dates`);
  return { assets: assets.slice(), dates: dates?.slice(), values, rows };
}

/** From columns keyed by asset name (all the same length). */
export function fromColumns(columns: Record<string, ArrayLike<number>>, dates?: readonly string[]): AssetTable {
  const assets = Object.keys(columns);
  const T = assets.length ? columns[assets[0]].length : 0;
  const n = assets.length;
  const values = new Float64Array(T * n);
  assets.forEach((a, i) => {
    const c = columns[a];
    if (c.length !== T) throw new InvalidArgumentError(`column "${a}" has ${c.length} values, expected ${T}`, { column: a });
    for (let t = 0; t < T; t++) values[t * n + i] = c[t];
  });
  return assetTable(assets, values, dates);
}

/** One field of a panel (already date-major with the same layout). */
export function fromPanel(panel: Panel, field: string): AssetTable {
  return assetTable(panel.assets, panel.field(field).slice(), panel.dates);
}

/** The column of one asset (a copy). */
export function column(table: AssetTable, i: number): Float64Array {
  const n = table.assets.length;
  const out = new Float64Array(table.rows);
  for (let t = 0; t < table.rows; t++) out[t] = table.values[t * n + i];
  return out;
}
