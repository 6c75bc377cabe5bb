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

/**
 * sum_t (ln sigma2_t + e_t^2 / sigma2_t) for four (1,1)/(1,1,1) candidates at once, their
 * (w, a, g, b) in `cf` (g = 0 without asymmetry); NaN in `res` for one the kernel leaves to the
 * general recursion.
 */
export type GaussianQuad4 = (cf: Float64Array, resids: Float64Array, backcast: number, varBounds: Float64Array, res: Float64Array) => void;

const COEF = new Float64Array(16);
const QUAD = new Float64Array(4);

/**
 * Gaussian log-likelihoods of (1,1)/(1,1,1) grid candidates (omega, alpha, [gamma,] beta), four per
 * call of `quad` (their serial latency chains overlap); the last candidate fills unused lanes.
 */
export function gaussianGridLanes(quad: GaussianQuad4, cands: Float64Array[], o: number, resids: Float64Array, backcast: number, varBounds: Float64Array, out: Float64Array): void {
  const c = resids.length * Math.log(2 * Math.PI);
  const last = cands.length - 1;
  for (let i = 0; i < cands.length; i += 4) {
    for (let l = 0; l < 4; l++) {
      const pr = cands[Math.min(i + l, last)];
      COEF[4 * l] = pr[0];
      COEF[4 * l + 1] = pr[1];
      COEF[4 * l + 2] = o === 1 ? pr[2] : 0;
      COEF[4 * l + 3] = pr[2 + o];
    }
    quad(COEF, resids, backcast, varBounds, QUAD);
    for (let l = 0; l < 4 && i + l <= last; l++) out[i + l] = -0.5 * (c + QUAD[l]);
  }
}

/**
 * The short synthetic series the module-load warm-ups of the likelihood kernels run on:
 * y_t = sin(1.7 t) + shift (n = 40) and wide variance bounds [1e-6, 1e6].
 */
export function warmUpSeries(shift: number): { y: Float64Array; vb: Float64Array } {
  const n = 40;
  const y = new Float64Array(n);
  const vb = new Float64Array(2 * n);
  for (let t = 0; t < n; t++) {
    y[t] = Math.sin(1.7 * t) + shift;
    vb[2 * t] = 1e-6;
    vb[2 * t + 1] = 1e6;
  }
  return { y, vb };
}

/**
 * Exercise a grid kernel once at module load: V8 compiles its long loop on-stack during the first
 * real call, and code after the loop that has not run yet (no type feedback) would then deoptimise
 * that compiled loop on every later call. Three (1,1) candidates, then the (1,1,1) one `asym`.
 */
export function warmUpGaussianGrid(quad: GaussianQuad4, backcast: number, asym: Float64Array): void {
  const { y, vb } = warmUpSeries(0);
  const out = new Float64Array(3);
  const c = Float64Array.of(0.1, 0.05, 0.9);
  gaussianGridLanes(quad, [c, c, c], 0, y, backcast, vb, out);
  gaussianGridLanes(quad, [asym], 1, y, backcast, vb, out);
}
