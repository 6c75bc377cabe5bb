/**
 * Minimum variance and mean-variance utility (QP, our active-set solver):
 *
 * - minVariance:   minimise wᵀΣw                     (PyPortfolioOpt `min_volatility`)
 * - meanVariance:  maximise wᵀμ - (δ/2) wᵀΣw          (PyPortfolioOpt `max_quadratic_utility`)
 *
 * subject to the portfolio constraints (budget, bounds, turnover).
 */
import { InvalidArgumentError } from '../../errors';
import { scale, type Matrix } from '../../math/linalg';
import { Allocation } from './allocation';
import { resolveConstraints } from './constraints';
import { requireCov, requireMu } from './inputs';
import { solvePortfolioQp } from './qpBuild';
import type { AllocationInput } from './types';

export function minVariance(input: AllocationInput): Allocation {
  const cov = requireCov(input, 'min_volatility');
  const c = resolveConstraints(input.constraints, input.assets);
  const P = scale(cov, 2);
  const w = solvePortfolioQp(P, new Float64Array(c.n), c, input.assets, supportGuess(cov, c.lower, c.upper));
  return new Allocation({
    method: 'min_volatility', assets: input.assets, weights: w, cov, expectedReturns: input.expectedReturns, riskFreeRate: input.riskFreeRate,
  });
}

/**
 * Starting guess for the active set of a minimum-variance problem: the long-only minimum-variance
 * portfolio of n assets usually holds O(√n) of them, mostly the least volatile, so start with the
 * 2√n lowest-variance assets free and the rest at their lower bound. Only the speed depends on
 * this guess; the active-set iterations correct it.
 */
function supportGuess(cov: Matrix, lower: Float64Array, upper: Float64Array): Float64Array | undefined {
  const n = cov.rows;
  const m = Math.ceil(2 * Math.sqrt(n));
  if (n <= 2 * m) return undefined;
  const order = Array.from({ length: n }, (_v, i) => i).sort((a, b) => cov.data[a * n + a] - cov.data[b * n + b]);
  const x0 = Float64Array.from(lower);
  for (let k = 0; k < m; k++) {
    const i = order[k];
    x0[i] = Number.isFinite(upper[i]) ? 0.5 * (lower[i] + upper[i]) : lower[i] + 1;
  }
  return x0;
}

export function meanVariance(input: AllocationInput, opts: { riskAversion?: number } = {}): Allocation {
  const delta = opts.riskAversion ?? 1;
  if (!(delta > 0)) throw new InvalidArgumentError(`risk aversion must be > 0, got ${delta}`);
  const cov = requireCov(input, 'mean_variance');
  const mu = requireMu(input, 'mean_variance');
  const c = resolveConstraints(input.constraints, input.assets);
  const P = scale(cov, delta);
  const q = mu.map((v) => -v);
  const w = solvePortfolioQp(P, q, c, input.assets);
  return new Allocation({
    method: 'mean_variance', assets: input.assets, weights: w, cov, expectedReturns: mu, riskFreeRate: input.riskFreeRate,
    info: { risk_aversion: delta },
  });
}
