import { Ranker } from './ranker';

/**
 * Cross-sectional kernels: each works on one date's row of assets (contiguous in the
 * date-major layout). Missing values stay missing and are left out of every statistic.
 */

/** Reused memory for `rankRow`: the finite values of a row, their positions, and the sorter. */
export class RowRankScratch {
  readonly ranker: Ranker;
  readonly values: Float64Array;
  readonly positions: Int32Array;
  constructor(readonly capacity: number) {
    this.ranker = new Ranker(capacity);
    this.values = new Float64Array(capacity);
    this.positions = new Int32Array(capacity);
  }
}

/**
 * Percentile rank across the finite values of a row, ties averaged: rank / m with ranks 1..m
 * (pandas `rank(axis=1, pct=True)`, Alpha101's `rank`). The finite values are sorted once
 * (ranker.ts) and each run of equal values gets the mean of the ranks it spans. Missing values
 * stay missing. `scratch` (capacity >= row length) is reused across rows.
 */
export function rankRow(row: Float64Array, out: Float64Array, scratch = new RowRankScratch(row.length)): void {
  const { values, positions } = scratch;
  let m = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v - v === 0) {
      values[m] = v;
      positions[m++] = i;
    } else out[i] = NaN;
  }
  scratch.ranker.ranks(values, m, out, m, positions);
}

/** Mean and sample standard deviation (ddof 1) of the finite values of a row. */
export function rowMoments(row: Float64Array): { m: number; mean: number; std: number } {
  let m = 0;
  let s = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v - v === 0) {
      m++;
      s += v;
    }
  }
  const mean = m > 0 ? s / m : NaN;
  let ss = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v - v === 0) ss += (v - mean) * (v - mean);
  }
  return { m, mean, std: m > 1 ? Math.sqrt(ss / (m - 1)) : NaN };
}

/** (x - mean) / std across the row (ddof 1); NaN when the row has fewer than 2 values or zero spread. */
export function zscoreRow(row: Float64Array, out: Float64Array): void {
  const { mean, std } = rowMoments(row);
  const ok = std > 0;
  for (let i = 0; i < row.length; i++) out[i] = ok ? (row[i] - mean) / std : NaN;
}

/** x - mean across the row. */
export function demeanRow(row: Float64Array, out: Float64Array): void {
  const { mean } = rowMoments(row);
  for (let i = 0; i < row.length; i++) out[i] = row[i] - mean;
}

/** a * x / sum |x| across the row (Alpha101's scale: sum of |values| becomes a); NaN if that sum is 0. */
export function scaleRow(row: Float64Array, out: Float64Array, a: number): void {
  let s = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v - v === 0) s += Math.abs(v);
  }
  const f = s > 0 ? a / s : NaN;
  for (let i = 0; i < row.length; i++) out[i] = row[i] * f;
}

/**
 * Clip each value to [mean - k std, mean + k std] of its row (ddof 1). With fewer than 2 values
 * the bounds are undefined and the row passes through unchanged (pandas `clip` with NaN bounds).
 */
export function winsorizeRow(row: Float64Array, out: Float64Array, k: number): void {
  const { mean, std } = rowMoments(row);
  const lo = mean - k * std;
  const hi = mean + k * std;
  const clip = std === std;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    out[i] = clip ? (v < lo ? lo : v > hi ? hi : v) : v;
  }
}
