/**
 * The result of every covariance estimator: an annualised covariance matrix with its provenance.
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { asymmetry, nearestPsd, isPositiveSemidefinite, type Matrix } from '../../math/linalg';

export interface CovarianceEstimate {
  readonly assets: readonly string[];
  /** Annualised covariance (n x n). */
  readonly matrix: Matrix;
  /** Estimator name: sample, ledoit_wolf, shrunk, ewma, given. */
  readonly method: string;
  /** Whether negative eigenvalues were clipped to zero (spectral PSD repair). */
  readonly repaired: boolean;
  /** Shrinkage intensity, where the estimator has one. */
  readonly shrinkage?: number;
  /** Fewest observations behind any entry. */
  readonly minObservations?: number;
}

/**
 * Check a user-supplied covariance (square, finite, symmetric to 1e-10 relative, non-negative
 * diagonal) and repair it to PSD by spectral clipping when it is not (PyPortfolioOpt's
 * `fix_nonpositive_semidefinite`). Throws InvalidArgumentError naming the bad entry otherwise.
 */
export function checkCovariance(matrix: Matrix, assets: readonly string[], method = 'given'): CovarianceEstimate {
  const n = assets.length;
  if (matrix.rows !== n || matrix.cols !== n) {
    throw new InvalidArgumentError(`covariance is ${matrix.rows}x${matrix.cols} but there are ${n} assets`);
  }
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = matrix.data[i * n + j];
      if (!Number.isFinite(v)) {
        throw new InvalidArgumentError(`covariance entry (${assets[i]}, ${assets[j]}) is ${v}`, { column: assets[j] });
      }
    }
    const d = matrix.data[i * n + i];
    if (d < 0) throw new InvalidArgumentError(`covariance has a negative variance ${d} for "${assets[i]}"`, { column: assets[i] });
    scale = Math.max(scale, d);
  }
  if (asymmetry(matrix) > 1e-10 * Math.max(scale, 1e-300)) {
    throw new InvalidArgumentError('covariance is not symmetric');
  }
  // accept PSD up to rounding (a spectrally repaired matrix has eigenvalues ~ -1e-17)
  if (isPositiveSemidefinite(matrix, 1e-12 * Math.max(scale, 1e-300))) return { assets, matrix, method, repaired: false };
  return repairPsd(matrix, assets, method);
}

/** Spectral PSD repair when Cholesky of A + 1e-16 I fails (PyPortfolioOpt's test). */
export function repairPsd(matrix: Matrix, assets: readonly string[], method: string, extra: Partial<CovarianceEstimate> = {}): CovarianceEstimate {
  if (isPositiveSemidefinite(matrix)) return { assets, matrix, method, repaired: false, ...extra };
  const fixed = nearestPsd(matrix).matrix;
  return { assets, matrix: fixed, method, repaired: true, ...extra };
}

/** Standard deviations (sqrt of the diagonal). */
export function volatilities(cov: Matrix): Float64Array {
  const n = cov.rows;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(Math.max(cov.data[i * n + i], 0));
  return out;
}

/** Correlation matrix from a covariance (zero-variance assets get zero correlation, 1 on the diagonal). */
export function correlationFromCovariance(cov: Matrix): Matrix {
  const n = cov.rows;
  const s = volatilities(cov);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    out[i * n + j] = i === j ? 1 : s[i] > 0 && s[j] > 0 ? cov.data[i * n + j] / (s[i] * s[j]) : 0;
  }
  return { rows: n, cols: n, data: out };
}

export function requireNoGaps(cov: Matrix, assets: readonly string[], what: string): void {
  const n = assets.length;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    if (Number.isNaN(cov.data[i * n + j])) {
      throw new AlphaFactoryError(
        'insufficient_overlap',
        `${what}: assets "${assets[i]}" and "${assets[j]}" have fewer than 2 overlapping returns`,
        { column: assets[i] },
      );
    }
  }
}
