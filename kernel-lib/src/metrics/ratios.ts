import { checkReturns, mean, periodsOf, sampleStd, type MetricOptions, type Returns } from './returns';
import { maxDrawdown } from './drawdown';
import { cagr } from './annual';

/**
 * Annualised Sharpe ratio (empyrical `sharpe_ratio`):
 * `SR = mean(r - rf) / std(r - rf, ddof = 1) * sqrt(periods)`.
 * `rf` is a per-period rate (default 0). Needs at least 2 returns. A zero standard deviation gives
 * +/-Infinity (or NaN when the mean is also 0), as empyrical.
 */
export function sharpe(r: Returns, opts?: MetricOptions): number {
  checkReturns(r, 'sharpe', 2);
  const rf = opts?.riskFree ?? 0;
  const ex = rf === 0 ? r : Array.from(r, (x) => x - rf);
  return (mean(ex) / sampleStd(ex)) * Math.sqrt(periodsOf(opts));
}

/**
 * Annualised downside deviation below the required return `m` (empyrical `downside_risk`):
 * `DR = sqrt(mean_t(min(r_t - m, 0)^2)) * sqrt(periods)`, the mean taken over ALL observations
 * (those above `m` contribute 0).
 */
export function downsideRisk(r: Returns, opts?: MetricOptions): number {
  checkReturns(r, 'downsideRisk', 1);
  const m = opts?.requiredReturn ?? 0;
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const d = Math.min(r[i] - m, 0);
    s += d * d;
  }
  return Math.sqrt(s / r.length) * Math.sqrt(periodsOf(opts));
}

/**
 * Sortino ratio (empyrical `sortino_ratio`): `mean(r - m) * periods / downsideRisk(r, m)`,
 * i.e. the annualised arithmetic mean excess return over the annualised downside deviation
 * computed over all observations. Needs at least 2 returns; no losses gives Infinity.
 */
export function sortino(r: Returns, opts?: MetricOptions): number {
  checkReturns(r, 'sortino', 2);
  const m = opts?.requiredReturn ?? 0;
  const p = periodsOf(opts);
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i] - m;
  return ((s / r.length) * p) / downsideRisk(r, opts);
}

/**
 * Calmar ratio (empyrical `calmar_ratio`): `CAGR / |maxDrawdown|`. NaN when there is no drawdown
 * (max drawdown 0) or the ratio is infinite, exactly as empyrical reports it.
 */
export function calmar(r: Returns, opts?: MetricOptions): number {
  const dd = maxDrawdown(r);
  if (!(dd < 0)) return NaN;
  const c = cagr(r, opts) / Math.abs(dd);
  return Number.isFinite(c) ? c : NaN;
}

/**
 * Omega ratio (empyrical `omega_ratio`) at a per-period threshold
 * `tau = (1 + requiredReturn)^(1/periods) - 1` (here `requiredReturn` is ANNUAL, as in empyrical):
 * `sum(max(r - rf - tau, 0)) / sum(max(tau + rf - r, 0))`; NaN when nothing falls below the threshold.
 */
export function omega(r: Returns, opts?: MetricOptions): number {
  checkReturns(r, 'omega', 2);
  const p = periodsOf(opts);
  const req = opts?.requiredReturn ?? 0;
  const rf = opts?.riskFree ?? 0;
  const tau = p === 1 ? req : Math.pow(1 + req, 1 / p) - 1;
  let up = 0;
  let down = 0;
  for (let i = 0; i < r.length; i++) {
    const d = r[i] - rf - tau;
    if (d > 0) up += d;
    else if (d < 0) down -= d;
  }
  return down > 0 ? up / down : NaN;
}
