/** Checks shared by allocators: covariance and expected returns present, finite and the right size. */
import { InvalidArgumentError } from '../../errors';
import type { Matrix } from '../../math/linalg';
import { checkCovariance, type CovarianceEstimate } from '../covariance';
import type { AllocationInput } from './types';

/**
 * The input covariance. A plain matrix is validated (finite, symmetric, non-negative variances)
 * and repaired to PSD when needed (spectral clipping); a `CovarianceEstimate` from this module's
 * estimators was already checked and repaired, so only its size is checked.
 */
export function requireCov(input: AllocationInput, method: string): Matrix {
  const c = input.cov;
  if (!c) throw new InvalidArgumentError(`${method} needs a covariance matrix (input.cov)`);
  if ('matrix' in c) {
    const est = c as CovarianceEstimate;
    const n = input.assets.length;
    if (est.matrix.rows !== n || est.matrix.cols !== n) {
      throw new InvalidArgumentError(`${method}: covariance is ${est.matrix.rows}x${est.matrix.cols} but there are ${n} assets`);
    }
    return est.matrix;
  }
  return checkCovariance(c as Matrix, input.assets).matrix;
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
