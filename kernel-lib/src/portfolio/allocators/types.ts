/**
 * The one interface every allocator implements: inputs in, `Allocation` (weights + cash) out.
 */
import type { Matrix } from '../../math/linalg';
import type { CovarianceEstimate } from '../covariance';
import type { AssetTable } from '../table';
import type { Allocation } from './allocation';
import type { Constraints } from './constraints';

export interface AllocationInput {
  assets: readonly string[];
  /** Annualised covariance (a matrix or an estimate from `portfolio.covariance`). */
  cov?: Matrix | CovarianceEstimate;
  /** Annualised expected returns, one per asset. */
  expectedReturns?: ArrayLike<number>;
  /** Periodic returns (HRP uses their pairwise correlation; Kelly uses them directly). */
  returns?: AssetTable;
  riskFreeRate?: number;
  constraints?: Constraints;
}

export interface Allocator {
  readonly name: string;
  allocate(input: AllocationInput): Allocation;
}
