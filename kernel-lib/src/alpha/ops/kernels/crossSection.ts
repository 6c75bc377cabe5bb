import { sortFloat64 } from './sort';

/**
 * Cross-sectional kernels: each works on one date's row of assets (contiguous in the
 * date-major layout). Missing values stay missing and are left out of every statistic.
 */

/** First index in sorted[0..m) with sorted[k] >= v. */
function lowerBound(sorted: Float64Array, m: number, v: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted[0..m) with sorted[k] > v. */
function upperBound(sorted: Float64Array, m: number, v: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Percentile rank across the finite values of a row, ties averaged: rank / m with ranks 1..m
 * (pandas `rank(axis=1, pct=True)`, Alpha101's `rank`). `scratch` must hold row.length values.
 */
export function rankRow(row: Float64Array, out: Float64Array, scratch: Float64Array): void {
  let m = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v - v === 0) scratch[m++] = v;
  }
  const sorted = scratch.subarray(0, m);
  sortFloat64(sorted);
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v - v !== 0) {
      out[i] = NaN;
      continue;
    }
    const lo = lowerBound(sorted, m, v);
    const hi = upperBound(sorted, m, v);
    out[i] = (lo + hi + 1) / 2 / m;
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
