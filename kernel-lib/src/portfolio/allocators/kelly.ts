/**
 * Fractional Kelly sizing.
 *
 * - `kellyCriterion(p, avgWin, avgLoss, fraction = 0.5)`: f* = (b p - q) / b with b = avgWin /
 *   avgLoss, q = 1 - p; returns max(fraction · f*, 0), and 0 when avgLoss is 0 (the reference's
 *   rule). Kelly(0.6, 2, 1, 0.5) = 0.2.
 * - `multiStrategyKelly(strategies, fraction)`: per strategy from its daily returns (win rate, mean
 *   win, mean |loss|); fewer than 30 returns, or no wins or no losses, gives its minimum
 *   allocation; otherwise the fraction is clipped to [min, max]. The set is scaled down only when
 *   it sums to more than 1 (the rest is cash).
 * - `kelly(input, {fraction})`: continuous multi-asset Kelly, the growth-optimal portfolio
 *   max (μ - rf)ᵀw - 1/(2f) wᵀΣw under the constraints with Σw <= budget (cash takes the rest);
 *   without binding constraints this is f · Σ⁻¹(μ - rf), i.e. half Kelly for f = 0.5.
 */
import { InvalidArgumentError } from '../../errors';
import { scale } from '../../math/linalg';
import { Allocation } from './allocation';
import { resolveConstraints } from './constraints';
import { requireCov, requireMu } from './inputs';
import { solvePortfolioQp } from './qpBuild';
import type { AllocationInput } from './types';

export function kellyCriterion(winRate: number, avgWin: number, avgLoss: number, fraction = 0.5): number {
  if (!(winRate >= 0 && winRate <= 1)) throw new InvalidArgumentError(`win rate must lie in [0, 1], got ${winRate}`);
  if (!(avgWin >= 0) || !(avgLoss >= 0)) throw new InvalidArgumentError('average win and loss must be >= 0 (give the loss as a magnitude)');
  if (avgLoss === 0) return 0;
  const b = avgWin / avgLoss;
  if (b === 0) return 0;
  const f = (b * winRate - (1 - winRate)) / b;
  return Math.max(f * fraction, 0);
}

export interface KellyStrategy {
  name: string;
  dailyReturns: ArrayLike<number>;
  minAllocation?: number;
  maxAllocation?: number;
}

export function multiStrategyKelly(strategies: readonly KellyStrategy[], fraction = 0.5): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const s of strategies) {
    const lo = s.minAllocation ?? 0.05;
    const hi = s.maxAllocation ?? 0.4;
    const r = Array.from(s.dailyReturns).filter((v) => !Number.isNaN(v));
    const wins = r.filter((v) => v > 0);
    const losses = r.filter((v) => v < 0);
    let f: number;
    if (r.length < 30 || wins.length === 0 || losses.length === 0) f = lo;
    else {
      const p = wins.length / r.length;
      const avgWin = wins.reduce((a, b) => a + b, 0) / wins.length;
      const avgLoss = -losses.reduce((a, b) => a + b, 0) / losses.length;
      f = Math.min(Math.max(kellyCriterion(p, avgWin, avgLoss, fraction), lo), hi);
    }
    out[s.name] = f;
    total += f;
  }
  if (total > 1) for (const k of Object.keys(out)) out[k] /= total;
  return out;
}

export function kelly(input: AllocationInput, opts: { fraction?: number } = {}): Allocation {
  const f = opts.fraction ?? 0.5;
  if (!(f > 0 && f <= 1)) throw new InvalidArgumentError(`Kelly fraction must lie in (0, 1], got ${f}`);
  const cov = requireCov(input, 'kelly');
  const mu = requireMu(input, 'kelly');
  const rf = input.riskFreeRate ?? 0;
  const c = resolveConstraints({ ...input.constraints, budgetIsCap: input.constraints?.budgetIsCap ?? true }, input.assets);
  const P = scale(cov, 1 / f);
  const q = mu.map((v) => -(v - rf));
  const w = solvePortfolioQp(P, q, c, input.assets);
  return new Allocation({ method: 'kelly', assets: input.assets, weights: w, cov, expectedReturns: mu, riskFreeRate: rf, info: { fraction: f } });
}
