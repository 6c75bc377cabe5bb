import { sortFloat64WithIndex } from './sort';

/**
 * Cross-sectional kernels: each works on one date's row of assets (contiguous in the
 * date-major layout). Missing values stay missing and are left out of every statistic.
 */

/**
 * Percentile rank across the finite values of a row, ties averaged: rank / m with ranks 1..m
 * (pandas `rank(axis=1, pct=True)`, Alpha101's `rank`). Sorts (value, position) pairs once, then
 * gives each run of equal values the mean of the ranks it spans. `scratch` must hold row.length
 * values; `index` (optional) row.length integers.
 */
export function rankRow(row: Float64Array, out: Float64Array, scratch: Float64Array, index = new Int32Array(row.length)): void {
  let m = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v - v === 0) {
      scratch[m] = v;
      index[m++] = i;
    } else out[i] = NaN;
  }
  sortFloat64WithIndex(scratch, index, 0, m);
  let k = 0;
  while (k < m) {
    let e = k + 1;
    while (e < m && scratch[e] === scratch[k]) e++;
    const r = (k + 1 + e) / 2 / m; // ranks k+1 .. e averaged
    for (let j = k; j < e; j++) out[index[j]] = r;
    k = e;
  }
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
