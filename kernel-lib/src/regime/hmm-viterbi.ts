import type { GaussianHmmParams } from './hmm-params';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Most likely state path (Viterbi, in logs): `delta_1(i) = log pi_i + log b_i(x_1)`,
 * `delta_t(j) = max_i (delta_{t-1}(i) + log A_ij) + log b_j(x_t)`, then backtracking. Ties go to the
 * lowest state index (as numpy's argmax). Returns the path and its joint log-probability.
 */
export function viterbi(x: ArrayLike<number>, p: GaussianHmmParams): { states: Int32Array; logProb: number } {
  const K = p.means.length;
  const T = x.length;
  const logA = p.transMat.map(Math.log);
  const c = Float64Array.from(p.variances, (v) => -0.5 * (LOG_2PI + Math.log(v)));
  const back = new Int32Array(T * K);
  let delta = new Float64Array(K);
  let next = new Float64Array(K);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < K; j++) {
      const d = x[t] - p.means[j];
      const lb = c[j] - (d * d) / (2 * p.variances[j]);
      if (t === 0) {
        next[j] = Math.log(p.startProb[j]) + lb;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < K; i++) {
        const v = delta[i] + logA[i * K + j];
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      back[t * K + j] = arg;
      next[j] = best + lb;
    }
    const tmp = delta;
    delta = next;
    next = tmp;
  }
  const states = new Int32Array(T);
  let best = -Infinity;
  for (let i = 0; i < K; i++) {
    if (delta[i] > best) {
      best = delta[i];
      states[T - 1] = i;
    }
  }
  for (let t = T - 1; t > 0; t--) states[t - 1] = back[t * K + states[t]];
  return { states, logProb: best };
}
