/**
 * Health checks of live alphas, each on its daily return series up to date t.
 *
 * | reason            | fires when                                                          | default |
 * |-------------------|---------------------------------------------------------------------|---------|
 * | low_sharpe        | annualised Sharpe (empyrical) of the last `window` days < minSharpe | 30, 0.5 |
 * | high_drawdown     | max drawdown (compounded) over the last `drawdownWindow` days is     | 252,    |
 * |                   | deeper than maxDrawdown                                             | 15%     |
 * | correlation_spike | |Pearson corr| of the last `window` days with another alpha > max     | 0.9     |
 * | expired           | the date is on or after the alpha's `expiresAt`                     |         |
 * | underperformance  | one-sided p-value that the recent Sharpe is below the expected one  | 0.05    |
 *
 * Significance test (Lo 2002): with n = window days, daily Sharpe s = mean / std (ddof 1) and
 * expected daily Sharpe e = expectedSharpe / sqrt(252), z = (s - e) / sqrt((1 + e^2 / 2) / n)
 * and p = Phi(z); the alpha is flagged when p < significance. Alphas without an
 * `expectedSharpe` skip this test.
 */
import { InvalidArgumentError } from '../../errors';
import { maxDrawdown, sharpe } from '../../metrics';
import { normCdf } from '../../math/special';
import { pearson } from '../metrics/pairs';

export type KillReason = 'low_sharpe' | 'high_drawdown' | 'correlation_spike' | 'expired' | 'underperformance';

export interface KillThresholds {
  window: number;
  minSharpe: number;
  drawdownWindow: number;
  /** Positive: 0.15 = a 15% fall from peak. */
  maxDrawdown: number;
  maxCorrelation: number;
  significance: number;
}

export const DEFAULT_KILL_THRESHOLDS: Readonly<KillThresholds> = Object.freeze({
  window: 30,
  minSharpe: 0.5,
  drawdownWindow: 252,
  maxDrawdown: 0.15,
  maxCorrelation: 0.9,
  significance: 0.05,
});

export interface MonitoredAlpha {
  id: string;
  /** Daily returns, one per date (NaN = no return that day; such days are left out). */
  returns: Float64Array;
  /** Annualised Sharpe the alpha was admitted with (for the significance test). */
  expectedSharpe?: number;
  /** ISO date after which the alpha must be retired. */
  expiresAt?: string;
}

export interface HealthReport {
  id: string;
  reasons: KillReason[];
  sharpe: number;
  drawdown: number;
  maxCorrelation: number;
  correlatedWith: string | null;
  pValue: number;
  days: number;
}

function lastFinite(r: Float64Array, t: number, n: number): number[] {
  const out: number[] = [];
  for (let s = t; s >= 0 && out.length < n; s--) if (Number.isFinite(r[s])) out.push(r[s]);
  return out.reverse();
}

/** Significance of recent underperformance (see the module comment). */
export function underperformancePValue(recent: ArrayLike<number>, expectedSharpe: number, periods = 252): number {
  const n = recent.length;
  if (n < 2) return NaN;
  let m = 0;
  for (let k = 0; k < n; k++) m += recent[k];
  m /= n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (recent[k] - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) return NaN;
  const s = m / sd;
  const e = expectedSharpe / Math.sqrt(periods);
  const z = (s - e) / Math.sqrt((1 + (e * e) / 2) / n);
  return normCdf(z);
}

export function assessHealth(
  alphas: readonly MonitoredAlpha[],
  t: number,
  date?: string,
  thresholds?: Partial<KillThresholds>,
): HealthReport[] {
  const th = { ...DEFAULT_KILL_THRESHOLDS, ...(thresholds ?? {}) };
  if (!Number.isInteger(th.window) || th.window < 2) throw new InvalidArgumentError(`kill-switch window must be an integer >= 2, got ${th.window}`);
  // aligned recent window for correlations: dates where both are finite
  const start = Math.max(0, t - th.window + 1);
  return alphas.map((a) => {
    if (t < 0 || t >= a.returns.length) throw new InvalidArgumentError(`date index ${t} outside ${a.id}'s ${a.returns.length} returns`);
    const recent = lastFinite(a.returns, t, th.window);
    const reasons: KillReason[] = [];
    const sr = recent.length >= 2 ? sharpe(recent) : NaN;
    if (recent.length >= th.window && sr < th.minSharpe) reasons.push('low_sharpe');
    const longer = lastFinite(a.returns, t, th.drawdownWindow);
    const dd = longer.length > 0 ? maxDrawdown(longer) : 0;
    if (-dd > th.maxDrawdown) reasons.push('high_drawdown');
    let maxCorr = 0;
    let with_: string | null = null;
    for (const b of alphas) {
      if (b === a) continue;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let s = start; s <= t; s++) {
        if (Number.isFinite(a.returns[s]) && Number.isFinite(b.returns[s])) {
          xs.push(a.returns[s]);
          ys.push(b.returns[s]);
        }
      }
      if (xs.length < 3) continue;
      const c = Math.abs(pearson(xs, ys, xs.length));
      if (c > maxCorr) {
        maxCorr = c;
        with_ = b.id;
      }
    }
    if (maxCorr > th.maxCorrelation) reasons.push('correlation_spike');
    if (a.expiresAt !== undefined && date !== undefined && date >= a.expiresAt) reasons.push('expired');
    const p = a.expectedSharpe !== undefined && recent.length >= th.window ? underperformancePValue(recent, a.expectedSharpe) : NaN;
    if (p < th.significance) reasons.push('underperformance');
    return { id: a.id, reasons, sharpe: sr, drawdown: dd, maxCorrelation: maxCorr, correlatedWith: with_, pValue: p, days: recent.length };
  });
}
