/**
 * The combination engine: one loop over dates shared by every combiner.
 *
 * For each date t (every `rebalanceEvery` dates; weights are carried in between):
 * 1. the realised window [start, end] = [t - horizon - lookback + 1, t - horizon] (window.ts);
 *    with fewer than `minHistory` dates in it there are no weights yet (warm-up: weights and
 *    mega-alpha are NaN and `firstWeighted` says where they start);
 * 2. the rule sees only that window (daily IC, RankIC and factor return per unit of z-score
 *    exposure, pooled OLS) and the previous
 *    weights, and returns weights w_k(t) (and an intercept);
 * 3. mega-alpha(t, i) = intercept + sum_k w_k(t) z_k(t, i) over the cross-sectional z-scores
 *    (missing factor = 0; NaN where every factor is missing).
 * The fixed-weight baseline freezes the weights of date `baselineAt` (default: one third into
 * the sample, or the first weighted date if later) and applies them from then on.
 */
import { InvalidArgumentError } from '../../errors';
import { crossSectionalZ } from './zscore';
import { realisedWindow } from './window';
import { FactorDailyStats, type StatKind, type WindowStat } from './stats';
import { PooledCrossProducts } from './pooled';
import { CombinationResult } from './result';

export interface CombineInput {
  /** Factor values, each dates x nAssets date-major. */
  factors: Float64Array[];
  names?: string[];
  /** The label the weights are fitted to (same shape); label(s) is known at s + horizon. */
  label: Float64Array;
  nAssets: number;
  /** Days until a label is realised (1 for close(t+1)/close(t)-1; 21 for AlphaForge's vwap label). */
  horizon: number;
  dates?: readonly string[];
}

export interface CombineOptions {
  /** Realised dates in the window (default Infinity: expanding, as AlphaForge's default). */
  lookback?: number;
  /** Dates needed in the window before the first weights (default 20). */
  minHistory?: number;
  /** Recompute weights every this many dates (default 1). */
  rebalanceEvery?: number;
  /** Date index whose weights the fixed-weight baseline freezes. */
  baselineAt?: number;
  /** Minimum assets per date for the daily statistics (default 10). */
  minAssets?: number;
}

/** What a rule may see when it weights date t: the realised window only. */
export interface WeightContext {
  readonly t: number;
  readonly start: number;
  readonly end: number;
  readonly K: number;
  /** Mean / std / IR / days of a daily statistic of factor k over the window. */
  stat(kind: StatKind, k: number): WindowStat;
  /** The daily statistic of factor k over the window (a copy; NaN on skipped dates). */
  window(kind: StatKind, k: number): Float64Array;
  /** Pooled OLS with intercept of the label on z-scores of `selected` over the window. */
  ols(selected: readonly number[]): Float64Array | null;
  /** Weights of the previous rebalance (null at the first). */
  readonly prev: Float64Array | null;
}

export interface RuleOutput {
  weights: Float64Array;
  intercept?: number;
  /** Factors the rule used (default: those with non-zero weight). */
  selected?: readonly number[];
}

export interface CombinerRule {
  method: string;
  weights(ctx: WeightContext): RuleOutput | null;
}

function checkInput(input: CombineInput): { T: number; K: number } {
  const { factors, label, nAssets, horizon } = input;
  if (!Array.isArray(factors) || factors.length === 0) throw new InvalidArgumentError('combine needs at least one factor');
  if (!Number.isInteger(horizon) || horizon < 1) throw new InvalidArgumentError(`horizon must be an integer >= 1, got ${horizon}`);
  if (label.length % nAssets !== 0) throw new InvalidArgumentError(`label has ${label.length} values, not a multiple of ${nAssets} assets`);
  factors.forEach((f, k) => {
    if (f.length !== label.length) {
      throw new InvalidArgumentError(`factor ${input.names?.[k] ?? k} has ${f.length} values but the label has ${label.length}`);
    }
  });
  if (input.names && input.names.length !== factors.length) {
    throw new InvalidArgumentError(`${input.names.length} names for ${factors.length} factors`);
  }
  const T = label.length / nAssets;
  if (input.dates && input.dates.length !== T) throw new InvalidArgumentError(`${input.dates.length} dates for ${T} panel dates`);
  return { T, K: factors.length };
}

