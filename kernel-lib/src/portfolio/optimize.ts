/**
 * One call from a prices or returns table to an allocation, with PyPortfolioOpt's defaults:
 *
 * - from prices: returns = pct_change().dropna(how="all"); expected returns = geometric mean
 *   (`mean_historical_return`); covariance = sample x frequency (`sample_cov`);
 * - from returns: expected returns = arithmetic mean x frequency, covariance = sample x frequency
 *   (`returns_data=True, compounding=False`);
 * - hrp clusters on the pairwise correlation of the returns and reports its performance with the
 *   arithmetic mean and the raw pairwise covariance, as `HRPOpt.portfolio_performance`.
 *
 * `compareAllocators` runs several methods on the same inputs (the tutorial's side-by-side table).
 */
import { InvalidArgumentError } from '../errors';
import type { AssetTable } from './table';
import { returnsFromPrices, dropAllMissingRows, meanHistoricalReturn } from './returns';
import { sampleCov, pairwiseCovariance } from './covariance';
import { allocate, ALLOCATORS, type Allocation, type AllocationInput, type Constraints } from './allocators';

export interface OptimizeOptions {
  /** What the table holds (default prices). */
  from?: 'prices' | 'returns';
  method: string;
  riskFreeRate?: number;
  frequency?: number;
  constraints?: Constraints;
}

export const OPTIMIZE_METHODS = Object.keys(ALLOCATORS);

export function optimizePortfolio(table: AssetTable, opts: OptimizeOptions): Allocation {
  const method = opts.method;
  if (!OPTIMIZE_METHODS.includes(method)) {
    throw new InvalidArgumentError(`unknown allocation method "${method}" (methods: ${OPTIMIZE_METHODS.join(', ')})`);
  }
  const frequency = opts.frequency ?? 252;
  if (!(frequency > 0)) throw new InvalidArgumentError(`frequency must be > 0, got ${frequency}`);
  const fromPrices = (opts.from ?? 'prices') === 'prices';
  const returns = fromPrices ? returnsFromPrices(table) : dropAllMissingRows(table);
  const arithmetic = meanHistoricalReturn(returns, { compounding: false, frequency });
  const mu = fromPrices ? meanHistoricalReturn(returns, { frequency }) : arithmetic;
  const cov = sampleCov(returns, { frequency });
  const input: AllocationInput = {
    assets: returns.assets, cov, expectedReturns: mu, returns, riskFreeRate: opts.riskFreeRate ?? 0.02, constraints: opts.constraints,
  };
  if (method === 'hrp') {
    const n = returns.assets.length;
    const raw = pairwiseCovariance(returns).cov;
    for (let k = 0; k < raw.length; k++) raw[k] *= frequency;
    return allocate('hrp', { ...input, cov: { rows: n, cols: n, data: raw }, expectedReturns: arithmetic });
  }
  return allocate(method, input);
}

/** Several methods on the same table. */
export function compareAllocators(table: AssetTable, methods: readonly string[], opts: Omit<OptimizeOptions, 'method'> = {}): Allocation[] {
  return methods.map((method) => optimizePortfolio(table, { ...opts, method }));
}
