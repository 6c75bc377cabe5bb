/**
 * Per-factor daily statistics, computed once and queried over any realised window in O(1).
 *
 * For each factor k: daily IC, RankIC and factor return (alpha/metrics definitions) against
 * the label, with prefix sums of value, square and count over finite days, so that a window's
 * mean, std (ddof 1) and IR are exact sums over its finite days.
 */
import { dailyIC, dailyRankIC } from '../metrics/ic';
import { dailyFactorReturn } from '../metrics/factorReturn';
import type { CrossSectionOptions } from '../metrics/ic';

export type StatKind = 'ic' | 'rankIC' | 'factorReturn';

class Prefix {
  readonly sum: Float64Array;
  readonly sq: Float64Array;
  readonly cnt: Float64Array;
  constructor(readonly series: Float64Array) {
    const T = series.length;
    this.sum = new Float64Array(T + 1);
    this.sq = new Float64Array(T + 1);
    this.cnt = new Float64Array(T + 1);
    for (let t = 0; t < T; t++) {
      const v = series[t];
      const ok = Number.isFinite(v);
      this.sum[t + 1] = this.sum[t] + (ok ? v : 0);
      this.sq[t + 1] = this.sq[t] + (ok ? v * v : 0);
      this.cnt[t + 1] = this.cnt[t] + (ok ? 1 : 0);
    }
  }
}

export interface WindowStat {
  mean: number;
  std: number;
  ir: number;
  days: number;
}

export class FactorDailyStats {
  private readonly prefix: Record<StatKind, Prefix[]>;

  /**
   * `returnFactors` (default `factors`): the arrays the factor return is measured on; the
   * engine passes cross-sectional z-scores (NaN where missing) so that factor returns are
   * returns per unit of z-score exposure, comparable across factors.
   */
  constructor(factors: Float64Array[], label: Float64Array, nAssets: number, opts?: CrossSectionOptions, returnFactors: Float64Array[] = factors) {
    this.prefix = {
      ic: factors.map((f) => new Prefix(dailyIC(f, label, nAssets, opts))),
      rankIC: factors.map((f) => new Prefix(dailyRankIC(f, label, nAssets, opts))),
      factorReturn: returnFactors.map((f) => new Prefix(dailyFactorReturn(f, label, nAssets, opts))),
    };
  }

  get count(): number {
    return this.prefix.ic.length;
  }

  /** The full daily series (callers must slice to their window; `window()` does). */
  series(kind: StatKind, k: number): Float64Array {
    return this.prefix[kind][k].series;
  }

  /** Mean, std (ddof 1), IR and finite-day count over dates start..end inclusive. */
  stat(kind: StatKind, k: number, start: number, end: number): WindowStat {
    const p = this.prefix[kind][k];
    const n = p.cnt[end + 1] - p.cnt[start];
    if (n < 1) return { mean: NaN, std: NaN, ir: NaN, days: 0 };
    const s = p.sum[end + 1] - p.sum[start];
    const mean = s / n;
    const ss = p.sq[end + 1] - p.sq[start] - n * mean * mean;
    const std = n > 1 ? Math.sqrt(Math.max(0, ss) / (n - 1)) : NaN;
    return { mean, std, ir: std > 0 ? mean / std : NaN, days: n };
  }
}
