/**
 * Exponentially weighted covariance, as PyPortfolioOpt's `exp_cov(span)`:
 *
 *   c_t = (r_i,t - mean_i)(r_j,t - mean_j)   (means over each asset's own valid returns)
 *   Σ_ij = Σ_t w_t c_t / Σ_t w_t over the dates where both returns exist,
 *   w_t = (1 - α)^(T-1-t), α = 2 / (span + 1)   (pandas `ewm(span).mean()`, adjust=True)
 *
 * annualised x frequency, then the spectral PSD repair. `lambda` (RiskMetrics decay, 0.94 say)
 * may be given instead of span: α = 1 - λ.
 */
import { InvalidArgumentError } from '../../errors';
import type { AssetTable } from '../table';
import { repairPsd, requireNoGaps, type CovarianceEstimate } from './estimate';

export interface EwmaOptions {
  span?: number;
  lambda?: number;
  frequency?: number;
}

export function ewmaCov(returns: AssetTable, opts: EwmaOptions = {}): CovarianceEstimate {
  const freq = opts.frequency ?? 252;
  const alpha = opts.lambda !== undefined ? 1 - opts.lambda : 2 / ((opts.span ?? 180) + 1);
  if (!(alpha > 0 && alpha <= 1)) throw new InvalidArgumentError(`EWMA decay must give 0 < alpha <= 1, got ${alpha}`);
  const n = returns.assets.length;
  const T = returns.rows;
  const X = returns.values;
  const mean = new Float64Array(n);
  const cnt = new Float64Array(n);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) {
    const v = X[t * n + i];
    if (!Number.isNaN(v)) {
      mean[i] += v;
      cnt[i]++;
    }
  }
  for (let i = 0; i < n; i++) mean[i] = cnt[i] > 0 ? mean[i] / cnt[i] : NaN;
  const w = new Float64Array(T);
  const logDecay = Math.log1p(-alpha);
  for (let t = 0; t < T; t++) w[t] = alpha === 1 ? (t === T - 1 ? 1 : 0) : Math.exp((T - 1 - t) * logDecay);
  const num = new Float64Array(n * n);
  const den = new Float64Array(n * n);
  const dev = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const wt = w[t];
    for (let i = 0; i < n; i++) dev[i] = X[t * n + i] - mean[i];
    for (let i = 0; i < n; i++) {
      const di = dev[i];
      if (Number.isNaN(di)) continue;
      for (let j = 0; j <= i; j++) {
        const dj = dev[j];
        if (Number.isNaN(dj)) continue;
        num[i * n + j] += wt * di * dj;
        den[i * n + j] += wt;
      }
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    const v = den[i * n + j] > 0 ? (num[i * n + j] / den[i * n + j]) * freq : NaN;
    out[i * n + j] = out[j * n + i] = v;
  }
  const matrix = { rows: n, cols: n, data: out };
  requireNoGaps(matrix, returns.assets, 'EWMA covariance');
  return repairPsd(matrix, returns.assets, 'ewma');
}
