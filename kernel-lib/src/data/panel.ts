import { AlphaFactoryError, InvalidArgumentError } from '../errors';

/**
 * Where a panel came from, recorded in experiment manifests.
 */
export interface PanelSource {
  /** Dataset name or file path. */
  name: string;
  /** sha256 of the bytes that were read (hex), when the panel came from a file. */
  sha256?: string;
  /** Number of `.` missing markers turned into NaN while loading. */
  missingMarkers?: number;
}

export interface PanelInit {
  dates: readonly string[];
  assets: readonly string[];
  /** One array per field, laid out date-major: value(t, i) = values[t * nAssets + i]. */
  fields: Record<string, Float64Array>;
  source?: PanelSource;
}

/**
 * The unit the engine computes on: dates x assets x fields.
 *
 * Each field is one columnar `Float64Array` of length `nDates * nAssets`, date-major
 * (`index = t * nAssets + i`), so a cross-section is a contiguous `subarray` and a time
 * series is a stride-`nAssets` walk (`series()` copies one out). NaN means missing.
 * Dates are ISO `YYYY-MM-DD` strings, strictly increasing.
 *
 * Panels are immutable by convention: methods that change shape return a new Panel
 * (arrays are shared where possible, so do not write into `field()` results).
 */
export class Panel {
  readonly dates: readonly string[];
  readonly assets: readonly string[];
  readonly source?: PanelSource;
  private readonly data: Map<string, Float64Array>;
  private assetIndex?: Map<string, number>;
  private dateIndex?: Map<string, number>;

  constructor(init: PanelInit) {
    this.dates = init.dates.slice();
    this.assets = init.assets.slice();
    this.source = init.source;
    this.data = new Map();
    const size = this.dates.length * this.assets.length;
    for (const [name, values] of Object.entries(init.fields)) {
      if (values.length !== size) {
        throw new InvalidArgumentError(
          `field "${name}" has ${values.length} values, expected ${this.dates.length} dates x ${this.assets.length} assets = ${size}`,
        );
      }
      this.data.set(name, values);
    }
    const seen = new Set<string>();
    for (const a of this.assets) {
      if (seen.has(a)) throw new InvalidArgumentError(`duplicate asset "${a}" in panel`);
      seen.add(a);
    }
  }

  get nDates(): number {
    return this.dates.length;
  }

  get nAssets(): number {
    return this.assets.length;
  }

  /** Field names in insertion order. */
  get fields(): string[] {
    return [...this.data.keys()];
  }

  hasField(name: string): boolean {
    return this.data.has(name);
  }

  /** The whole field array (date-major). Throws naming the available fields when absent. */
  field(name: string): Float64Array {
    const v = this.data.get(name);
    if (!v) {
      throw new AlphaFactoryError('unknown_field', `panel has no field "${name}" (fields: ${this.fields.join(', ')})`, {
        column: name,
      });
    }
    return v;
  }

  /** Index of an asset, or throws. */
  assetAt(asset: string): number {
    if (!this.assetIndex) this.assetIndex = new Map(this.assets.map((a, i) => [a, i]));
    const i = this.assetIndex.get(asset);
    if (i === undefined) throw new AlphaFactoryError('unknown_asset', `panel has no asset "${asset}"`, { column: asset });
    return i;
  }

  /** Index of a date, or throws. */
  dateAt(date: string): number {
    if (!this.dateIndex) this.dateIndex = new Map(this.dates.map((d, t) => [d, t]));
    const t = this.dateIndex.get(date);
    if (t === undefined) throw new AlphaFactoryError('unknown_date', `panel has no date ${date}`);
    return t;
  }

  value(field: string, t: number, i: number): number {
    return this.field(field)[t * this.assets.length + i];
  }

  /** The time series of one field for one asset (a copy). */
  series(field: string, asset: string | number): Float64Array {
    const i = typeof asset === 'number' ? asset : this.assetAt(asset);
    const src = this.field(field);
    const n = this.assets.length;
    const out = new Float64Array(this.dates.length);
    for (let t = 0; t < out.length; t++) out[t] = src[t * n + i];
    return out;
  }

  /** The cross-section of one field at date index t (a view, do not write into it). */
  crossSection(field: string, t: number): Float64Array {
    const n = this.assets.length;
    return this.field(field).subarray(t * n, (t + 1) * n);
  }

  /** A new panel with one more (or a replaced) field. */
  withField(name: string, values: Float64Array): Panel {
    const fields: Record<string, Float64Array> = {};
    for (const [k, v] of this.data) fields[k] = v;
    fields[name] = values;
    return new Panel({ dates: this.dates, assets: this.assets, fields, source: this.source });
  }

  /** Only the named fields. */
  selectFields(names: readonly string[]): Panel {
    const fields: Record<string, Float64Array> = {};
    for (const k of names) fields[k] = this.field(k);
    return new Panel({ dates: this.dates, assets: this.assets, fields, source: this.source });
  }

  /** Only the named assets, in the order given. */
  selectAssets(assets: readonly string[]): Panel {
    const idx = assets.map((a) => this.assetAt(a));
    const n = this.assets.length;
    const m = idx.length;
    const T = this.dates.length;
    const fields: Record<string, Float64Array> = {};
    for (const [k, v] of this.data) {
      const out = new Float64Array(T * m);
      for (let t = 0; t < T; t++) for (let j = 0; j < m; j++) out[t * m + j] = v[t * n + idx[j]];
      fields[k] = out;
    }
    return new Panel({ dates: this.dates, assets, fields, source: this.source });
  }

  /** Dates with start <= date <= end (ISO strings compare lexically). */
  sliceDates(start?: string, end?: string): Panel {
    let t0 = 0;
    let t1 = this.dates.length;
    while (t0 < t1 && start !== undefined && this.dates[t0] < start) t0++;
    while (t1 > t0 && end !== undefined && this.dates[t1 - 1] > end) t1--;
    const n = this.assets.length;
    const fields: Record<string, Float64Array> = {};
    for (const [k, v] of this.data) fields[k] = v.slice(t0 * n, t1 * n);
    return new Panel({ dates: this.dates.slice(t0, t1), assets: this.assets, fields, source: this.source });
  }

  toString(): string {
    const first = this.dates[0] ?? '-';
    const last = this.dates[this.dates.length - 1] ?? '-';
    return `Panel(${this.nDates} dates ${first}..${last} x ${this.nAssets} assets x fields [${this.fields.join(', ')}])`;
  }
}
