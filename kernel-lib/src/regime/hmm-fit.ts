import { InvalidArgumentError } from '../errors';
import { Rng } from '../math/rng';
import { checkReturns, mean } from '../metrics/returns';
import { forwardBackward } from './hmm-forward-backward';
import { checkHmmParams, sortStatesByVariance, type GaussianHmmParams } from './hmm-params';
import { GaussianHmmFit } from './hmm-result';

export interface HmmFitOptions {
  /** Number of hidden states, 1..6 (2 = calm/turbulent, 3 = calm/normal/turbulent); default 2. */
  states?: number;
  /** Random restarts besides the two deterministic starts; default 8. */
  restarts?: number;
  /** Source of the random restarts; default `new Rng(seed)`. */
  rng?: Rng;
  /** Seed used when no rng is given; default 0. */
  seed?: number;
  /** Iterations given to every start before the best one is run to convergence; default 30. */
  burnIn?: number;
  /** Maximum EM iterations for the final run; default 5000. */
  maxIter?: number;
  /** Stop when the log-likelihood improves by less than this; default 1e-9. */
  tol?: number;
  /** Lower bound on each state's variance as a fraction of the sample variance; default 1e-6. */
  varianceFloor?: number;
  /** Fix the initial parameters (skips the restarts). */
  init?: GaussianHmmParams;
}

/**
 * Fits a univariate Gaussian HMM by maximum likelihood with Baum-Welch (EM) on the scaled
 * forward-backward pass. E-step: posteriors gamma and expected transitions xi. M-step:
 * `pi = gamma_1`, `A_ij = sum_t xi_t(i,j) / sum_{t<T} gamma_t(i)`, `m_i = sum_t gamma_t(i) x_t / sum_t gamma_t(i)`,
 * `v_i = sum_t gamma_t(i) (x_t - m_i)^2 / sum_t gamma_t(i)` (floored). No priors: this is plain ML,
 * unlike hmmlearn whose default `covars_prior = 0.01` makes its fit a MAP estimate.
 * Starts: equal-count quantile groups of x, groups by |x - mean| (volatility regimes), and
 * `restarts` random draws; each runs `burnIn` iterations and the best is iterated to convergence.
 * States are reported sorted by ascending variance.
 */
export function fitGaussianHmm(x: ArrayLike<number>, opts: HmmFitOptions = {}): GaussianHmmFit {
  const K = opts.states ?? 2;
  if (!Number.isInteger(K) || K < 1 || K > 6) throw new InvalidArgumentError(`states must be an integer from 1 to 6, got ${K}`);
  checkReturns(x, 'fitGaussianHmm', 10 * K);
  const data = Float64Array.from(x);
  const mu = mean(data);
  let v = 0;
  for (const y of data) v += (y - mu) * (y - mu);
  v /= data.length;
  if (!(v > 0)) throw new InvalidArgumentError('fitGaussianHmm: the series is constant (zero variance)');
  const floor = (opts.varianceFloor ?? 1e-6) * v;
  const tol = opts.tol ?? 1e-9;
  const rng = opts.rng ?? new Rng(opts.seed ?? 0);
  const starts: GaussianHmmParams[] = [];
  if (opts.init) {
    checkHmmParams(opts.init, K);
    starts.push(opts.init);
  } else {
    starts.push(quantileStart(data, K, false, floor), quantileStart(data, K, true, floor));
    const restarts = opts.restarts ?? 8;
    for (let r = 0; r < restarts; r++) starts.push(randomStart(data, K, mu, v, floor, rng));
  }
  const burnIn = opts.burnIn ?? 30;
  let best: { p: GaussianHmmParams; ll: number; it: number } | null = null;
  for (const s of starts) {
    const run = em(data, s, burnIn, tol, floor);
    if (!best || run.ll > best.ll) best = run;
  }
  const final = em(data, best!.p, opts.maxIter ?? 5000, tol, floor);
  const sorted = sortStatesByVariance(final.p).params;
  return new GaussianHmmFit(data, sorted, final.ll, final.it + burnIn, final.converged, starts.length);
}

