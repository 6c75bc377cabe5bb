/**
 * Quantile (bucket) returns and the long-short spread, robust to ties and discrete factors.
 *
 * Tie rule: on each date, over the assets where factor and label are both finite (m of
 * them), each asset gets the average rank r of its factor value (ties share the mean rank)
 * and falls in bucket q = floor(Q * (r - 0.5) / m), 0 = lowest factor values, Q - 1 = highest.
 * With distinct values this is the usual equal-count split (pandas `qcut` on ranks); tied
 * assets always share a bucket, so a discrete factor never fails with "bin edges must be
 * unique" (alphalens #131): some buckets are simply empty that day.
 *
 * - bucket return(t, q) = mean label of the assets in bucket q at t (NaN when q is empty);
 * - mean return(q) = mean over the dates where q is non-empty;
 * - spread(t) = return of the highest non-empty bucket minus that of the lowest non-empty
 *   bucket (NaN when all assets tie, i.e. only one bucket is occupied, or the date is skipped
 *   for having fewer than `minAssets` assets).
 */
import { InvalidArgumentError } from '../../errors';
import { averageRanks } from './rank';
import { checkSameShape, finitePairs } from './pairs';
import { minAssetsOf, type CrossSectionOptions } from './ic';

export interface QuantileOptions extends CrossSectionOptions {
  /** Number of buckets Q (default 5). */
  quantiles?: number;
}

export interface QuantileReturns {
  quantiles: number;
  /** bucket return(t, q) at index t * Q + q. */
  daily: Float64Array;
  /** mean return per bucket over the dates it is non-empty (length Q). */
  mean: Float64Array;
  /** Daily long-short spread (length T). */
  spread: Float64Array;
}

export function quantilesOf(opts?: QuantileOptions): number {
  const q = opts?.quantiles ?? 5;
  if (!Number.isInteger(q) || q < 2) throw new InvalidArgumentError(`quantiles must be an integer >= 2, got ${q}`);
  return q;
}

/** Bucket of each of the m values (same order), by the tie rule above. */
export function bucketsOf(values: Float64Array, quantiles: number): Int32Array {
  const m = values.length;
  const r = averageRanks(values);
  const out = new Int32Array(m);
  for (let k = 0; k < m; k++) out[k] = Math.min(quantiles - 1, Math.floor((quantiles * (r[k] - 0.5)) / m));
  return out;
}

export function quantileReturns(
  factor: Float64Array,
  label: Float64Array,
  nAssets: number,
  opts?: QuantileOptions,
): QuantileReturns {
  const T = checkSameShape(factor, label, nAssets);
  const Q = quantilesOf(opts);
  const minAssets = minAssetsOf(opts);
  const xs = new Float64Array(nAssets);
  const ys = new Float64Array(nAssets);
  const daily = new Float64Array(T * Q).fill(NaN);
  const spread = new Float64Array(T).fill(NaN);
  const sum = new Float64Array(Q);
  const cnt = new Float64Array(Q);
  for (let t = 0; t < T; t++) {
    const m = finitePairs(factor, label, t, nAssets, xs, ys);
    if (m < minAssets) continue;
    const b = bucketsOf(xs.slice(0, m), Q);
    sum.fill(0);
    cnt.fill(0);
    for (let k = 0; k < m; k++) {
      sum[b[k]] += ys[k];
      cnt[b[k]] += 1;
    }
    let lo = -1;
    let hi = -1;
    for (let q = 0; q < Q; q++) {
      if (cnt[q] > 0) {
        daily[t * Q + q] = sum[q] / cnt[q];
        if (lo < 0) lo = q;
        hi = q;
      }
    }
    if (hi > lo) spread[t] = daily[t * Q + hi] - daily[t * Q + lo];
  }
  const mean = new Float64Array(Q);
  for (let q = 0; q < Q; q++) {
    let s = 0;
    let n = 0;
    for (let t = 0; t < T; t++) {
      const v = daily[t * Q + q];
      if (!Number.isNaN(v)) {
        s += v;
        n++;
      }
    }
    mean[q] = n > 0 ? s / n : NaN;
  }
  return { quantiles: Q, daily, mean, spread };
}
