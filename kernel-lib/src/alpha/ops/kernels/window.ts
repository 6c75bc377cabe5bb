/**
 * Rolling order statistics and shape measures over a date-major panel (index t * N + i).
 *
 * Same missing-value rule as every rolling operator: the output at (t, i) is NaN unless all d
 * observations x[t-d+1..t] are finite. The kernels here are O(T * N * d): wma and
 * product walk the window row by row with the asset loop innermost (contiguous memory); the rest
 * work on one asset's column at a time through `perWindow`. (max, min, argmax, argmin, median,
 * quantile and rank are in sorted.ts.)
 */

import { allocArray } from '../pool';

/** Linearly weighted moving average, weights 1..d (today weighs d), divided by d(d+1)/2. */
export function rollingWma(x: Float64Array, T: number, N: number, d: number): Float64Array {
  const out = allocArray(T * N).fill(NaN);
  const norm = 2 / (d * (d + 1));
  for (let t = d - 1; t < T; t++) {
    const b = t * N;
    for (let i = 0; i < N; i++) out[b + i] = 0;
    for (let k = 0; k < d; k++) {
      const o = (t - k) * N;
      const w = (d - k) * norm;
      for (let i = 0; i < N; i++) out[b + i] += w * x[o + i];
    }
  }
  return out;
}

/** Rolling product. */
export function rollingProduct(x: Float64Array, T: number, N: number, d: number): Float64Array {
  const out = allocArray(T * N).fill(NaN);
  for (let t = d - 1; t < T; t++) {
    const b = t * N;
    for (let i = 0; i < N; i++) out[b + i] = 1;
    for (let k = 0; k < d; k++) {
      const o = (t - k) * N;
      for (let i = 0; i < N; i++) out[b + i] *= x[o + i];
    }
  }
  return out;
}

/**
 * Apply f to each complete window of each asset's column: f(col, start, d) reads col[start..start+d).
 * Windows with a missing value give NaN without calling f.
 */
export function perWindow(
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  f: (col: Float64Array, start: number, d: number) => number,
): Float64Array {
  const out = allocArray(T * N).fill(NaN);
  const col = new Float64Array(T);
  const bad = new Int32Array(T + 1);
  for (let i = 0; i < N; i++) {
    for (let t = 0; t < T; t++) {
      const v = x[t * N + i];
      col[t] = v;
      bad[t + 1] = bad[t] + (v - v === 0 ? 0 : 1);
    }
    for (let t = d - 1; t < T; t++) {
      if (bad[t + 1] !== bad[t + 1 - d]) continue;
      const r = f(col, t + 1 - d, d);
      out[t * N + i] = r - r === 0 ? r : NaN;
    }
  }
  return out;
}

/** Mean absolute deviation around the window mean: mean(|x - mean(x)|) (Qlib Mad, AlphaForge ts_mad). */
export function windowMad(col: Float64Array, start: number, d: number): number {
  let m = 0;
  for (let k = 0; k < d; k++) m += col[start + k];
  m /= d;
  let s = 0;
  for (let k = 0; k < d; k++) s += Math.abs(col[start + k] - m);
  return s / d;
}

/** Central moments m2, m3, m4 (divided by d) by two passes. */
function moments(col: Float64Array, start: number, d: number): [number, number, number] {
  let m = 0;
  for (let k = 0; k < d; k++) m += col[start + k];
  m /= d;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let k = 0; k < d; k++) {
    const e = col[start + k] - m;
    const e2 = e * e;
    m2 += e2;
    m3 += e2 * e;
    m4 += e2 * e2;
  }
  return [m2 / d, m3 / d, m4 / d];
}

/**
 * Bias-corrected sample skewness (pandas `rolling.skew`, adjusted Fisher-Pearson G1):
 * sqrt(d(d-1)) / (d-2) * m3 / m2^1.5. NaN on a constant window. d >= 3.
 */
export function windowSkew(col: Float64Array, start: number, d: number): number {
  const [m2, m3] = moments(col, start, d);
  if (!(m2 > 0)) return NaN;
  return ((Math.sqrt(d * (d - 1)) / (d - 2)) * m3) / Math.pow(m2, 1.5);
}

/**
 * Bias-corrected excess kurtosis (pandas `rolling.kurt`):
 * G2 = (d-1) / ((d-2)(d-3)) * ((d+1) m4 / m2^2 - 3 (d-1)). NaN on a constant window. d >= 4.
 */
export function windowKurt(col: Float64Array, start: number, d: number): number {
  const [m2, , m4] = moments(col, start, d);
  if (!(m2 > 0)) return NaN;
  return ((d - 1) / ((d - 2) * (d - 3))) * (((d + 1) * m4) / (m2 * m2) - 3 * (d - 1));
}

/**
 * Least-squares line of the window values on the time index k = 0..d-1 (Qlib Slope/Rsquare/Resi):
 * slope = sum (k - kbar) x_k / sum (k - kbar)^2; rsquare = slope^2 * Stt / Sxx (NaN on a constant
 * window); resi = today's residual x_{d-1} - (xbar + slope (d - 1 - kbar)). d >= 2.
 */
export function windowRegression(what: 'slope' | 'rsquare' | 'resi'): (col: Float64Array, start: number, d: number) => number {
  return (col, start, d) => {
    const kbar = (d - 1) / 2;
    let m = 0;
    for (let k = 0; k < d; k++) m += col[start + k];
    m /= d;
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < d; k++) {
      const e = col[start + k] - m;
      sxy += (k - kbar) * e;
      sxx += e * e;
    }
    const stt = (d * (d * d - 1)) / 12;
    const slope = sxy / stt;
    if (what === 'slope') return slope;
    if (what === 'rsquare') return sxx > 0 ? (sxy * sxy) / (stt * sxx) : NaN;
    return col[start + d - 1] - (m + slope * (d - 1 - kbar));
  };
}
