/**
 * Allocation overlays: regime multipliers, VaR-budget scaling and sleeve mixing.
 */
import { InvalidArgumentError } from '../../errors';
import { normPpf } from '../../math/special';
import { dot, matVec, type Matrix } from '../../math/linalg';
import { Allocation } from './allocation';

/** Regime multipliers by strategy type (multi-strategy reference 8.1). Unknown types get 1. */
export const REGIME_MULTIPLIERS: Record<string, Record<string, number>> = {
  low_volatility: { mean_reversion: 1.5, market_making: 1.3, arbitrage: 1.2, momentum: 0.5, trend_following: 0.3 },
  trending: { momentum: 1.5, trend_following: 1.5, mean_reversion: 0.3, market_making: 0.7, arbitrage: 1.0 },
  high_volatility: { arbitrage: 1.3, market_making: 0.5, momentum: 0.8, mean_reversion: 0.5, trend_following: 0.7 },
};

/**
 * Regime overlay: w_i · (1 + (m_i - 1) · confidence), renormalised to the original invested sum.
 * A multiplier 1.5 at confidence 0.8 acts as 1.4.
 */
export function regimeOverlay(
  weights: ArrayLike<number>,
  strategyTypes: readonly string[],
  regime: string,
  confidence: number,
  multipliers: Record<string, Record<string, number>> = REGIME_MULTIPLIERS,
): Float64Array {
  if (!(confidence >= 0 && confidence <= 1)) throw new InvalidArgumentError(`regime confidence must lie in [0, 1], got ${confidence}`);
  const table = multipliers[regime];
  if (!table) throw new InvalidArgumentError(`unknown regime "${regime}" (known: ${Object.keys(multipliers).join(', ')})`);
  if (strategyTypes.length !== weights.length) throw new InvalidArgumentError('one strategy type per weight is needed');
  let before = 0;
  let after = 0;
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const m = table[strategyTypes[i]] ?? 1;
    out[i] = weights[i] * (1 + (m - 1) * confidence);
    before += weights[i];
    after += out[i];
  }
  if (after > 0) for (let i = 0; i < out.length; i++) out[i] *= before / after;
  return out;
}

/**
 * Scale an allocation down so that its parametric normal VaR fits a budget:
 * VaR = z_c σ_p sqrt(h / frequency) - μ_p h / frequency (μ scales with h, σ with √h, unlike the
 * reference which scales μ by √h), k = min(1, budget / VaR); the rest becomes cash.
 */
export function varBudgetScale(
  alloc: Allocation,
  cov: Matrix,
  opts: { budget: number; confidence?: number; horizonDays?: number; frequency?: number; expectedReturns?: ArrayLike<number> },
): Allocation {
  const c = opts.confidence ?? 0.95;
  if (!(c > 0.5 && c < 1)) throw new InvalidArgumentError(`VaR confidence must lie in (0.5, 1), got ${c}`);
  if (!(opts.budget > 0)) throw new InvalidArgumentError(`VaR budget must be > 0, got ${opts.budget}`);
  const h = (opts.horizonDays ?? 1) / (opts.frequency ?? 252);
  const w = alloc.weights;
  const sigma = Math.sqrt(Math.max(dot(w, matVec(cov, w)), 0));
  const mu = opts.expectedReturns ? dot(w, opts.expectedReturns) : 0;
  const v = normPpf(c) * sigma * Math.sqrt(h) - mu * h;
  const k = v > opts.budget ? opts.budget / v : 1;
  return new Allocation({
    method: `${alloc.method}+var_budget`, assets: alloc.assets, weights: w.map((x) => x * k), cov,
    expectedReturns: opts.expectedReturns, riskFreeRate: alloc.riskFreeRate, info: { ...alloc.info, var_before: v, var_scale: k },
  });
}

/** Mix sleeves: Σ_s weight_s · allocation_s over the union of their assets (the rest is cash). */
export function mixSleeves(sleeves: readonly { allocation: Allocation; weight: number }[]): Allocation {
  let total = 0;
  const assets: string[] = [];
  const index = new Map<string, number>();
  for (const s of sleeves) {
    if (!(s.weight >= 0)) throw new InvalidArgumentError(`sleeve weight must be >= 0, got ${s.weight}`);
    total += s.weight;
    for (const a of s.allocation.assets) if (!index.has(a)) {
      index.set(a, assets.length);
      assets.push(a);
    }
  }
  if (total > 1 + 1e-12) throw new InvalidArgumentError(`sleeve weights sum to ${total} > 1`);
  const w = new Float64Array(assets.length);
  for (const s of sleeves) s.allocation.assets.forEach((a, i) => (w[index.get(a) as number] += s.weight * s.allocation.weights[i]));
  return new Allocation({ method: 'sleeves', assets, weights: w, info: { sleeves: sleeves.length } });
}
