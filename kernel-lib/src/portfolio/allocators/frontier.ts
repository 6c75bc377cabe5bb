/**
 * Points on the efficient frontier (PyPortfolioOpt `efficient_return` / `efficient_risk`):
 *
 * - efficientReturn(target): minimise wᵀΣw subject to wᵀμ >= target (and the constraints);
 * - efficientRisk(target σ): maximise wᵀμ subject to sqrt(wᵀΣw) <= target. The optimum is the
 *   mean-variance utility portfolio for some risk aversion δ, and its volatility falls as δ
 *   grows, so δ is found by bisection on log δ until the volatility equals the target (when the
 *   maximum-return portfolio is already within the target, that portfolio is returned).
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { dot, matVec, matrix, scale, type Matrix } from '../../math/linalg';
import { Allocation } from './allocation';
import { resolveConstraints } from './constraints';
import { requireCov, requireMu } from './inputs';
import { solvePortfolioQp } from './qpBuild';
import { minVariance, meanVariance } from './minVariance';
import type { AllocationInput } from './types';

export function efficientReturn(input: AllocationInput, targetReturn: number): Allocation {
  if (!Number.isFinite(targetReturn)) throw new InvalidArgumentError(`target return must be finite, got ${targetReturn}`);
  const cov = requireCov(input, 'efficient_return');
  const mu = requireMu(input, 'efficient_return');
  const c = resolveConstraints(input.constraints, input.assets);
  const w = solvePortfolioQp(scale(cov, 2), new Float64Array(c.n), c, input.assets, undefined, {
    G: matrix(1, c.n, mu.map((v) => -v)),
    h: Float64Array.of(-targetReturn),
  });
  return new Allocation({
    method: 'efficient_return', assets: input.assets, weights: w, cov, expectedReturns: mu, riskFreeRate: input.riskFreeRate,
    info: { target_return: targetReturn },
  });
}

export function efficientRisk(input: AllocationInput, targetVolatility: number): Allocation {
  if (!(targetVolatility > 0)) throw new InvalidArgumentError(`target volatility must be > 0, got ${targetVolatility}`);
  const cov = requireCov(input, 'efficient_risk');
  const vol = (w: Float64Array): number => Math.sqrt(Math.max(dot(w, matVec(cov, w)), 0));
  const minVol = minVariance(input).volatility as number;
  if (minVol > targetVolatility * (1 + 1e-12)) {
    throw new AlphaFactoryError('infeasible', `efficient_risk: target volatility ${targetVolatility} is below the minimum volatility ${minVol.toPrecision(6)}`);
  }
  const at = (delta: number): Allocation => meanVariance(input, { riskAversion: delta });
  let lo = 1e-8;
  let a = at(lo);
  if (vol(a.weights) <= targetVolatility) return relabel(a, targetVolatility, input, cov);
  let hi = 1;
  let b = at(hi);
  while (vol(b.weights) > targetVolatility) {
    lo = hi;
    hi *= 10;
    if (hi > 1e12) {
      return relabel(minVariance(input), targetVolatility, input, cov);
    }
    b = at(hi);
  }
  for (let it = 0; it < 200 && hi / lo > 1 + 1e-14; it++) {
    const mid = Math.sqrt(lo * hi);
    const m = at(mid);
    if (vol(m.weights) > targetVolatility) lo = mid;
    else {
      hi = mid;
      b = m;
    }
  }
  a = b;
  return relabel(a, targetVolatility, input, cov);
}

function relabel(a: Allocation, target: number, input: AllocationInput, cov: Matrix): Allocation {
  return new Allocation({
    method: 'efficient_risk', assets: a.assets, weights: a.weights, cov, expectedReturns: input.expectedReturns, riskFreeRate: input.riskFreeRate,
    info: { target_volatility: target, risk_aversion: typeof a.info.risk_aversion === 'number' ? a.info.risk_aversion : null },
  });
}
