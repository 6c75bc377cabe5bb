/**
 * Daily information coefficients.
 *
 * For each date t, over the assets where the factor and the label are both finite:
 * - IC(t)     = Pearson correlation of factor(t, .) and label(t, .);
 * - RankIC(t) = Spearman correlation = Pearson correlation of their average ranks
 *               (ties share the mean rank, as pandas/scipy do).
 * A date with fewer than `minAssets` (default 10) such assets, or with a constant factor or
 * label, has no IC: its entry is NaN and it is left out of every summary (`days` counts the
 * dates that remain).
 */
import { averageRanks } from './rank';
import { checkSameShape, finitePairs, pearson } from './pairs';
import { InvalidArgumentError } from '../../errors';

export interface CrossSectionOptions {
  /** Dates with fewer assets than this (both values finite) are skipped. Default 10. */
  minAssets?: number;
}

export const DEFAULT_MIN_ASSETS = 10;

export function minAssetsOf(opts: CrossSectionOptions | undefined): number {
  const m = opts?.minAssets ?? DEFAULT_MIN_ASSETS;
  if (!Number.isInteger(m) || m < 2) throw new InvalidArgumentError(`minAssets must be an integer >= 2, got ${m}`);
  return m;
}

/**
 * One statistic per date over the assets where both arrays are finite: `stat(xs, ys, m)`
 * sees the m finite pairs in the first m slots; dates with fewer than `minAssets` pairs are
 * NaN. The loop every daily cross-sectional metric (IC, RankIC, factor return) shares.
 */
export function perDatePairs(
  factor: Float64Array,
  label: Float64Array,
  nAssets: number,
  opts: CrossSectionOptions | undefined,
  stat: (xs: Float64Array, ys: Float64Array, m: number) => number,
): Float64Array {
  const T = checkSameShape(factor, label, nAssets);
  const minAssets = minAssetsOf(opts);
  const xs = new Float64Array(nAssets);
  const ys = new Float64Array(nAssets);
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const m = finitePairs(factor, label, t, nAssets, xs, ys);
    out[t] = m < minAssets ? NaN : stat(xs, ys, m);
  }
  return out;
}

function dailyCorrelation(
  factor: Float64Array,
  label: Float64Array,
  nAssets: number,
  rank: boolean,
  opts?: CrossSectionOptions,
): Float64Array {
  return perDatePairs(factor, label, nAssets, opts, (xs, ys, m) =>
    rank ? pearson(averageRanks(xs.subarray(0, m)), averageRanks(ys.subarray(0, m)), m) : pearson(xs, ys, m),
  );
}

/** Daily Pearson IC of `factor` against `label` (both dates x nAssets, date-major). */
export function dailyIC(factor: Float64Array, label: Float64Array, nAssets: number, opts?: CrossSectionOptions): Float64Array {
  return dailyCorrelation(factor, label, nAssets, false, opts);
}

/** Daily Spearman RankIC (average ranks) of `factor` against `label`. */
export function dailyRankIC(factor: Float64Array, label: Float64Array, nAssets: number, opts?: CrossSectionOptions): Float64Array {
  return dailyCorrelation(factor, label, nAssets, true, opts);
}

/**
 * Daily cross-sectional correlation of two factors (Pearson, or Spearman with `rank`), by
 * the same rules; used for factor-to-factor similarity.
 */
export function dailyFactorCorrelation(
  a: Float64Array,
  b: Float64Array,
  nAssets: number,
  rank = false,
  opts?: CrossSectionOptions,
): Float64Array {
  return dailyCorrelation(a, b, nAssets, rank, opts);
}
