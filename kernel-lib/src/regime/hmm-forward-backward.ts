import type { GaussianHmmParams } from './hmm-params';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Emission densities scaled per time step: `B[t K + i] = exp(log N(x_t; m_i, v_i) - M_t)` with
 * `M_t = max_i log N(x_t; m_i, v_i)`, so no row underflows; returns B and the offsets M.
 */
export function scaledEmissions(x: ArrayLike<number>, p: GaussianHmmParams): { B: Float64Array; offset: Float64Array } {
  const K = p.means.length;
  const T = x.length;
  const B = new Float64Array(T * K);
  const offset = new Float64Array(T);
  const c = new Float64Array(K);
  for (let i = 0; i < K; i++) c[i] = -0.5 * (LOG_2PI + Math.log(p.variances[i]));
  for (let t = 0; t < T; t++) {
    let m = -Infinity;
    for (let i = 0; i < K; i++) {
      const d = x[t] - p.means[i];
      const lp = c[i] - (d * d) / (2 * p.variances[i]);
      B[t * K + i] = lp;
      if (lp > m) m = lp;
    }
    offset[t] = m;
    for (let i = 0; i < K; i++) B[t * K + i] = Math.exp(B[t * K + i] - m);
  }
  return { B, offset };
}

/** Output of the scaled forward-backward pass. */
export interface ForwardBackward {
  /** log p(x_1..x_T | params). */
  logLikelihood: number;
  /** Posterior state probabilities gamma[t K + i] = P(s_t = i | x). */
  gamma: Float64Array;
  /** Expected transition counts sum_t xi_t(i, j) (K x K). */
  xiSum: Float64Array;
}

/**
 * Forward log-likelihood only (Rabiner's scaled forward recursion): `alpha_1 = pi .* b_1`,
 * `alpha_t = (alpha_{t-1} A) .* b_t`, each normalised by its sum c_t; `log L = sum_t (log c_t + M_t)`.
 */
export function hmmLogLikelihood(x: ArrayLike<number>, p: GaussianHmmParams): number {
  const K = p.means.length;
  const { B, offset } = scaledEmissions(x, p);
  let alpha = new Float64Array(K);
  let next = new Float64Array(K);
  let ll = 0;
  for (let t = 0; t < x.length; t++) {
    let c = 0;
    for (let j = 0; j < K; j++) {
      let s = 0;
      if (t === 0) s = p.startProb[j];
      else for (let i = 0; i < K; i++) s += alpha[i] * p.transMat[i * K + j];
      next[j] = s * B[t * K + j];
      c += next[j];
    }
    for (let j = 0; j < K; j++) next[j] /= c;
    ll += Math.log(c) + offset[t];
    const tmp = alpha;
    alpha = next;
    next = tmp;
  }
  return ll;
}

/**
 * Scaled forward-backward: the scaled forward variables alpha_hat, backward variables beta_hat
 * (`beta_hat_T = 1`, `beta_hat_t(i) = sum_j A_ij b_j(x_{t+1}) beta_hat_{t+1}(j) / c_{t+1}`),
 * posteriors `gamma_t = alpha_hat_t .* beta_hat_t` and expected transitions
 * `xi_t(i, j) = alpha_hat_t(i) A_ij b_j(x_{t+1}) beta_hat_{t+1}(j) / c_{t+1}`.
 */
export function forwardBackward(x: ArrayLike<number>, p: GaussianHmmParams): ForwardBackward {
  const K = p.means.length;
  const T = x.length;
  const { B, offset } = scaledEmissions(x, p);
  const A = p.transMat;
  const alpha = new Float64Array(T * K);
  const c = new Float64Array(T);
  let ll = 0;
  for (let t = 0; t < T; t++) {
    let ct = 0;
    for (let j = 0; j < K; j++) {
      let s = 0;
      if (t === 0) s = p.startProb[j];
      else for (let i = 0; i < K; i++) s += alpha[(t - 1) * K + i] * A[i * K + j];
      const v = s * B[t * K + j];
      alpha[t * K + j] = v;
      ct += v;
    }
    for (let j = 0; j < K; j++) alpha[t * K + j] /= ct;
    c[t] = ct;
    ll += Math.log(ct) + offset[t];
  }
  const beta = new Float64Array(T * K);
  for (let i = 0; i < K; i++) beta[(T - 1) * K + i] = 1;
  const xiSum = new Float64Array(K * K);
  const bb = new Float64Array(K);
  for (let t = T - 2; t >= 0; t--) {
    for (let j = 0; j < K; j++) bb[j] = (B[(t + 1) * K + j] * beta[(t + 1) * K + j]) / c[t + 1];
    for (let i = 0; i < K; i++) {
      let s = 0;
      const ai = alpha[t * K + i];
      for (let j = 0; j < K; j++) {
        const v = A[i * K + j] * bb[j];
        s += v;
        xiSum[i * K + j] += ai * v;
      }
      beta[t * K + i] = s;
    }
  }
  const gamma = new Float64Array(T * K);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = 0; i < K; i++) {
      gamma[t * K + i] = alpha[t * K + i] * beta[t * K + i];
      s += gamma[t * K + i];
    }
    for (let i = 0; i < K; i++) gamma[t * K + i] /= s;
  }
  return { logLikelihood: ll, gamma, xiSum };
}
