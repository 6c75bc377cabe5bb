import { InvalidArgumentError } from '../errors';

/**
 * Portfolio risk limits as fractions of total capital (defaults from the multi-strategy reference,
 * `RiskLimits`). Exposure limits compare `projected > limit`; loss limits compare `loss >= limit`.
 */
export interface RiskLimits {
  /** Gross exposure of all strategies / capital; default 0.80. */
  maxTotalExposure: number;
  /** Exposure of one strategy / capital; default 0.30. */
  maxStrategyExposure: number;
  /** Loss today (UTC day) / capital; default 0.03. */
  maxDailyLoss: number;
  /** Loss this ISO week (Monday 00:00 UTC onward) / capital; default 0.07. */
  maxWeeklyLoss: number;
  /** Exposure of one symbol summed over strategies / capital; default 0.20. */
  maxAssetExposure: number;
  /** Exposure of a group of strategies correlated at >= `correlationThreshold` / capital; default 0.50. */
  maxCorrelatedExposure: number;
  /** Correlation at which strategies form a group; default 0.7. */
  correlationThreshold: number;
  /** Net loss since start / last reset, as a fraction of capital, that latches the emergency stop; default 0.10. */
  emergencyStopLoss: number;
}

export const DEFAULT_RISK_LIMITS: Readonly<RiskLimits> = Object.freeze({
  maxTotalExposure: 0.8,
  maxStrategyExposure: 0.3,
  maxDailyLoss: 0.03,
  maxWeeklyLoss: 0.07,
  maxAssetExposure: 0.2,
  maxCorrelatedExposure: 0.5,
  correlationThreshold: 0.7,
  emergencyStopLoss: 0.1,
});

/** Defaults overridden by `partial`; every limit must lie in (0, 1] (the threshold in (0, 1]). */
export function riskLimits(partial: Partial<RiskLimits> = {}): RiskLimits {
  const out: RiskLimits = { ...DEFAULT_RISK_LIMITS, ...partial };
  for (const [k, v] of Object.entries(out)) {
    if (!(typeof v === 'number' && v > 0 && v <= 1)) throw new InvalidArgumentError(`risk limit ${k} must be in (0, 1], got ${String(v)}`);
  }
  return out;
}

/**
 * Groups of names whose pairwise correlation reaches `threshold` (default 0.7), as connected
 * components of the graph with an edge where corr(i, j) >= threshold. Singletons are left out.
 * `corr` is row-major n x n.
 */
export function correlatedGroups(names: readonly string[], corr: ArrayLike<number>, threshold = 0.7): string[][] {
  const n = names.length;
  if (corr.length !== n * n) throw new InvalidArgumentError(`correlatedGroups: ${n} names but ${corr.length} correlation entries (expected ${n * n})`);
  const parent = names.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (corr[i * n + j] >= threshold) parent[find(i)] = find(j);
  const groups = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(names[i]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
