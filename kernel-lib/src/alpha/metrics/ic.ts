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
import { Ranker } from '../ops/kernels/ranker';
import { checkSameShape, datesOf, finitePairs, pearson } from './pairs';
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
  if (!rank) return perDatePairs(factor, label, nAssets, opts, pearson);
  const ranker = new Ranker(nAssets);
  const ry = new Float64Array(nAssets);
  return perDatePairs(factor, label, nAssets, opts, (xs, ys, m) => {
    ranker.ranks(ys, m, ry);
    return spearmanFromRanks(ranker, xs, m, ry, sumSquaredDeviations(ry, m));
  });
}

/** sum (r - c)^2 over r[0..m), c = (m + 1) / 2 (the mean of average ranks 1..m). */
function sumSquaredDeviations(r: Float64Array, m: number): number {
  const c = (m + 1) / 2;
  let s = 0;
  for (let k = 0; k < m; k++) s += (r[k] - c) * (r[k] - c);
  return s;
}

/** Spearman correlation of xs[0..m) with a variable whose ranks (same positions) are yr; NaN when either is constant. */
function spearmanFromRanks(ranker: Ranker, xs: Float64Array, m: number, yr: Float64Array, syy: number): number {
  ranker.rankCross(xs, m, yr);
  const { sxy, sxx } = ranker;
  if (sxx === 0 || syy === 0) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Daily Spearman RankIC of many factors against one label (the miner's fitness, a benchmark, a
 * factor zoo): `daily(factor)` equals `dailyRankIC(factor, label, nAssets, opts)`, but the
 * label's ranks on a date are computed once and reused for every factor that is finite on all
 * the assets where the label is (the usual case), so each factor costs one sort per date.
 */
export class RankICScorer {
  private readonly T: number;
  private readonly minAssets: number;
  /** Per date: positions of the assets with a finite label, and the label's ranks over them (computed on first use). */
  private readonly finiteAt: (Int32Array | undefined)[];
  private readonly labelRanks: (Float64Array | undefined)[];
  /** Per date: sum of squared deviations of the label's ranks (with labelRanks). */
  private readonly labelSyy: Float64Array;
  private readonly ranker: Ranker;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly ry: Float64Array;

  constructor(
    readonly label: Float64Array,
    readonly nAssets: number,
    opts?: CrossSectionOptions,
  ) {
    this.T = datesOf(label, nAssets, 'label');
    this.minAssets = minAssetsOf(opts);
    this.finiteAt = new Array<Int32Array | undefined>(this.T);
    this.labelRanks = new Array<Float64Array | undefined>(this.T);
    this.labelSyy = new Float64Array(this.T);
    this.ranker = new Ranker(nAssets);
    this.xs = new Float64Array(nAssets);
    this.ys = new Float64Array(nAssets);
    this.ry = new Float64Array(nAssets);
  }

  private finiteLabelAt(t: number): Int32Array {
    let idx = this.finiteAt[t];
    if (!idx) {
      const { label, nAssets: N } = this;
      let m = 0;
      for (let i = 0; i < N; i++) {
        const y = label[t * N + i];
        if (y - y === 0) m++;
      }
      idx = new Int32Array(m);
      m = 0;
      for (let i = 0; i < N; i++) {
        const y = label[t * N + i];
        if (y - y === 0) idx[m++] = i;
      }
      this.finiteAt[t] = idx;
    }
    return idx;
  }

  /** The label's ranks over its finite assets on date t (computed on first use, with their sum of squared deviations). */
  private labelRanksAt(t: number, idx: Int32Array): Float64Array {
    let r = this.labelRanks[t];
    if (!r) {
      const { label, nAssets: N, ys } = this;
      const m = idx.length;
      for (let k = 0; k < m; k++) ys[k] = label[t * N + idx[k]];
      r = new Float64Array(m);
      this.ranker.ranks(ys, m, r);
      this.labelRanks[t] = r;
      this.labelSyy[t] = sumSquaredDeviations(r, m);
    }
    return r;
  }

  /** Daily RankIC of `factor` (same shape as the label); NaN on dates without one. */
  daily(factor: Float64Array): Float64Array {
    const { label, nAssets: N, ranker, xs, ys, ry } = this;
    checkSameShape(factor, label, N);
    const out = new Float64Array(this.T);
    for (let t = 0; t < this.T; t++) {
      const idx = this.finiteLabelAt(t);
      const base = t * N;
      // the usual case: the factor is finite wherever the label is (label ranks reused)
      const full = idx.length >= this.minAssets ? this.labelRanksAt(t, idx) : undefined;
      if (full && ranker.rankCrossAt(factor, base, idx, full)) {
        const { sxy, sxx } = ranker;
        const syy = this.labelSyy[t];
        out[t] = sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
        continue;
      }
      let m = 0;
      for (let k = 0; k < idx.length; k++) {
        const x = factor[base + idx[k]];
        if (x - x === 0) xs[m++] = x;
      }
      if (m < this.minAssets) {
        out[t] = NaN;
        continue;
      }
      let yr: Float64Array;
      let syy: number;
      if (m === idx.length) {
        yr = this.labelRanksAt(t, idx);
        syy = this.labelSyy[t];
      } else {
        let j = 0;
        for (let k = 0; k < idx.length; k++) {
          const x = factor[base + idx[k]];
          if (x - x === 0) ys[j++] = label[base + idx[k]];
        }
        ranker.ranks(ys, m, ry);
        yr = ry;
        syy = sumSquaredDeviations(ry, m);
      }
      out[t] = spearmanFromRanks(ranker, xs, m, yr, syy);
    }
    return out;
  }
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
