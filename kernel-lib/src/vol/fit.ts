/**
 * `fitGarch(y, spec)`: check the series, build mean + volatility + distribution from the spec,
 * maximise the likelihood and return a `GarchResult`.
 *
 *   const r = fitGarch(returns, { vol: 'gjr', dist: 't' });
 *   r.params['beta[1]'], r.stdErr, r.loglik, r.forecast(10).variance, r.valueAtRisk(0.01)
 *
 * `fixGarch(y, spec, params)` evaluates the same model at given parameters (arch's `fix`).
 */
import { InvalidArgumentError } from '../errors';
import type { ErrorLocation } from '../errors';
import { estimate } from './estimate';
import type { CovType } from './estimate';
import { ArchModel } from './model';
import { GarchResult } from './result';
import type { GarchSpec } from './spec';
import { buildDist, buildMean, buildVol } from './spec';
import type { BackcastMode } from './types';
import { checkSeries } from './validate';

export interface FitOptions {
  /** `arch` (default), `sample`, or a value for sigma2_0. */
  backcast?: BackcastMode | number;
  covType?: CovType;
  startingValues?: ArrayLike<number>;
  maxIter?: number;
  dropna?: boolean;
  rescale?: boolean;
  /** Labels of the observations (dates), same length as y. */
  index?: Array<string | number>;
  location?: ErrorLocation;
  rowOf?: (i: number) => number;
}

export function buildModel(y: ArrayLike<number>, spec: GarchSpec = {}, opts: FitOptions = {}): { model: ArchModel; scale: number; warnings: string[]; kept: number[] } {
  const checked = checkSeries(y, { dropna: opts.dropna, rescale: opts.rescale, location: opts.location, rowOf: opts.rowOf });
  const mean = buildMean(spec);
  if (checked.y.length - mean.holdBack < 100) throw new InvalidArgumentError('too few observations left after the AR hold-back');
  const model = new ArchModel(checked.y, mean, buildVol(spec), buildDist(spec), { backcast: opts.backcast });
  return { model, scale: checked.scale, warnings: checked.warnings, kept: checked.kept };
}

export function fitGarch(y: ArrayLike<number>, spec: GarchSpec = {}, opts: FitOptions = {}): GarchResult {
  const { model, scale, warnings, kept } = buildModel(y, spec, opts);
  const est = estimate(model, {
    covType: opts.covType,
    startingValues: opts.startingValues ? Float64Array.from(opts.startingValues) : undefined,
    maxIter: opts.maxIter,
    skipCovariance: true, // computed lazily by GarchResult.cov
  });
  if (!est.converged) warnings.push(`the optimizer did not converge: ${est.reason}`);
  const index = opts.index ? kept.slice(model.mean.holdBack).map((i) => (opts.index as Array<string | number>)[i]) : null;
  return new GarchResult(model, spec, est.params, est, scale, warnings, index);
}

export function fixGarch(y: ArrayLike<number>, spec: GarchSpec, params: ArrayLike<number>, opts: FitOptions = {}): GarchResult {
  const { model, scale, warnings, kept } = buildModel(y, spec, opts);
  const theta = Float64Array.from(params);
  if (theta.length !== model.K) throw new InvalidArgumentError(`${model.parameterNames().join(', ')}: expected ${model.K} parameters, got ${theta.length}`);
  const ll = model.loglik(theta);
  const index = opts.index ? kept.slice(model.mean.holdBack).map((i) => (opts.index as Array<string | number>)[i]) : null;
  return new GarchResult(model, spec, theta, { params: theta, loglik: ll, converged: true, reason: 'parameters fixed', iterations: 0, evaluations: 1, cov: new Float64Array(model.K * model.K).fill(NaN), covType: opts.covType ?? 'robust' }, scale, warnings, index);
}
