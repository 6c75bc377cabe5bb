/**
 * Ledoit-Wolf shrinkage towards a scaled identity (constant variance target), as scikit-learn's
 * `ledoit_wolf` which PyPortfolioOpt's `CovarianceShrinkage(...).ledoit_wolf()` calls:
 *
 *   X centred by column means, S = XᵀX / T (biased), μ = tr(S) / n, F = μ I
 *   δ² = ‖S - F‖²_F / n (the dispersion),  β² = min(δ², (Σ_t ‖x_t x_tᵀ - S‖²_F) / (n T²))
 *   shrinkage = β² / δ²,  Σ̂ = (1 - shrinkage) S + shrinkage F, annualised x frequency.
 *
 * Missing returns are replaced by 0 before estimation, exactly as PyPortfolioOpt does
 * (`np.nan_to_num`), so the ragged 20-stock file gives PyPortfolioOpt's numbers. Well defined with
 * fewer observations than assets (the estimate is positive definite).
 */
import type { AssetTable } from '../table';
import { repairPsd, type CovarianceEstimate } from './estimate';
import { AlphaFactoryError } from '../../errors';

export function ledoitWolf(returns: AssetTable, opts: { frequency?: number } = {}): CovarianceEstimate {
  const freq = opts.frequency ?? 252;
  const n = returns.assets.length;
  const T = returns.rows;
  if (T < 2) throw new AlphaFactoryError('too_few_observations', `Ledoit-Wolf needs at least 2 observations, got ${T}`);
  const X = new Float64Array(T * n);
  const mean = new Float64Array(n);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) {
    const v = returns.values[t * n + i];
    X[t * n + i] = Number.isNaN(v) ? 0 : v;
    mean[i] += X[t * n + i];
  }
  for (let i = 0; i < n; i++) mean[i] /= T;
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) X[t * n + i] -= mean[i];
  // S = XᵀX / T, and Σ_t (x_t²)ᵀ(x_t²) for beta
  const S = new Float64Array(n * n);
  const X2X2 = new Float64Array(n * n);
  const row2 = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let i = 0; i < n; i++) row2[i] = X[o + i] * X[o + i];
    for (let i = 0; i < n; i++) {
      const xi = X[o + i];
      const x2 = row2[i];
      const si = i * n;
      for (let j = 0; j <= i; j++) {
        S[si + j] += xi * X[o + j];
        X2X2[si + j] += x2 * row2[j];
      }
    }
  }
  let trace = 0;
  let sumS2 = 0;
  let sumX2X2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = S[i * n + j];
      const w = i === j ? 1 : 2;
      sumS2 += w * v * v;
      sumX2X2 += w * X2X2[i * n + j];
    }
    trace += S[i * n + i];
  }
  // scikit-learn: delta_ = sum((XᵀX)²)/T², beta_ = sum(X2ᵀX2)
  const empTrace = trace / T; // sum of empirical variances
  const mu = empTrace / n;
  const deltaRaw = sumS2 / (T * T);
  let beta = (1 / (n * T)) * (sumX2X2 / T - deltaRaw);
  let delta = deltaRaw - 2 * mu * empTrace + n * mu * mu;
  delta /= n;
  beta = Math.min(beta, delta);
  const shrinkage = beta === 0 ? 0 : beta / delta;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let v = (1 - shrinkage) * (S[i * n + j] / T);
    if (i === j) v += shrinkage * mu;
    out[i * n + j] = out[j * n + i] = v * freq;
  }
  return repairPsd({ rows: n, cols: n, data: out }, returns.assets, 'ledoit_wolf', { shrinkage, minObservations: T });
}
