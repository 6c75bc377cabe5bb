/**
 * Fixed shrinkage towards the scaled identity, as PyPortfolioOpt's
 * `CovarianceShrinkage(...).shrunk_covariance(delta)`:
 *   Σ̂ = δ μ I + (1 - δ) S,  S = pairwise sample covariance (ddof 1), μ = tr(S) / n,
 * annualised x frequency.
 */
import { InvalidArgumentError } from '../../errors';
import type { AssetTable } from '../table';
import { pairwiseCovariance } from './sample';
import { repairPsd, requireNoGaps, type CovarianceEstimate } from './estimate';

export function shrunkCovariance(returns: AssetTable, delta = 0.2, opts: { frequency?: number } = {}): CovarianceEstimate {
  if (!(delta >= 0 && delta <= 1)) throw new InvalidArgumentError(`shrinkage delta must lie in [0, 1], got ${delta}`);
  const freq = opts.frequency ?? 252;
  const n = returns.assets.length;
  const { cov } = pairwiseCovariance(returns);
  requireNoGaps({ rows: n, cols: n, data: cov }, returns.assets, 'shrunk covariance');
  let mu = 0;
  for (let i = 0; i < n; i++) mu += cov[i * n + i];
  mu /= n;
  for (let k = 0; k < cov.length; k++) cov[k] *= 1 - delta;
  for (let i = 0; i < n; i++) cov[i * n + i] += delta * mu;
  for (let k = 0; k < cov.length; k++) cov[k] *= freq;
  return repairPsd({ rows: n, cols: n, data: cov }, returns.assets, 'shrunk', { shrinkage: delta });
}
