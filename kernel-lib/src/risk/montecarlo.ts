import { InvalidArgumentError } from '../errors';
import { cholesky, type Matrix } from '../math/linalg';
import type { Rng } from '../math/rng';
import { quantileSorted } from '../metrics/tail';
import { checkConfidence, type VaREstimate, type VaROptions } from './var';

export interface MonteCarloVaROptions extends VaROptions {
  /** Number of simulated scenarios; default 100,000. */
  draws?: number;
  /** Shock distribution: 'normal' (default) or 't' (multivariate t with `nu` > 2 degrees of freedom, unit variance). */
  distribution?: 'normal' | 't';
  nu?: number;
  /** Keep the simulated portfolio returns in the result (default false). */
  keepDraws?: boolean;
}

export interface MonteCarloVaR extends VaREstimate {
  draws: number;
  /** Simulated horizon portfolio returns, sorted ascending (only with keepDraws). */
  scenarios?: Float64Array;
}

/**
 * Monte Carlo VaR/CVaR of a portfolio with weights w, per-period mean vector mu and covariance
 * Sigma. Each scenario draws correlated asset returns `x = mu h + sqrt(h) L z` with `Sigma = L L^T`
 * (Cholesky, from math/linalg) and z i.i.d. standard normal (or multivariate t scaled to unit
 * variance: `z = g sqrt((nu - 2) / W)`, W ~ chi^2_nu shared by all assets), and the portfolio return is
 * `w^T x` (computed as `w^T mu h + sqrt(h) (L^T w)^T z`, the same number). VaR and CVaR are then the
 * historical estimators of the simulated sample (see historicalVaR). All draws come from `rng`.
 * A covariance that is not positive definite raises `not_positive_definite`.
 */
export function monteCarloVaR(
  weights: ArrayLike<number>,
  mu: ArrayLike<number>,
  cov: Matrix,
  rng: Rng,
  opts: MonteCarloVaROptions = {},
): MonteCarloVaR {
  const n = weights.length;
  if (mu.length !== n || cov.rows !== n || cov.cols !== n) {
    throw new InvalidArgumentError(`monteCarloVaR: ${n} weights but ${mu.length} means and a ${cov.rows}x${cov.cols} covariance`);
  }
  const c = checkConfidence(opts.confidence ?? 0.95);
  const h = opts.horizon ?? 1;
  if (!(h > 0)) throw new InvalidArgumentError(`horizon must be > 0, got ${h}`);
  const draws = opts.draws ?? 100_000;
  if (!(draws >= 100) || !Number.isInteger(draws)) throw new InvalidArgumentError(`draws must be an integer >= 100, got ${draws}`);
  const dist = opts.distribution ?? 'normal';
  const nu = opts.nu ?? 5;
  if (dist === 't' && !(nu > 2)) throw new InvalidArgumentError(`multivariate t needs nu > 2, got ${nu}`);
  const L = cholesky(cov).data;
  const b = new Float64Array(n); // b = L^T w
  let drift = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(weights[i]) || !Number.isFinite(mu[i])) throw new InvalidArgumentError(`monteCarloVaR: weight or mean ${i} is not finite`);
    drift += weights[i] * mu[i] * h;
    for (let k = 0; k <= i; k++) b[k] += L[i * n + k] * weights[i];
  }
  const sh = Math.sqrt(h);
  const sims = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += b[k] * rng.normal();
    if (dist === 't') s *= Math.sqrt((nu - 2) / rng.chiSquared(nu));
    sims[d] = drift + sh * s;
  }
  sims.sort();
  const q = quantileSorted(sims, 1 - c);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < draws && sims[i] <= q; i++) {
    sum += sims[i];
    k++;
  }
  const out: MonteCarloVaR = { method: 'monte-carlo', confidence: c, horizon: h, var: -q, cvar: -(sum / k), draws };
  if (opts.keepDraws) out.scenarios = sims;
  return out;
}
