/**
 * Simple returns from prices, exactly as PyPortfolioOpt's `returns_from_prices`:
 * `prices.pct_change(fill_method=None).dropna(how="all")`.
 *
 * r(t, i) = p(t, i) / p(t-1, i) - 1, NaN when either price is missing (no forward fill), and rows
 * where every asset's return is NaN are dropped (the first row always, plus any all-missing
 * dates). Ragged starts (assets listed later) therefore stay NaN until the second valid price.
 * `log: true` gives log(1 + r).
 */
import { AlphaFactoryError } from '../../errors';
import { assetTable, type AssetTable } from '../table';

export function returnsFromPrices(prices: AssetTable, opts: { log?: boolean } = {}): AssetTable {
  const n = prices.assets.length;
  const P = prices.values;
  const keep: number[] = [];
  const out: number[] = [];
  for (let t = 1; t < prices.rows; t++) {
    let any = false;
    const row = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = P[(t - 1) * n + i];
      const b = P[t * n + i];
      const r = b / a - 1;
      row[i] = Number.isNaN(a) || Number.isNaN(b) ? NaN : opts.log ? Math.log1p(r) : r;
      if (!Number.isNaN(row[i])) any = true;
    }
    if (any) {
      keep.push(t);
      for (let i = 0; i < n; i++) out.push(row[i]);
    }
  }
  if (keep.length === 0) throw new AlphaFactoryError('no_data', 'no returns can be computed: every asset has fewer than two consecutive prices');
  return assetTable(prices.assets, Float64Array.from(out), prices.dates ? keep.map((t) => prices.dates![t]) : undefined);
}

/** Drop rows where every value is NaN (PyPortfolioOpt's `dropna(how="all")` on returns data). */
export function dropAllMissingRows(table: AssetTable): AssetTable {
  const n = table.assets.length;
  const keep: number[] = [];
  for (let t = 0; t < table.rows; t++) {
    for (let i = 0; i < n; i++) if (!Number.isNaN(table.values[t * n + i])) {
      keep.push(t);
      break;
    }
  }
  if (keep.length === table.rows) return table;
  const values = new Float64Array(keep.length * n);
  keep.forEach((t, k) => values.set(table.values.subarray(t * n, (t + 1) * n), k * n));
  return assetTable(table.assets, values, table.dates ? keep.map((t) => table.dates![t]) : undefined);
}
