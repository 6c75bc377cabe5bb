/** Checks shared by allocators: covariance and expected returns present, finite and the right size. */
import { InvalidArgumentError } from '../../errors';
import type { Matrix } from '../../math/linalg';
import { checkCovariance, type CovarianceEstimate } from '../covariance';
import type { AllocationInput } from './types';

/** The input covariance, validated (finite, symmetric) and repaired to PSD when needed. */
export function requireCov(input: AllocationInput, method: string): Matrix {
  const c = input.cov;
  if (!c) throw new InvalidArgumentError(`${method} needs a covariance matrix (input.cov)`);
  const m = 'matrix' in c ? (c as CovarianceEstimate).matrix : (c as Matrix);
  return checkCovariance(m, input.assets).matrix;
}

export function requireMu(input: AllocationInput, method: string): Float64Array {
  const mu = input.expectedReturns;
  if (!mu) throw new InvalidArgumentError(`${method} needs expected returns (input.expectedReturns)`);
  if (mu.length !== input.assets.length) {
    throw new InvalidArgumentError(`${method}: ${mu.length} expected returns for ${input.assets.length} assets`);
  }
  const out = Float64Array.from(mu);
  out.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`${method}: expected return of "${input.assets[i]}" is ${v}`, { column: input.assets[i] });
  });
  return out;
}

export function optionalCov(input: AllocationInput): Matrix | undefined {
  return input.cov ? requireCov(input, 'allocation') : undefined;
}
