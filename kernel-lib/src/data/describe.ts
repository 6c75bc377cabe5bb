import type { PanelSummaryPayload } from '@alpha-factory/schema';
import type { Panel } from './panel';

/** Statistics of one (field, asset) series, as pandas `Series.describe()` plus the missing count. */
export interface SeriesStats {
  field: string;
  asset: string;
  /** Non-missing (non-NaN) values. */
  count: number;
  /** Missing (NaN) values. */
  missing: number;
  mean: number;
  /** Sample standard deviation (ddof = 1); NaN when count < 2. */
  std: number;
  min: number;
  /** 25th percentile. */
  q25: number;
  median: number;
  /** 75th percentile. */
  q75: number;
  max: number;
}

/**
 * Quantile q of ascending-sorted values by linear interpolation between closest ranks, as
 * pandas/numpy's default: position h = q (n - 1), value x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = q * (n - 1);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const g = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy's _lerp: symmetric form, exact at both ends
  return g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g;
}

/** Statistics of one series (NaN = missing): count, missing, mean, std (ddof 1), min, quartiles, max. */
export function seriesStats(values: ArrayLike<number>, field = '', asset = ''): SeriesStats {
  const xs: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === v) xs.push(v);
  }
  const n = xs.length;
  const sorted = Float64Array.from(xs).sort();
  let sum = 0;
  for (const v of xs) sum += v;
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const v of xs) ss += (v - mean) * (v - mean);
  return {
    field,
    asset,
    count: n,
    missing: values.length - n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    min: n > 0 ? sorted[0] : NaN,
    q25: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    max: n > 0 ? sorted[n - 1] : NaN,
  };
}

/** The result of `describe(panel)`: one row per (field, asset), field-major. */
export class PanelDescription {
  constructor(
    readonly rows: readonly SeriesStats[],
    readonly nDates: number,
    readonly firstDate: string | null,
    readonly lastDate: string | null,
  ) {}

  /** The row of one (field, asset). */
  get(field: string, asset: string): SeriesStats | undefined {
    return this.rows.find((r) => r.field === field && r.asset === asset);
  }

  /** Rows as plain objects with NaN as null (JSON-ready). */
  toJSON(): Record<string, string | number | null>[] {
    return this.rows.map((r) => {
      const o: Record<string, string | number | null> = {};
      for (const [k, v] of Object.entries(r)) o[k] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
      return o;
    });
  }

  /**
   * The `panel-summary` payload (schema/payloads/panel-summary.v1.schema.json): the shape
   * and the statistics rows, NaN as null, so `show(describe(panel))` reaches the extension.
   */
  toPayload(title?: string): PanelSummaryPayload {
    return {
      kind: 'panel-summary',
      version: 1,
      title: title ?? null,
      n_dates: this.nDates,
      first_date: this.firstDate,
      last_date: this.lastDate,
      stats: this.toJSON() as unknown as PanelSummaryPayload['stats'],
    };
  }

  /** A fixed-width text table (at most `maxRows` rows; the rest summarised). */
  toString(maxRows = 40): string {
    const cols: (keyof SeriesStats)[] = ['field', 'asset', 'count', 'missing', 'mean', 'std', 'min', 'q25', 'median', 'q75', 'max'];
    const fmt = (v: string | number): string =>
      typeof v === 'string' ? v : Number.isNaN(v) ? 'NaN' : Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : formatNum(v);
    const shown = this.rows.slice(0, maxRows);
    const cells = [cols.map(String), ...shown.map((r) => cols.map((c) => fmt(r[c])))];
    const widths = cols.map((_, j) => Math.max(...cells.map((row) => row[j].length)));
    const lines = cells.map((row) => row.map((c, j) => (j < 2 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    const head = `${this.nDates} dates ${this.firstDate ?? '-'}..${this.lastDate ?? '-'}`;
    const more = this.rows.length > shown.length ? [`... ${this.rows.length - shown.length} more rows`] : [];
    return [head, ...lines, ...more].join('\n');
  }
}

function formatNum(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return v.toExponential(4);
  return v.toFixed(a >= 1000 ? 2 : 4);
}

/**
 * Basic statistics per field and asset, like pandas `DataFrame.describe()` on each field's
 * dates x assets frame: count (non-missing), missing, mean, std (ddof 1), min, 25%, 50%, 75%
 * (linear interpolation), max. Missing values (NaN) are skipped.
 */
export function describe(panel: Panel, opts: { fields?: readonly string[]; assets?: readonly string[] } = {}): PanelDescription {
  const fields = opts.fields ?? panel.fields;
  const assets = opts.assets ?? panel.assets;
  const rows: SeriesStats[] = [];
  for (const f of fields) {
    for (const a of assets) rows.push(seriesStats(panel.series(f, a), f, a));
  }
  return new PanelDescription(rows, panel.nDates, panel.dates[0] ?? null, panel.dates[panel.nDates - 1] ?? null);
}
