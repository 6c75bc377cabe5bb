import { InvalidArgumentError } from '../errors';

/**
 * Trading costs, in basis points of traded notional unless stated:
 * - `commissionBps`: charged on |trade notional| (default 0);
 * - `slippageBps`: the fill price is worse than the close by this much (buy at p (1 + s), sell at
 *   p (1 - s)); the difference is a cost (default 0);
 * - `minCommission`: a fixed minimum per trade in currency (default 0).
 * - `borrowBpsPerYear`: cost of short positions per year on |short notional|, charged daily over
 *   `periodsPerYear` (default 0).
 */
export interface CostModel {
  commissionBps?: number;
  slippageBps?: number;
  minCommission?: number;
  borrowBpsPerYear?: number;
  periodsPerYear?: number;
}

export interface ResolvedCosts {
  commission: number;
  slippage: number;
  minCommission: number;
  borrowPerPeriod: number;
}

export function resolveCosts(c: CostModel = {}): ResolvedCosts {
  const get = (v: number | undefined, name: string): number => {
    const x = v ?? 0;
    if (!(x >= 0) || !Number.isFinite(x)) throw new InvalidArgumentError(`cost ${name} must be a finite number >= 0, got ${x}`);
    return x;
  };
  const ppy = c.periodsPerYear ?? 252;
  return {
    commission: get(c.commissionBps, 'commissionBps') / 1e4,
    slippage: get(c.slippageBps, 'slippageBps') / 1e4,
    minCommission: get(c.minCommission, 'minCommission'),
    borrowPerPeriod: get(c.borrowBpsPerYear, 'borrowBpsPerYear') / 1e4 / ppy,
  };
}
