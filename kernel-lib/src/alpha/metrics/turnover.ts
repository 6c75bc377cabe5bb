/**
 * How fast a factor's cross-section changes.
 *
 * - rankAutocorrelation(t) = Spearman correlation of factor(t, .) and factor(t - lag, .) over
 *   the assets finite on both dates (NaN with fewer than `minAssets`), as alphalens'
 *   `factor_rank_autocorrelation`.
 * - quantileTurnover(t) = share of the assets in bucket q at t that were not in bucket q at
 *   t - 1 (alphalens `quantile_turnover`), buckets by the tie rule of `quantile.ts` over the
 *   assets where the factor is finite; NaN when either date has fewer than `minAssets`.
 * - weightTurnover(t) = sum_i |w(t, i) - w(t - 1, i)|, where w are the factor-portfolio
 *   weights of `factorWeights` (gross exposure 1) and a missing asset has weight 0. It is the
 *   fraction of the gross book traded that day; multiply by a cost per unit traded to get a
 *   cost drag in return units (see the validation gate).
 */
import { averageRanks } from './rank';
import { datesOf, finitePairs, pearson } from './pairs';
import { minAssetsOf, type CrossSectionOptions } from './ic';
import { bucketsOf, quantilesOf, type QuantileOptions } from './quantile';
import { InvalidArgumentError } from '../../errors';

export function rankAutocorrelation(factor: Float64Array, nAssets: number, lag = 1, opts?: CrossSectionOptions): Float64Array {
  const T = datesOf(factor, nAssets);
  if (!Number.isInteger(lag) || lag < 1) throw new InvalidArgumentError(`lag must be an integer >= 1, got ${lag}`);
  const minAssets = minAssetsOf(opts);
  const xs = new Float64Array(nAssets);
  const ys = new Float64Array(nAssets);
  const out = new Float64Array(T).fill(NaN);
  // a view of the panel shifted by `lag` dates, so finitePairs compares t with t - lag
  const lagged = new Float64Array(factor.length).fill(NaN);
  lagged.set(factor.subarray(0, (T - lag) * nAssets > 0 ? (T - lag) * nAssets : 0), lag * nAssets);
  for (let t = lag; t < T; t++) {
    const m = finitePairs(factor, lagged, t, nAssets, xs, ys);
    if (m < minAssets) continue;
    out[t] = pearson(averageRanks(xs.subarray(0, m)), averageRanks(ys.subarray(0, m)), m);
  }
  return out;
}

/** Bucket of every asset at date t (-1 where the factor is not finite), or null when fewer than minAssets. */
function bucketRow(factor: Float64Array, t: number, nAssets: number, Q: number, minAssets: number): Int32Array | null {
  const idx: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < nAssets; i++) {
    const v = factor[t * nAssets + i];
    if (Number.isFinite(v)) {
      idx.push(i);
      vals.push(v);
    }
  }
  if (idx.length < minAssets) return null;
  const b = bucketsOf(Float64Array.from(vals), Q);
  const row = new Int32Array(nAssets).fill(-1);
  for (let k = 0; k < idx.length; k++) row[idx[k]] = b[k];
  return row;
}

export interface QuantileTurnoverOptions extends QuantileOptions {
  /** Which bucket (default the top one, Q - 1). */
  quantile?: number;
}

export function quantileTurnover(factor: Float64Array, nAssets: number, opts?: QuantileTurnoverOptions): Float64Array {
  const T = datesOf(factor, nAssets);
  const Q = quantilesOf(opts);
  const q = opts?.quantile ?? Q - 1;
  if (!Number.isInteger(q) || q < 0 || q >= Q) throw new InvalidArgumentError(`quantile must be an integer in 0..${Q - 1}, got ${q}`);
  const minAssets = minAssetsOf(opts);
  const out = new Float64Array(T).fill(NaN);
  let prev: Int32Array | null = null;
  for (let t = 0; t < T; t++) {
    const row = bucketRow(factor, t, nAssets, Q, minAssets);
    if (row && prev) {
      let now = 0;
      let fresh = 0;
      for (let i = 0; i < nAssets; i++) {
        if (row[i] === q) {
          now++;
          if (prev[i] !== q) fresh++;
        }
      }
      if (now > 0) out[t] = fresh / now;
    }
    prev = row;
  }
  return out;
}

/**
 * Factor-portfolio weights: on each date with at least `minAssets` finite values,
 * w(t, i) = (f(t, i) - mean_t f) / sum_j |f(t, j) - mean_t f| (dollar neutral, gross 1);
 * missing assets get 0. A date with too few assets or a constant factor is all zero.
 */
export function factorWeights(factor: Float64Array, nAssets: number, opts?: CrossSectionOptions): Float64Array {
  const T = datesOf(factor, nAssets);
  const minAssets = minAssetsOf(opts);
  const w = new Float64Array(factor.length);
  for (let t = 0; t < T; t++) {
    const base = t * nAssets;
    let n = 0;
    let s = 0;
    for (let i = 0; i < nAssets; i++) {
      const v = factor[base + i];
      if (Number.isFinite(v)) {
        n++;
        s += v;
      }
    }
    if (n < minAssets) continue;
    const mean = s / n;
    let gross = 0;
    for (let i = 0; i < nAssets; i++) {
      const v = factor[base + i];
      if (Number.isFinite(v)) gross += Math.abs(v - mean);
    }
    if (!(gross > 0)) continue;
    for (let i = 0; i < nAssets; i++) {
      const v = factor[base + i];
      if (Number.isFinite(v)) w[base + i] = (v - mean) / gross;
    }
  }
  return w;
}

/** Daily weight turnover of the factor portfolio (entry 0 is NaN: nothing to compare with). */
export function weightTurnover(factor: Float64Array, nAssets: number, opts?: CrossSectionOptions): Float64Array {
  const T = datesOf(factor, nAssets);
  const w = factorWeights(factor, nAssets, opts);
  const out = new Float64Array(T).fill(NaN);
  for (let t = 1; t < T; t++) {
    let s = 0;
    for (let i = 0; i < nAssets; i++) s += Math.abs(w[t * nAssets + i] - w[(t - 1) * nAssets + i]);
    out[t] = s;
  }
  return out;
}
