import { checkReturns, type Returns } from './returns';

/**
 * Stability of the cumulative log-return path (empyrical `stability_of_timeseries`): the R^2 of an
 * ordinary least-squares line fitted to `y_t = sum_{s<=t} ln(1 + r_s)` against `t = 0..n-1`.
 * Needs at least 2 returns.
 */
export function stability(r: Returns): number {
  checkReturns(r, 'stability', 2);
  const n = r.length;
  const y = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += Math.log1p(r[i]);
    y[i] = acc;
  }
  const mx = (n - 1) / 2;
  let my = 0;
  for (let i = 0; i < n; i++) my += y[i];
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (syy === 0) return NaN;
  return (sxy * sxy) / (sxx * syy);
}
