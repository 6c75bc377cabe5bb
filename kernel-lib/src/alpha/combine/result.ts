/**
 * What a combiner returns: weights over time, the mega-alpha panel, per-factor contribution,
 * and the fixed-weight baseline to compare against.
 *
 * - contribution(t, k) = |w_k(t)| mean_i |z_k(t, i)| / sum_j |w_j(t)| mean_i |z_j(t, i)|: the
 *   share of the mega-alpha's gross exposure that comes from factor k (rows sum to 1);
 * - the comparison (IC, RankIC of mega-alpha and baseline against the label) is taken over
 *   the dates from `baselineAt` on, where both exist: it is an evaluation, the weights never
 *   saw those labels.
 */
import { dailyIC, dailyRankIC } from '../metrics/ic';
import { summarizeSeries, type SeriesSummary } from '../metrics/summary';
import { nums, numsOf } from '../metrics/json';

export interface CombinationInit {
  method: string;
  names: string[];
  dates?: readonly string[];
  nAssets: number;
  horizon: number;
  weights: Float64Array;
  intercept: Float64Array;
  selected: Uint8Array;
  z: Float64Array[];
  megaAlpha: Float64Array;
  baselineAt: number;
  baselineAlpha: Float64Array;
  firstWeighted: number;
  label: Float64Array;
  minAssets?: number;
}

export class CombinationResult {
  readonly method: string;
  readonly names: string[];
  readonly dates?: readonly string[];
  readonly nAssets: number;
  readonly horizon: number;
  /** w_k(t) at t * K + k (NaN during warm-up). */
  readonly weights: Float64Array;
  readonly intercept: Float64Array;
  /** 1 where factor k was used on date t. */
  readonly selected: Uint8Array;
  /** Mega-alpha panel, dates x assets. */
  readonly megaAlpha: Float64Array;
  /** Fixed-weight baseline panel (weights of `baselineAt` frozen). */
  readonly baselineAlpha: Float64Array;
  readonly baselineAt: number;
  /** First date with weights (-1 if never). */
  readonly firstWeighted: number;
  /** contribution(t, k) at t * K + k. */
  readonly contribution: Float64Array;
  readonly megaIC: Float64Array;
  readonly megaRankIC: Float64Array;
  readonly baselineIC: Float64Array;
  readonly baselineRankIC: Float64Array;

