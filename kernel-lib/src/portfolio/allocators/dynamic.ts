/**
 * Score-based dynamic allocation across strategies (multi-strategy reference, ch. 3.1), with the
 * reference's defects fixed on purpose:
 *
 *   score = 0.5 · max(Sharpe, 0) + 0.3 · winRate - 0.2 · (2 · currentDrawdown), floored at 0.01
 *   target = score / Σ score, then the Euclidean projection onto {min <= w <= max, Σw = 1}
 *   (default [0.05, 0.40]); the reference's clamp-and-renormalise can break the bounds.
 *   A rebalance moves each weight at most `maxChange` (0.10) towards the target: the new weights
 *   are the projection of the target onto {bounds} ∩ {|w - current| <= maxChange} ∩ {Σw = 1}, so
 *   they still sum to 1 (the reference's per-asset step cap does not).
 *
 * `DynamicAllocator` adds the rebalance interval (24 h) with an injectable clock and a history.
 */
import { InvalidArgumentError } from '../../errors';
import { projectBoxBudget } from './project';
import { Allocation } from './allocation';

export interface StrategyPerformance {
  name: string;
  /** Recent annualised Sharpe ratio (the reference's 30-day ×√252). */
  sharpe: number;
  winRate: number;
  /** Current drawdown as a positive fraction (0.05 = 5%). */
  currentDrawdown: number;
  currentAllocation?: number;
  minAllocation?: number;
  maxAllocation?: number;
}

export function strategyScore(p: StrategyPerformance): number {
  for (const [k, v] of [['sharpe', p.sharpe], ['winRate', p.winRate], ['currentDrawdown', p.currentDrawdown]] as const) {
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`strategy "${p.name}": ${k} is ${v}`);
  }
  const score = 0.5 * Math.max(p.sharpe, 0) + 0.3 * p.winRate - 0.2 * (2 * p.currentDrawdown);
  return Math.max(score, 0.01);
}

/** Target weights (sum 1) from the scores, projected onto each strategy's [min, max]. */
export function scoreTargets(perfs: readonly StrategyPerformance[]): Float64Array {
  if (perfs.length === 0) throw new InvalidArgumentError('no strategies to allocate');
  const s = perfs.map(strategyScore);
  const tot = s.reduce((a, b) => a + b, 0);
  const lo = perfs.map((p) => p.minAllocation ?? 0.05);
  const hi = perfs.map((p) => p.maxAllocation ?? 0.4);
  return projectBoxBudget(s.map((v) => v / tot), lo, hi, 1);
}

/** One rebalance step from current towards target, each weight moving at most maxChange. */
export function stepTowards(current: ArrayLike<number>, target: ArrayLike<number>, maxChange = 0.1, lower?: ArrayLike<number>, upper?: ArrayLike<number>): Float64Array {
  const n = target.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = Math.max(current[i] - maxChange, lower ? lower[i] : -Infinity);
    hi[i] = Math.min(current[i] + maxChange, upper ? upper[i] : Infinity);
  }
  let sl = 0;
  let sh = 0;
  for (let i = 0; i < n; i++) {
    sl += lo[i];
    sh += hi[i];
  }
  if (sl > 1 || sh < 1) {
    // current is too far from a fully invested allocation to reach it in one step: move as far as allowed
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = Math.min(Math.max(target[i], lo[i]), hi[i]);
    return w;
  }
  return projectBoxBudget(target, lo, hi, 1);
}

export interface RebalanceRecord {
  timestamp: number;
  allocations: Record<string, { previous: number; target: number; new: number; change: number }>;
}

export class DynamicAllocator {
  readonly rebalanceIntervalMs: number;
  readonly maxChange: number;
  readonly history: RebalanceRecord[] = [];
  private last?: number;
  private readonly clock: () => number;

  constructor(opts: { rebalanceIntervalMs?: number; maxChange?: number; clock?: () => number } = {}) {
    this.rebalanceIntervalMs = opts.rebalanceIntervalMs ?? 24 * 3600 * 1000;
    this.maxChange = opts.maxChange ?? 0.1;
    this.clock = opts.clock ?? (() => Date.now());
  }

  /** True on the first call and once the interval has elapsed since the last rebalance. */
  shouldRebalance(): boolean {
    return this.last === undefined || this.clock() - this.last >= this.rebalanceIntervalMs;
  }

  /** Targets from scores, then one capped step from each strategy's currentAllocation. */
  rebalance(perfs: readonly StrategyPerformance[]): RebalanceRecord {
    const target = scoreTargets(perfs);
    const current = perfs.map((p) => p.currentAllocation ?? 0);
    const next = stepTowards(current, target, this.maxChange, perfs.map((p) => p.minAllocation ?? 0.05), perfs.map((p) => p.maxAllocation ?? 0.4));
    const now = this.clock();
    const rec: RebalanceRecord = { timestamp: now, allocations: {} };
    perfs.forEach((p, i) => {
      rec.allocations[p.name] = { previous: current[i], target: target[i], new: next[i], change: next[i] - current[i] };
    });
    this.last = now;
    this.history.push(rec);
    return rec;
  }
}

/** A rebalance record as an `Allocation` (method "dynamic", the new weights; info holds the targets). */
export function rebalanceAllocation(rec: RebalanceRecord): Allocation {
  const names = Object.keys(rec.allocations);
  const info: Record<string, number> = { timestamp: rec.timestamp };
  for (const k of names) info[`target:${k}`] = rec.allocations[k].target;
  return new Allocation({ method: 'dynamic', assets: names, weights: Float64Array.from(names, (k) => rec.allocations[k].new), info });
}
