/**
 * Sample covariance of returns, annualised, as PyPortfolioOpt's `sample_cov`:
 * `returns.cov() * frequency`, then the spectral PSD repair.
 *
 * Missing values (NaN, e.g. the ragged starts of the 20-stock file) use pandas' pairwise-complete
 * rule: entry (i, j) uses only the dates where both returns exist, with the means taken over
 * those same dates and divisor (nObs - 1). A pairwise matrix need not be PSD; it is then repaired
 * (`repaired: true`). With fewer observations than assets the sample covariance is singular:
 * (T <= n return rows) this throws `too_few_observations` unless `allowSingular: true` (use `ledoitWolf` instead).
 */
import { AlphaFactoryError } from '../../errors';
import type { AssetTable } from '../table';
import { repairPsd, requireNoGaps, type CovarianceEstimate } from './estimate';

export interface CovarianceOptions {
  /** Periods per year (default 252). */
  frequency?: number;
  /** Allow fewer observations than assets (singular estimate). */
  allowSingular?: boolean;
}

/** Pairwise-complete covariance with ddof 1 (not annualised), plus the pairwise observation counts. */
export function pairwiseCovariance(returns: AssetTable): { cov: Float64Array; counts: Int32Array } {
  const n = returns.assets.length;
  const T = returns.rows;
  const X = returns.values;
  const cov = new Float64Array(n * n);
  const counts = new Int32Array(n * n);
  let complete = true;
  for (let k = 0; k < X.length; k++) if (Number.isNaN(X[k])) {
    complete = false;
    break;
  }
  if (complete) {
    const mean = new Float64Array(n);
    for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) mean[i] += X[t * n + i];
    for (let i = 0; i < n; i++) mean[i] /= T;
    const row = new Float64Array(n);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < n; i++) row[i] = X[t * n + i] - mean[i];
      for (let i = 0; i < n; i++) {
        const ri = row[i];
        const o = i * n;
        for (let j = 0; j <= i; j++) cov[o + j] += ri * row[j];
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
      const v = T > 1 ? cov[i * n + j] / (T - 1) : NaN;
      cov[i * n + j] = v;
      cov[j * n + i] = v;
      counts[i * n + j] = counts[j * n + i] = T;
    }
    return { cov, counts };
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let c = 0;
      let mi = 0;
      let mj = 0;
      for (let t = 0; t < T; t++) {
        const a = X[t * n + i];
        const b = X[t * n + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        c++;
        mi += a;
        mj += b;
      }
      let v = NaN;
      if (c > 1) {
        mi /= c;
        mj /= c;
        let s = 0;
        for (let t = 0; t < T; t++) {
          const a = X[t * n + i];
          const b = X[t * n + j];
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          s += (a - mi) * (b - mj);
        }
        v = s / (c - 1);
      }
      cov[i * n + j] = cov[j * n + i] = v;
      counts[i * n + j] = counts[j * n + i] = c;
    }
  }
  return { cov, counts };
}

export function sampleCov(returns: AssetTable, opts: CovarianceOptions = {}): CovarianceEstimate {
  const freq = opts.frequency ?? 252;
  const n = returns.assets.length;
  const { cov, counts } = pairwiseCovariance(returns);
  const matrix = { rows: n, cols: n, data: cov };
  requireNoGaps(matrix, returns.assets, 'sample covariance');
  let minObs = Infinity;
  for (let k = 0; k < counts.length; k++) minObs = Math.min(minObs, counts[k]);
  if (returns.rows <= n && !opts.allowSingular) {
    throw new AlphaFactoryError(
      'too_few_observations',
      `sample covariance of ${n} assets from only ${returns.rows} observations is singular; use ledoitWolf or shrunkCovariance (or allowSingular: true)`,
    );
  }
  for (let k = 0; k < cov.length; k++) cov[k] *= freq;
  return repairPsd(matrix, returns.assets, 'sample', { minObservations: minObs });
}

/**
 * Pairwise-complete Pearson correlation (pandas `DataFrame.corr()`): entry (i, j) uses the dates
 * where both exist, with means and standard deviations over those same dates. NaN when fewer
 * than 2 common dates or a zero variance.
 */
export function pairwiseCorrelation(returns: AssetTable): { rows: number; cols: number; data: Float64Array } {
  const n = returns.assets.length;
  const T = returns.rows;
  const X = returns.values;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    for (let j = 0; j < i; j++) {
      let c = 0;
      let mi = 0;
      let mj = 0;
      for (let t = 0; t < T; t++) {
        const a = X[t * n + i];
        const b = X[t * n + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        c++;
        mi += a;
        mj += b;
      }
      let v = NaN;
      if (c > 1) {
        mi /= c;
        mj /= c;
        let sab = 0;
        let saa = 0;
        let sbb = 0;
        for (let t = 0; t < T; t++) {
          const a = X[t * n + i];
          const b = X[t * n + j];
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          sab += (a - mi) * (b - mj);
          saa += (a - mi) * (a - mi);
          sbb += (b - mj) * (b - mj);
        }
        v = sab / Math.sqrt(saa * sbb);
      }
      out[i * n + j] = out[j * n + i] = v;
    }
  }
  return { rows: n, cols: n, data: out };
}
