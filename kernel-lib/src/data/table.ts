import type { PanelLayout } from './options';

/**
 * The rows of a file as read, before they become a Panel: one record per file row, with its
 * spreadsheet row number, a key into the distinct date labels, a key into the distinct
 * tickers (long layout) and one number per value column. CSV, Arrow and Parquet readers all
 * produce this, so validation (dates, duplicates, order, prices) is written once, in `build.ts`.
 */
export interface RowTable {
  file: string;
  layout: PanelLayout;
  dateColumn: string;
  tickerColumn: string | null;
  /** Names of the value columns (fields for long/single, assets for wide). */
  valueColumns: string[];
  nRows: number;
  /** Spreadsheet row of each record (header = 1). */
  rowNumber: Int32Array;
  /** Index into `dateLabels` per record, -1 when the date cell was empty. */
  dateKey: Int32Array;
  /** Distinct date texts as written in the file (normalised later). */
  dateLabels: string[];
  /** Index into `assetNames` per record (long layout), -1 when empty; null otherwise. */
  assetKey: Int32Array | null;
  /** Distinct tickers in order of first appearance (long layout). */
  assetNames: string[];
  /** One array per value column, one number per record (NaN = missing or invalid). */
  values: Float64Array[];
  /** Count of missing markers (`.`) turned into NaN. */
  missingMarkers: number;
}

/** Accumulates records with amortised growth. */
export class RowTableBuilder {
  nRows = 0;
  rowNumber: Int32Array;
  dateKey: Int32Array;
  assetKey: Int32Array;
  values: Float64Array[];
  readonly dateLabels: string[] = [];
  readonly assetNames: string[] = [];
  private readonly dateIndex = new Map<string, number>();
  private readonly assetIndex = new Map<string, number>();
  missingMarkers = 0;

  constructor(
    readonly nValues: number,
    capacity = 1024,
  ) {
    const cap = Math.max(16, capacity);
    this.rowNumber = new Int32Array(cap);
    this.dateKey = new Int32Array(cap);
    this.assetKey = new Int32Array(cap);
    this.values = [];
    for (let c = 0; c < nValues; c++) this.values.push(new Float64Array(cap));
  }

  /** Start a record and return its index; fill `values[c][index]` afterwards. */
  add(rowNumber: number, dateLabel: string, asset: string | null): number {
    return this.addKeys(
      rowNumber,
      this.dateKeyOf(dateLabel),
      asset === null ? -1 : this.assetKeyOf(asset),
    );
  }

  /** Start a record from keys already looked up with `dateKeyOf` / `assetKeyOf`. */
  addKeys(rowNumber: number, dateKey: number, assetKey: number): number {
    if (this.nRows === this.rowNumber.length) this.grow();
    const r = this.nRows++;
    this.rowNumber[r] = rowNumber;
    this.dateKey[r] = dateKey;
    this.assetKey[r] = assetKey;
    return r;
  }

  /** Key of a date label (-1 when empty). */
  dateKeyOf(label: string): number {
    return label.length === 0 ? -1 : this.key(this.dateIndex, this.dateLabels, label);
  }

  /** Key of a ticker (-1 when empty). */
  assetKeyOf(label: string): number {
    return label.length === 0 ? -1 : this.key(this.assetIndex, this.assetNames, label);
  }

  private key(index: Map<string, number>, list: string[], label: string): number {
    let k = index.get(label);
    if (k === undefined) {
      k = list.length;
      list.push(label);
      index.set(label, k);
    }
    return k;
  }

  private grow(): void {
    const n = this.rowNumber.length * 2;
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.rowNumber = g32(this.rowNumber);
    this.dateKey = g32(this.dateKey);
    this.assetKey = g32(this.assetKey);
    this.values = this.values.map((a) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    });
  }

  finish(meta: {
    file: string;
    layout: PanelLayout;
    dateColumn: string;
    tickerColumn: string | null;
    valueColumns: string[];
  }): RowTable {
    const n = this.nRows;
    return {
      ...meta,
      nRows: n,
      rowNumber: this.rowNumber.subarray(0, n),
      dateKey: this.dateKey.subarray(0, n),
      dateLabels: this.dateLabels,
      assetKey: meta.layout === 'long' ? this.assetKey.subarray(0, n) : null,
      assetNames: this.assetNames,
      values: this.values.map((v) => v.subarray(0, n)),
      missingMarkers: this.missingMarkers,
    };
  }
}
