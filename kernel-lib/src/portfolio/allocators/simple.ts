/**
 * Heuristic allocators: equal weight, fixed weights (with the reference presets) and inverse
 * volatility. Each target is scaled to the budget and, when it breaks a bound or the turnover
 * limit, replaced by its Euclidean projection onto the constraint set (documented repair).
 */
import { InvalidArgumentError } from '../../errors';
import { Allocation } from './allocation';
import { resolveConstraints, satisfies, type ResolvedConstraints } from './constraints';
import { optionalCov, requireCov } from './inputs';
import { projectToConstraints } from './qpBuild';
import type { AllocationInput } from './types';

/** Scale a target to the budget, then project onto the constraints if it breaks them. */
export function finishTarget(target: Float64Array, c: ResolvedConstraints, assets: readonly string[]): { w: Float64Array; projected: boolean } {
  if (satisfies(target, c)) return { w: target, projected: false };
  return { w: projectToConstraints(target, c, assets), projected: true };
}

export function equalWeight(input: AllocationInput): Allocation {
  const c = resolveConstraints(input.constraints, input.assets);
  const t = new Float64Array(c.n).fill(c.budget / c.n);
  const { w, projected } = finishTarget(t, c, input.assets);
  return new Allocation({
    method: 'equal', assets: input.assets, weights: w, cov: optionalCov(input), expectedReturns: input.expectedReturns,
    riskFreeRate: input.riskFreeRate, info: { projected },
  });
}

/** Inverse volatility: w_i ∝ 1 / σ_i (σ from the covariance diagonal). */
export function inverseVolatility(input: AllocationInput): Allocation {
  const cov = requireCov(input, 'inverse_vol');
  const c = resolveConstraints(input.constraints, input.assets);
  const n = c.n;
  const t = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = cov.data[i * n + i];
    if (!(v > 0)) throw new InvalidArgumentError(`inverse_vol: "${input.assets[i]}" has zero variance`, { column: input.assets[i] });
    t[i] = 1 / Math.sqrt(v);
    s += t[i];
  }
  for (let i = 0; i < n; i++) t[i] *= c.budget / s;
  const { w, projected } = finishTarget(t, c, input.assets);
  return new Allocation({
    method: 'inverse_vol', assets: input.assets, weights: w, cov, expectedReturns: input.expectedReturns,
    riskFreeRate: input.riskFreeRate, info: { projected },
  });
}

/**
 * The sample strategy portfolios of the multi-strategy reference (weights by strategy type; the
 * rest is cash): conservative, aggressive, balanced (recommended).
 */
export const PRESETS: Record<string, Record<string, number>> = {
  conservative: { market_making: 0.4, arbitrage: 0.3, mean_reversion: 0.2 },
  aggressive: { trend_following: 0.35, momentum: 0.25, event_driven: 0.2, mean_reversion: 0.15 },
  balanced: { trend_following: 0.25, mean_reversion: 0.25, arbitrage: 0.2, market_making: 0.15, event_driven: 0.1 },
};

/**
 * Fixed weights, given per asset or by preset name. Assets not named get 0; the rest to 1 is
 * cash. Bounds are checked (not projected): a fixed allocation that breaks them is an error.
 */
export function fixedWeights(input: AllocationInput & { weights: Record<string, number> | string }): Allocation {
  const table = typeof input.weights === 'string' ? PRESETS[input.weights] : input.weights;
  if (!table) throw new InvalidArgumentError(`unknown preset "${input.weights}" (presets: ${Object.keys(PRESETS).join(', ')})`);
  const known = new Set(input.assets);
  for (const k of Object.keys(table)) if (!known.has(k)) throw new InvalidArgumentError(`fixed weight for unknown asset "${k}"`, { column: k });
  const w = Float64Array.from(input.assets, (a) => table[a] ?? 0);
  let s = 0;
  w.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`fixed weight of "${input.assets[i]}" is ${v}`, { column: input.assets[i] });
    s += v;
  });
  if (s > 1 + 1e-12) throw new InvalidArgumentError(`fixed weights sum to ${s} > 1`);
  return new Allocation({
    method: typeof input.weights === 'string' ? `fixed:${input.weights}` : 'fixed', assets: input.assets, weights: w,
    cov: optionalCov(input), expectedReturns: input.expectedReturns, riskFreeRate: input.riskFreeRate,
  });
}
