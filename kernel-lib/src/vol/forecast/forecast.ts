/**
 * Forecasts of the mean and conditional variance for h = 1..H from the end of the sample.
 *
 * - `analytic`: the one-step forecast from the recursion run one period past the sample (as arch
 *   does, with a zero residual placeholder), then the closed-form multi-step recursion where the
 *   process has one (GARCH/GJR in variances: E[e^2 1(e<0)] = sigma2/2; EWMA and constant: flat).
 * - `simulation`: S seeded paths with shocks drawn from the fitted distribution; the variance
 *   forecast is the average simulated sigma2 at each horizon.
 * - `bootstrap`: filtered historical simulation, shocks resampled from the standardised residuals.
 * Simulated return paths (mean + shock) come back for VaR / fan charts.
 *
 * `variance` is the forecast-error variance of y_{T+h}: for an AR(p) mean it is
 * sum_{j<h} psi_j^2 sigma2_{T+h-j} with psi the AR impulse responses (as arch reports it);
 * for constant and zero means it is sigma2_{T+h}.
 */
import { InvalidArgumentError } from '../../errors';
import { Rng } from '../../math/rng';
import type { ArchModel } from '../model';
import { makeRecursionIO } from '../types';

export type ForecastMethod = 'analytic' | 'simulation' | 'bootstrap';

export interface ForecastOptions {
  method?: ForecastMethod;
  /** Paths for simulation/bootstrap (default 1000). */
  simulations?: number;
  /** Seed or generator for simulation/bootstrap (default seed 0). */
  rng?: Rng | number;
}

export interface VolForecast {
  horizon: number;
  method: ForecastMethod;
  /** Mean forecasts, h = 1..H. */
  mean: Float64Array;
  /** Conditional variance forecasts, h = 1..H. */
  variance: Float64Array;
  /** Simulated returns, simulations x H row-major (simulation/bootstrap only). */
  paths?: Float64Array;
  simulations?: number;
}

/** sigma2 for period n (one step past the sample), exactly as arch's `_one_step_forecast`. */
export function oneStepVariance(model: ArchModel, params: Float64Array, resids: Float64Array): number {
  const n = resids.length;
  const ext = new Float64Array(n + 1);
  ext.set(resids);
  const vb = new Float64Array(2 * (n + 1));
  vb.set(model.varBounds);
  vb[2 * n] = 0;
  vb[2 * n + 1] = Infinity;
  const s2 = new Float64Array(n + 1);
  const io = makeRecursionIO({ params: params.subarray(model.kMean, model.kMean + model.kVol), resids: ext, backcast: model.backcast, varBounds: vb, sigma2: s2 });
  model.vol.recursion(io);
  return s2[n];
}

/** Mean forecasts h = 1..H given (optional) shocks added along the way (AR means propagate them). */
function meanPath(model: ArchModel, params: Float64Array, shocks: Float64Array | null, horizon: number, out: Float64Array, offset = 0): void {
  const kMean = model.kMean;
  const name = model.mean.name;
  if (name === 'Zero Mean' || kMean === 0) {
    for (let h = 0; h < horizon; h++) out[offset + h] = shocks ? shocks[h] : 0;
    return;
  }
  if (name === 'Constant Mean') {
    for (let h = 0; h < horizon; h++) out[offset + h] = params[0] + (shocks ? shocks[h] : 0);
    return;
  }
  // AR(p): y_{T+h} = c + sum_j phi_j y_{T+h-j} (+ shock)
  const p = kMean - 1;
  const y = model.y;
  const hist: number[] = [];
  for (let j = p; j >= 1; j--) hist.push(y[y.length - j]);
  for (let h = 0; h < horizon; h++) {
    let v = params[0];
    for (let j = 1; j <= p; j++) v += params[j] * hist[hist.length - j];
    if (shocks) v += shocks[h];
    hist.push(v);
    out[offset + h] = v;
  }
}

export function forecastModel(model: ArchModel, params: Float64Array, horizon: number, opts: ForecastOptions = {}): VolForecast {
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new InvalidArgumentError(`horizon must be an integer >= 1, got ${horizon}`);
  const method = opts.method ?? 'analytic';
  const resids = model.resids(params);
  const sigma2 = model.conditionalVariance(params);
  const next = oneStepVariance(model, params, resids);
  const volParams = params.subarray(model.kMean, model.kMean + model.kVol);
  const mean = new Float64Array(horizon);
  meanPath(model, params, null, horizon, mean);
  if (method === 'analytic') {
    const v = model.vol.analyticForecast(volParams, resids, sigma2, next, model.backcast, horizon);
    if (!v) throw new InvalidArgumentError(`analytic forecasts are not available for ${model.vol.name} beyond horizon 1; use method "simulation" or "bootstrap"`);
    return { horizon, method, mean, variance: propagateAr(model, params, v) };
  }
  if (method !== 'simulation' && method !== 'bootstrap') throw new InvalidArgumentError(`unknown forecast method "${String(method)}"`);
  const S = opts.simulations ?? 1000;
  if (!(Number.isInteger(S) && S >= 1)) throw new InvalidArgumentError(`simulations must be a positive integer, got ${S}`);
  const rng = opts.rng instanceof Rng ? opts.rng : new Rng(opts.rng ?? 0);
  const distParams = params.subarray(model.kMean + model.kVol);
  const std = new Float64Array(resids.length);
  for (let t = 0; t < resids.length; t++) std[t] = resids[t] / Math.sqrt(sigma2[t]);
  const base = model.vol.simulator(volParams, resids, sigma2, model.backcast);
  const variance = new Float64Array(horizon);
  const paths = new Float64Array(S * horizon);
  const shocks = new Float64Array(horizon);
  for (let s = 0; s < S; s++) {
    const sim = base.clone();
    for (let h = 0; h < horizon; h++) {
      const s2 = h === 0 ? next : sim.next();
      if (h === 0) sim.next(); // keep the simulator's pending state in step with the one-step forecast
      const z = method === 'simulation' ? model.dist.draw(rng, distParams) : std[rng.int(std.length)];
      const e = Math.sqrt(s2) * z;
      sim.push(e);
      variance[h] += s2;
      shocks[h] = e;
    }
    meanPath(model, params, shocks, horizon, paths, s * horizon);
  }
  for (let h = 0; h < horizon; h++) variance[h] /= S;
  return { horizon, method, mean, variance: propagateAr(model, params, variance), paths, simulations: S };
}

/** AR impulse responses psi_0..psi_{H-1} (psi_0 = 1, psi_i = sum_j phi_j psi_{i-j}). */
export function arImpulse(phi: ArrayLike<number>, steps: number): Float64Array {
  const psi = new Float64Array(steps);
  psi[0] = 1;
  for (let i = 1; i < steps; i++) {
    let v = 0;
    for (let j = 1; j <= phi.length && j <= i; j++) v += phi[j - 1] * psi[i - j];
    psi[i] = v;
  }
  return psi;
}

function propagateAr(model: ArchModel, params: Float64Array, sigma2: Float64Array): Float64Array {
  if (model.mean.name !== 'AR') return sigma2;
  const H = sigma2.length;
  const psi = arImpulse(params.subarray(1, model.kMean), H);
  const out = new Float64Array(H);
  for (let i = 0; i < H; i++) {
    let v = 0;
    for (let j = 0; j <= i; j++) v += sigma2[j] * psi[i - j] * psi[i - j];
    out[i] = v;
  }
  return out;
}