export function runCombination(input: CombineInput, rule: CombinerRule, opts: CombineOptions = {}): CombinationResult {
  const { T, K } = checkInput(input);
  const N = input.nAssets;
  const lookback = opts.lookback ?? Infinity;
  const minHistory = opts.minHistory ?? 20;
  const every = opts.rebalanceEvery ?? 1;
  if (!(lookback >= 1)) throw new InvalidArgumentError(`lookback must be >= 1, got ${lookback}`);
  if (!Number.isInteger(minHistory) || minHistory < 1) throw new InvalidArgumentError(`minHistory must be an integer >= 1, got ${minHistory}`);
  if (!Number.isInteger(every) || every < 1) throw new InvalidArgumentError(`rebalanceEvery must be an integer >= 1, got ${every}`);
  const z = input.factors.map((f) => crossSectionalZ(f, N));
  // factor returns per unit of z-score exposure (z-scores with NaN kept where the factor is missing)
  const zNaN = z.map((zk, k) => zk.map((v, b) => (Number.isFinite(input.factors[k][b]) ? v : NaN)));
  const stats = new FactorDailyStats(input.factors, input.label, N, { minAssets: opts.minAssets }, zNaN);
  let pooled: PooledCrossProducts | null = null;

  const weights = new Float64Array(T * K).fill(NaN);
  const intercept = new Float64Array(T).fill(NaN);
  const selected = new Uint8Array(T * K);
  let prev: Float64Array | null = null;
  let prevIntercept = 0;
  let prevSel: readonly number[] = [];
  let lastFit = -Infinity;
  let firstWeighted = -1;
  for (let t = 0; t < T; t++) {
    const due = prev === null || t - lastFit >= every;
    if (due) {
      const w = realisedWindow(t, input.horizon, lookback);
      if (w && w.end - w.start + 1 >= minHistory) {
        const { start, end } = w;
        const ctx: WeightContext = {
          t,
          start,
          end,
          K,
          prev,
          stat: (kind, k) => stats.stat(kind, k, start, end),
          window: (kind, k) => stats.series(kind, k).slice(start, end + 1),
          ols: (sel) => {
            if (!pooled) pooled = new PooledCrossProducts(z, input.label, N);
            return pooled.ols(sel, start, end);
          },
        };
        const out = rule.weights(ctx);
        if (out) {
          if (out.weights.length !== K) throw new InvalidArgumentError(`${rule.method}: rule returned ${out.weights.length} weights for ${K} factors`);
          prev = Float64Array.from(out.weights);
          prevIntercept = out.intercept ?? 0;
          prevSel = out.selected ?? [...prev.keys()].filter((k) => prev![k] !== 0);
          lastFit = t;
        }
      }
    }
    if (prev) {
      if (firstWeighted < 0) firstWeighted = t;
      weights.set(prev, t * K);
      intercept[t] = prevIntercept;
      for (const k of prevSel) selected[t * K + k] = 1;
    }
  }
  const megaAlpha = megaFrom(input.factors, z, weights, intercept, T, K, N);
  let baselineAt = opts.baselineAt ?? Math.floor(T / 3);
  if (firstWeighted >= 0 && baselineAt < firstWeighted) baselineAt = firstWeighted;
  if (baselineAt < 0 || baselineAt >= T) throw new InvalidArgumentError(`baselineAt must be a date index in 0..${T - 1}, got ${baselineAt}`);
  const bw = new Float64Array(T * K).fill(NaN);
  const bi = new Float64Array(T).fill(NaN);
  if (firstWeighted >= 0) {
    for (let t = baselineAt; t < T; t++) {
      bw.set(weights.subarray(baselineAt * K, (baselineAt + 1) * K), t * K);
      bi[t] = intercept[baselineAt];
    }
  }
  const baselineAlpha = megaFrom(input.factors, z, bw, bi, T, K, N);
  return new CombinationResult({
    method: rule.method,
    names: input.names ?? input.factors.map((_, k) => `f${k}`),
    dates: input.dates,
    nAssets: N,
    horizon: input.horizon,
    weights,
    intercept,
    selected,
    z,
    megaAlpha,
    baselineAt,
    baselineAlpha,
    firstWeighted,
    label: input.label,
    minAssets: opts.minAssets,
  });
}

function megaFrom(
  factors: Float64Array[],
  z: Float64Array[],
  weights: Float64Array,
  intercept: Float64Array,
  T: number,
  K: number,
  N: number,
): Float64Array {
  const out = new Float64Array(T * N).fill(NaN);
  for (let t = 0; t < T; t++) {
    if (Number.isNaN(weights[t * K])) continue;
    for (let i = 0; i < N; i++) {
      const b = t * N + i;
      let any = false;
      let s = intercept[t];
      for (let k = 0; k < K; k++) {
        if (Number.isFinite(factors[k][b])) any = true;
        s += weights[t * K + k] * z[k][b];
      }
      if (any) out[b] = s;
    }
  }
  return out;
}