  constructor(init: CombinationInit) {
    this.method = init.method;
    this.names = init.names;
    this.dates = init.dates;
    this.nAssets = init.nAssets;
    this.horizon = init.horizon;
    this.weights = init.weights;
    this.intercept = init.intercept;
    this.selected = init.selected;
    this.megaAlpha = init.megaAlpha;
    this.baselineAlpha = init.baselineAlpha;
    this.baselineAt = init.baselineAt;
    this.firstWeighted = init.firstWeighted;
    const K = this.names.length;
    const T = this.weights.length / K;
    const N = init.nAssets;
    this.contribution = new Float64Array(T * K).fill(NaN);
    for (let t = 0; t < T; t++) {
      if (Number.isNaN(this.weights[t * K])) continue;
      let total = 0;
      const parts = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        let s = 0;
        const zk = init.z[k];
        for (let i = 0; i < N; i++) s += Math.abs(zk[t * N + i]);
        parts[k] = (Math.abs(this.weights[t * K + k]) * s) / N;
        total += parts[k];
      }
      for (let k = 0; k < K; k++) this.contribution[t * K + k] = total > 0 ? parts[k] / total : 0;
    }
    const opts = { minAssets: init.minAssets };
    this.megaIC = dailyIC(this.megaAlpha, init.label, N, opts);
    this.megaRankIC = dailyRankIC(this.megaAlpha, init.label, N, opts);
    this.baselineIC = dailyIC(this.baselineAlpha, init.label, N, opts);
    this.baselineRankIC = dailyRankIC(this.baselineAlpha, init.label, N, opts);
  }

  get nDates(): number {
    return this.weights.length / this.names.length;
  }

  /** Weights of date t (a copy). */
  weightsAt(t: number): Float64Array {
    const K = this.names.length;
    return this.weights.slice(t * K, (t + 1) * K);
  }

  /** Mean contribution per factor over the weighted dates. */
  meanContribution(): Float64Array {
    const K = this.names.length;
    const out = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const col = new Float64Array(this.nDates);
      for (let t = 0; t < this.nDates; t++) col[t] = this.contribution[t * K + k];
      out[k] = summarizeSeries(col).mean;
    }
    return out;
  }

  /** IC / RankIC summaries of the mega-alpha and the baseline over the comparison period (t >= baselineAt). */
  comparison(): { mega: { ic: SeriesSummary; rankIC: SeriesSummary }; baseline: { ic: SeriesSummary; rankIC: SeriesSummary } } {
    const from = this.baselineAt;
    return {
      mega: { ic: summarizeSeries(this.megaIC.subarray(from)), rankIC: summarizeSeries(this.megaRankIC.subarray(from)) },
      baseline: { ic: summarizeSeries(this.baselineIC.subarray(from)), rankIC: summarizeSeries(this.baselineRankIC.subarray(from)) },
    };
  }

  toPayload(): CombinationPayload {
    const K = this.names.length;
    const T = this.nDates;
    const rows: (number | null)[][] = [];
    for (let t = 0; t < T; t++) rows.push(nums(this.weights.subarray(t * K, (t + 1) * K)));
    const c = this.comparison();
    return {
      kind: 'combination',
      version: 1,
      method: this.method,
      horizon: this.horizon,
      names: this.names.slice(),
      dates: this.dates ? this.dates.slice() : null,
      firstWeighted: this.firstWeighted,
      baselineAt: this.baselineAt,
      weights: rows,
      intercept: nums(this.intercept),
      contribution: nums(this.meanContribution()),
      mega: { ic: numsOf(c.mega.ic), rankIC: numsOf(c.mega.rankIC), dailyRankIC: nums(this.megaRankIC) },
      baseline: {
        weights: nums(this.weights.subarray(this.baselineAt * K, (this.baselineAt + 1) * K)),
        ic: numsOf(c.baseline.ic),
        rankIC: numsOf(c.baseline.rankIC),
        dailyRankIC: nums(this.baselineRankIC),
      },
    };
  }

  toString(): string {
    const c = this.comparison();
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
    const contrib = this.meanContribution();
    const top = [...contrib.keys()]
      .sort((a, b) => contrib[b] - contrib[a])
      .slice(0, 5)
      .map((k) => `${this.names[k]} ${(100 * contrib[k]).toFixed(1)}%`)
      .join(', ');
    const at = this.dates ? this.dates[this.baselineAt] : `#${this.baselineAt}`;
    return [
      `Combination ${this.method}: ${this.names.length} factors, ${this.nDates} dates (weights from #${this.firstWeighted})`,
      `  from ${at}: mega-alpha RankIC ${f(c.mega.rankIC.mean)} (IR ${f(c.mega.rankIC.ir)})  vs fixed-weight baseline RankIC ${f(c.baseline.rankIC.mean)} (IR ${f(c.baseline.rankIC.ir)})`,
      `  mean contribution: ${top}`,
    ].join('\n');
  }
}

type Summ = { mean: number | null; std: number | null; ir: number | null; tStat: number | null; pValue: number | null; days: number | null };

export interface CombinationPayload {
  kind: 'combination';
  version: 1;
  method: string;
  horizon: number;
  names: string[];
  dates: string[] | null;
  firstWeighted: number;
  baselineAt: number;
  weights: (number | null)[][];
  intercept: (number | null)[];
  contribution: (number | null)[];
  mega: { ic: Summ; rankIC: Summ; dailyRankIC: (number | null)[] };
  baseline: { weights: (number | null)[]; ic: Summ; rankIC: Summ; dailyRankIC: (number | null)[] };
}

