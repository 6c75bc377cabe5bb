/**
 * Helpers for rules that work on the factors' realised daily series: the window's dates where
 * every factor has a value, as a K x P matrix (factor-major), and small statistics on it.
 */
import type { WeightContext } from './engine';
import type { StatKind } from './stats';

/** K x P matrix (R[k * P + s], oldest first) of a statistic over the window's complete dates. */
export function completeSeries(ctx: WeightContext, kind: StatKind): { R: Float64Array; P: number } {
  const K = ctx.K;
  const series = [...Array(K).keys()].map((k) => ctx.window(kind, k));
  const keep: number[] = [];
  for (let s = 0; s < series[0].length; s++) if (series.every((x) => Number.isFinite(x[s]))) keep.push(s);
  const P = keep.length;
  const R = new Float64Array(K * P);
  for (let k = 0; k < K; k++) keep.forEach((s, j) => (R[k * P + j] = series[k][s]));
  return { R, P };
}

/** Sample covariance (ddof 1) of the rows of a K x P matrix. */
export function rowCovariance(R: Float64Array, K: number, P: number): Float64Array {
  const mean = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < P; j++) s += R[k * P + j];
    mean[k] = s / P;
  }
  const C = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = a; b < K; b++) {
      let s = 0;
      for (let j = 0; j < P; j++) s += (R[a * P + j] - mean[a]) * (R[b * P + j] - mean[b]);
      C[a * K + b] = C[b * K + a] = s / (P - 1);
    }
  }
  return C;
}

export function rowMeans(R: Float64Array, K: number, P: number): Float64Array {
  const m = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < P; j++) s += R[k * P + j];
    m[k] = s / P;
  }
  return m;
}

/** Shrink a covariance toward (trace / K) I: (1 - s) C + s (tr C / K) I. */
export function shrinkCovariance(C: Float64Array, K: number, s: number): Float64Array {
  let tr = 0;
  for (let k = 0; k < K; k++) tr += C[k * K + k];
  const out = C.map((v) => (1 - s) * v);
  for (let k = 0; k < K; k++) out[k * K + k] += (s * tr) / K;
  return out;
}
