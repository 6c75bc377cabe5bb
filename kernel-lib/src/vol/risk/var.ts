/**
 * Value at risk and expected shortfall from a location-scale forecast r = mu + sigma z, z from
 * the fitted standardised distribution, reported as positive losses at tail probability alpha:
 *
 *   VaR_alpha = -(mu + sigma q_alpha),   q_alpha = F^{-1}(alpha)
 *   ES_alpha  = -(mu + sigma E[z | z <= q_alpha]),  E[z | z <= q] = (1/alpha) int_0^alpha F^{-1}(u) du
 *
 * The tail mean is in closed form where the distribution provides one (normal, Student t, skew t's
 * left tail), else integrated numerically (u = alpha e^{-w}, composite Simpson on w in [0, 40]);
 * FHS uses empirical quantiles of simulated returns instead.
 */
import { InvalidArgumentError } from '../../errors';
import type { Distribution } from '../types';

export interface VarEstimate {
  level: number;
  /** Value at risk (a positive number is a loss). */
  var: number;
  /** Expected shortfall (a positive number is a loss). */
  es: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`VaR level must be in (0, 1), got ${level}`);
}

/** E[z | z <= F^{-1}(alpha)] for the standardised distribution. */
export function tailMean(dist: Distribution, distParams: Float64Array, alpha: number): number {
  // closed forms (normal, t, skew-t left tail): one quantile instead of 1,601
  const closed = dist.tailMean ? dist.tailMean(alpha, distParams) : NaN;
  if (Number.isFinite(closed)) return closed;
  const m = 1600; // even
  const W = 40;
  const h = W / m;
  let s = 0;
  for (let i = 0; i <= m; i++) {
    const w = i * h;
    const u = alpha * Math.exp(-w);
    const q = dist.ppf(u, distParams);
    const fw = Number.isFinite(q) ? q * Math.exp(-w) : 0;
    s += (i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2) * fw;
  }
  return (s * h) / 3;
}

export function valueAtRisk(dist: Distribution, distParams: Float64Array, mean: number, variance: number, level: number): VarEstimate {
  checkLevel(level);
  const sd = Math.sqrt(variance);
  const q = dist.ppf(level, distParams);
  return { level, var: -(mean + sd * q), es: -(mean + sd * tailMean(dist, distParams, level)) };
}

/** VaR/ES from simulated returns (filtered historical simulation): empirical quantile and tail mean. */
export function empiricalVar(returns: ArrayLike<number>, level: number): VarEstimate {
  checkLevel(level);
  const x = Float64Array.from(returns).sort();
  const n = x.length;
  if (n === 0) throw new InvalidArgumentError('no simulated returns for an empirical VaR');
  // linear interpolation between order statistics (numpy's default quantile)
  const pos = level * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const q = x[lo] + (pos - lo) * (x[hi] - x[lo]);
  let s = 0;
  let c = 0;
  for (let i = 0; i < n && x[i] <= q; i++) {
    s += x[i];
    c++;
  }
  return { level, var: -q, es: -(c > 0 ? s / c : q) };
}
