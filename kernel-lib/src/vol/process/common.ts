/**
 * Pieces shared by the volatility processes: arch's backcast, its variance bounds, and the
 * Gaussian likelihood used to score grid starting values.
 */
import type { BackcastMode } from '../types';
import { Normal } from '../dist/normal';

const normal = new Normal();
const EMPTY = new Float64Array(0);

/**
 * arch's backcast: an exponentially weighted average of |e_t|^power over the first
 * tau = min(75, n) observations with weights 0.94^i / sum_j 0.94^j (i = 0..tau-1).
 * In `sample` mode (R's rugarch and the FCP benchmark) it is the sample mean of |e_t|^power.
 */
export function backcastValue(resids: Float64Array, power: number, mode: BackcastMode): number {
  const n = resids.length;
  if (mode === 'sample') {
    let s = 0;
    for (let t = 0; t < n; t++) s += powAbs(resids[t], power);
    return s / n;
  }
  const tau = Math.min(75, n);
  let wsum = 0;
  let s = 0;
  let w = 1;
  for (let i = 0; i < tau; i++) {
    wsum += w;
    s += w * powAbs(resids[i], power);
    w *= 0.94;
  }
  return s / wsum;
}

function powAbs(x: number, power: number): number {
  return power === 2 ? x * x : Math.pow(Math.abs(x), power);
}

/**
 * arch's variance bounds (interleaved lower/upper per observation): an EWMA(0.94) variance path
 * v_t started at the backcast, bounds v_t / 1e6 and v_t * 1e6, the lower clipped to at least
 * var(e) / 1e8, the upper to [1 + max e^2, 1e7 (1 + max e^2)]; raised to power/2 for processes
 * in |e|^power. A variance that leaves them is clipped (below) or grows logarithmically (above).
 */
export function varianceBounds(resids: Float64Array, power: number): Float64Array {
  const n = resids.length;
  const out = new Float64Array(2 * n);
  let mean = 0;
  let maxSq = 0;
  for (let t = 0; t < n; t++) {
    mean += resids[t];
    maxSq = Math.max(maxSq, resids[t] * resids[t]);
  }
  mean /= n;
  let v = 0;
  for (let t = 0; t < n; t++) v += (resids[t] - mean) * (resids[t] - mean);
  v /= n;
  const lowerBound = v / 1e8;
  const minUpper = 1 + maxSq;
  const upperBound = 1e7 * (1 + maxSq);
  let s2 = backcastValue(resids, 2, 'arch');
  for (let t = 0; t < n; t++) {
    if (t > 0) s2 = (1 - 0.94) * resids[t - 1] * resids[t - 1] + 0.94 * s2;
    let lo = s2 / 1e6;
    let hi = s2 * 1e6;
    if (lo < lowerBound) lo = lowerBound;
    if (hi < minUpper) hi = minUpper;
    if (hi > upperBound) hi = upperBound;
    out[2 * t] = lo;
    out[2 * t + 1] = hi;
  }
  // in a separate pass: a Math.pow call inside the loop above makes V8 box its doubles
  if (power !== 2) for (let i = 0; i < 2 * n; i++) out[i] = Math.pow(out[i], power / 2);
  return out;
}

/** Gaussian log-likelihood sum -1/2 (log 2 pi + log s2_t + e_t^2 / s2_t). */
export function gaussianLoglik(resids: Float64Array, sigma2: Float64Array): number {
  return normal.loglik(EMPTY, resids, sigma2, resids.length, null, null);
}

/** Sample mean of |e|^power. */
export function meanAbsPow(resids: Float64Array, power: number): number {
  let s = 0;
  for (let t = 0; t < resids.length; t++) s += powAbs(resids[t], power);
  return s / resids.length;
}