function em(x: Float64Array, start: GaussianHmmParams, maxIter: number, tol: number, floor: number): { p: GaussianHmmParams; ll: number; it: number; converged: boolean } {
  const K = start.means.length;
  const T = x.length;
  let p = start;
  let prev = -Infinity;
  let ll = -Infinity;
  for (let it = 0; it < maxIter; it++) {
    const fb = forwardBackward(x, p);
    ll = fb.logLikelihood;
    if (ll - prev < tol && it > 0) return { p, ll, it, converged: true };
    prev = ll;
    const g = fb.gamma;
    const startProb = Float64Array.from(g.subarray(0, K));
    const transMat = new Float64Array(K * K);
    const w = new Float64Array(K);
    const wx = new Float64Array(K);
    for (let t = 0; t < T; t++) for (let i = 0; i < K; i++) {
      w[i] += g[t * K + i];
      wx[i] += g[t * K + i] * x[t];
    }
    for (let i = 0; i < K; i++) {
      let rs = 0;
      for (let j = 0; j < K; j++) rs += fb.xiSum[i * K + j];
      for (let j = 0; j < K; j++) transMat[i * K + j] = rs > 0 ? fb.xiSum[i * K + j] / rs : 1 / K;
    }
    const means = new Float64Array(K);
    const variances = new Float64Array(K);
    for (let i = 0; i < K; i++) means[i] = w[i] > 0 ? wx[i] / w[i] : p.means[i];
    const ss = new Float64Array(K);
    for (let t = 0; t < T; t++) for (let i = 0; i < K; i++) {
      const d = x[t] - means[i];
      ss[i] += g[t * K + i] * d * d;
    }
    for (let i = 0; i < K; i++) variances[i] = Math.max(w[i] > 0 ? ss[i] / w[i] : p.variances[i], floor);
    p = { startProb, transMat, means, variances };
  }
  return { p, ll, it: maxIter, converged: false };
}

function defaultTrans(K: number): Float64Array {
  const A = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) A[i * K + j] = K === 1 ? 1 : i === j ? 0.9 : 0.1 / (K - 1);
  return A;
}

/** K equal-count groups of x sorted by value (or by distance from the mean): group means and variances. */
function quantileStart(x: Float64Array, K: number, byMagnitude: boolean, floor: number): GaussianHmmParams {
  const mu = mean(x);
  const idx = Array.from(x.keys()).sort((a, b) => (byMagnitude ? Math.abs(x[a] - mu) - Math.abs(x[b] - mu) : x[a] - x[b]));
  const means = new Float64Array(K);
  const variances = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const lo = Math.floor((k * idx.length) / K);
    const hi = Math.floor(((k + 1) * idx.length) / K);
    let s = 0;
    for (let i = lo; i < hi; i++) s += x[idx[i]];
    const m = s / (hi - lo);
    let q = 0;
    for (let i = lo; i < hi; i++) q += (x[idx[i]] - (byMagnitude ? mu : m)) ** 2;
    means[k] = byMagnitude ? mu : m;
    variances[k] = Math.max(q / (hi - lo), floor);
  }
  return { startProb: new Float64Array(K).fill(1 / K), transMat: defaultTrans(K), means, variances };
}

function randomStart(x: Float64Array, K: number, mu: number, v: number, floor: number, rng: Rng): GaussianHmmParams {
  const sd = Math.sqrt(v);
  const means = Float64Array.from({ length: K }, () => mu + 0.5 * sd * rng.normal());
  const variances = Float64Array.from({ length: K }, () => Math.max(v * Math.exp(rng.normal()), floor));
  const transMat = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) {
      const g = rng.gamma(i === j ? 10 : 1);
      transMat[i * K + j] = g;
      s += g;
    }
    for (let j = 0; j < K; j++) transMat[i * K + j] /= s;
  }
  void x;
  return { startProb: new Float64Array(K).fill(1 / K), transMat, means, variances };
}
