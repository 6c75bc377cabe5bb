import { scaledEmissions } from './hmm-forward-backward';
import type { GaussianHmmParams } from './hmm-params';

/** Filtered state probabilities P(s_t = i | x_1..x_t) (normalised forward variables), T x K row-major. */
export function forwardFilter(x: ArrayLike<number>, p: GaussianHmmParams): Float64Array {
  const K = p.means.length;
  const T = x.length;
  const { B } = scaledEmissions(x, p);
  const out = new Float64Array(T * K);
  for (let t = 0; t < T; t++) {
    let c = 0;
    for (let j = 0; j < K; j++) {
      let s = 0;
      if (t === 0) s = p.startProb[j];
      else for (let i = 0; i < K; i++) s += out[(t - 1) * K + i] * p.transMat[i * K + j];
      const v = s * B[t * K + j];
      out[t * K + j] = v;
      c += v;
    }
    for (let j = 0; j < K; j++) out[t * K + j] /= c;
  }
  return out;
}
