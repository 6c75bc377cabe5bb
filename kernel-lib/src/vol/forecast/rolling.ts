/**
 * Walk-forward (rolling) one-step forecasts with periodic re-fits, VaR/ES at each step and the
 * VaR backtests on the out-of-sample hits.
 *
 * At each re-fit point r (every `refitEvery` observations from `start`), the model is fitted on
 * the window y[r - window, r) (or y[0, r) when `expanding`). For t in [r, r + refitEvery) the
 * forecast of y_t uses the fitted parameters and the fitted backcast, running the recursion over
 * y[r - window, t): the information set is y up to t - 1, as in arch's
 * `arch_model(y[r-W : r+R]).fit(last_obs=W).forecast(start=W-1)`.
 */
import { InvalidArgumentError } from '../../errors';
import { estimate } from '../estimate';
import type { Estimate } from '../estimate';
import { ArchModel } from '../model';
import { tailMean } from '../risk/var';
import { backtestVar } from '../risk/backtest';
import type { VarBacktest } from '../risk/backtest';
import type { GarchSpec } from '../spec';
import { buildDist, buildMean, buildVol } from '../spec';
import type { BackcastMode } from '../types';

export interface RollingOptions {
  /** First forecast index (default: window). */
  start?: number;
  /** Estimation window length (default 1000). */
  window?: number;
  /** Use all data from 0 instead of a fixed-length window. */
  expanding?: boolean;
  /** Re-fit every this many observations (default 20). */
  refitEvery?: number;
  /** VaR tail probabilities (default [0.01, 0.05]). */
  levels?: number[];
  backcast?: BackcastMode;
  /**
   * Fixed parameters (arch's `fix`): no re-fits, every forecast uses these (in the model's
   * parameter order). The filter still restarts at each `refitEvery` block from its window.
   */
  params?: ArrayLike<number>;
  onProgress?: (done: number, total: number) => void;
}

export interface RollingResult {
  /** Indices t of the forecast observations. */
  index: number[];
  mean: Float64Array;
  variance: Float64Array;
  realized: Float64Array;
  /** VaR (positive loss) per level, aligned with `index`. */
  var: Record<string, Float64Array>;
  es: Record<string, Float64Array>;
  hits: Record<string, Uint8Array>;
  backtests: VarBacktest[];
  /** Parameters at each re-fit, with the index of the re-fit. */
  refits: Array<{ at: number; params: number[]; loglik: number; converged: boolean; reason: string }>;
}

export function rollingForecast(y: Float64Array, spec: GarchSpec = {}, opts: RollingOptions = {}): RollingResult {
  const n = y.length;
  const window = opts.window ?? 1000;
  const refitEvery = opts.refitEvery ?? 20;
  const start = opts.start ?? window;
  const levels = opts.levels ?? [0.01, 0.05];
  if (!(Number.isInteger(window) && window >= 100)) throw new InvalidArgumentError(`window must be an integer >= 100, got ${window}`);
  if (!(Number.isInteger(refitEvery) && refitEvery >= 1)) throw new InvalidArgumentError(`refitEvery must be a positive integer, got ${refitEvery}`);
  if (!(start >= window && start < n)) throw new InvalidArgumentError(`start must lie in [window, n) = [${window}, ${n}), got ${start}`);
  for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) throw new InvalidArgumentError('non-finite value in the series', { row: t + 1 });
  const fixed = opts.params ? Float64Array.from(opts.params) : null;
  const total = n - start;
  const mean = new Float64Array(total);
  const variance = new Float64Array(total);
  const realized = y.slice(start);
  const varOut: Record<string, Float64Array> = {};
  const esOut: Record<string, Float64Array> = {};
  for (const l of levels) {
    varOut[String(l)] = new Float64Array(total);
    esOut[String(l)] = new Float64Array(total);
  }
  const refits: RollingResult['refits'] = [];
  let done = 0;
  for (let r = start; r < n; r += refitEvery) {
    const lo = opts.expanding ? 0 : r - window;
    const fitModel = new ArchModel(y.slice(lo, r), buildMean(spec), buildVol(spec), buildDist(spec), { backcast: opts.backcast });
    const est = fixed ? fixedEstimate(fitModel, fixed) : estimate(fitModel, { skipCovariance: true });
    refits.push({ at: r, params: Array.from(est.params), loglik: est.loglik, converged: est.converged, reason: est.reason });
    const stop = Math.min(r + refitEvery, n);
    // extend the fitted filter over y[lo, stop) with the fitted backcast
    const ext = new ArchModel(y.slice(lo, stop), fitModel.mean, fitModel.vol, fitModel.dist, { rawBackcast: fitModel.backcast });
    const s2 = ext.conditionalVariance(est.params);
    const hb = fitModel.mean.holdBack;
    const kMean = fitModel.kMean;
    const distParams = est.params.subarray(kMean + fitModel.kVol);
    const tails = levels.map((l) => ({ key: String(l), q: fitModel.dist.ppf(l, distParams), m: tailMean(fitModel.dist, distParams, l) }));
    for (let t = r; t < stop; t++) {
      const k = t - lo - hb; // position in the extended model's fitted sample
      let mu = 0;
      for (let j = 0; j < kMean; j++) mu += ext.X[k * kMean + j] * est.params[j];
      const i = t - start;
      mean[i] = mu;
      variance[i] = s2[k];
      const sd = Math.sqrt(s2[k]);
      for (const tl of tails) {
        varOut[tl.key][i] = -(mu + sd * tl.q);
        esOut[tl.key][i] = -(mu + sd * tl.m);
      }
      opts.onProgress?.(++done, total);
    }
  }
  const hits: Record<string, Uint8Array> = {};
  const backtests: VarBacktest[] = [];
  for (const l of levels) {
    const h = new Uint8Array(total);
    const v = varOut[String(l)];
    for (let i = 0; i < total; i++) h[i] = -realized[i] > v[i] ? 1 : 0;
    hits[String(l)] = h;
    backtests.push(backtestVar(h, l));
  }
  return { index: Array.from({ length: total }, (_, i) => start + i), mean, variance, realized, var: varOut, es: esOut, hits, backtests, refits };
}

/** The estimate-shaped record of given parameters (arch's `fix`), checked for length and finiteness. */
function fixedEstimate(model: ArchModel, params: Float64Array): Estimate {
  if (params.length !== model.K) throw new InvalidArgumentError(`${model.parameterNames().join(', ')}: expected ${model.K} parameters, got ${params.length}`);
  const ll = model.loglik(params);
  if (!Number.isFinite(ll)) throw new InvalidArgumentError(`the log-likelihood is not finite at the given parameters (${model.parameterNames().join(', ')})`);
  return { params, loglik: ll, converged: true, reason: 'parameters fixed', iterations: 0, evaluations: 1, cov: new Float64Array(model.K * model.K).fill(NaN), covType: 'robust' };
}
