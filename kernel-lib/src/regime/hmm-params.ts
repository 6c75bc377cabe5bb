import { InvalidArgumentError } from '../errors';

/**
 * Parameters of a univariate Gaussian hidden Markov model with K states:
 * `startProb[i] = P(s_1 = i)`, `transMat[i * K + j] = P(s_{t+1} = j | s_t = i)` (rows sum to 1),
 * and emissions `x_t | s_t = i ~ N(means[i], variances[i])`.
 */
export interface GaussianHmmParams {
  startProb: Float64Array;
  transMat: Float64Array;
  means: Float64Array;
  variances: Float64Array;
}

/** Builds and checks parameters from plain arrays (transMat as rows or flat). */
export function hmmParams(p: {
  startProb: ArrayLike<number>;
  transMat: ArrayLike<number> | ArrayLike<ArrayLike<number>>;
  means: ArrayLike<number>;
  variances: ArrayLike<number>;
}): GaussianHmmParams {
  const K = p.means.length;
  const flat = typeof (p.transMat as ArrayLike<unknown>)[0] === 'number'
    ? Float64Array.from(p.transMat as ArrayLike<number>)
    : Float64Array.from(Array.from(p.transMat as ArrayLike<ArrayLike<number>>, (r) => Array.from(r)).flat());
  const out: GaussianHmmParams = { startProb: Float64Array.from(p.startProb), transMat: flat, means: Float64Array.from(p.means), variances: Float64Array.from(p.variances) };
  checkHmmParams(out, K);
  return out;
}

/** Throws unless every probability vector sums to 1 (to 1e-8) and variances are positive. */
export function checkHmmParams(p: GaussianHmmParams, K = p.means.length): void {
  if (K < 1 || p.startProb.length !== K || p.variances.length !== K || p.transMat.length !== K * K) {
    throw new InvalidArgumentError(`HMM parameters have inconsistent sizes for ${K} states`);
  }
  const sumTo1 = (xs: ArrayLike<number>, what: string): void => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) {
      if (!(xs[i] >= 0)) throw new InvalidArgumentError(`${what} has a negative or NaN probability`);
      s += xs[i];
    }
    if (Math.abs(s - 1) > 1e-8) throw new InvalidArgumentError(`${what} sums to ${s}, not 1`);
  };
  sumTo1(p.startProb, 'startProb');
  for (let i = 0; i < K; i++) sumTo1(p.transMat.subarray(i * K, (i + 1) * K), `transMat row ${i}`);
  for (let i = 0; i < K; i++) {
    if (!(p.variances[i] > 0) || !Number.isFinite(p.variances[i])) throw new InvalidArgumentError(`variance of state ${i} must be > 0, got ${p.variances[i]}`);
    if (!Number.isFinite(p.means[i])) throw new InvalidArgumentError(`mean of state ${i} is not finite`);
  }
}

/** Re-orders states by ascending variance (state 0 = calmest); returns the permutation used. */
export function sortStatesByVariance(p: GaussianHmmParams): { params: GaussianHmmParams; order: number[] } {
  const K = p.means.length;
  const order = Array.from({ length: K }, (_, i) => i).sort((a, b) => p.variances[a] - p.variances[b]);
  const transMat = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) transMat[i * K + j] = p.transMat[order[i] * K + order[j]];
  return {
    params: {
      startProb: Float64Array.from(order, (o) => p.startProb[o]),
      transMat,
      means: Float64Array.from(order, (o) => p.means[o]),
      variances: Float64Array.from(order, (o) => p.variances[o]),
    },
    order,
  };
}
