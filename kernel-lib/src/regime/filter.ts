import { InvalidArgumentError } from '../errors';
import { forwardFilter } from './hmm-filter';
import type { GaussianHmmParams } from './hmm-params';

/**
 * The HMM regime filter of the research reference: new risk is blocked while the model is in its
 * highest-variance state. Uses only information up to each date (forward filtering, no smoothing):
 * `allowed[t] = P(s_t = turbulent | x_1..x_t) < threshold` (default 0.5). Multiply a position series
 * by `allowed[t]` and apply it to the return of t + 1 to avoid look-ahead.
 */
export function regimeFilter(x: ArrayLike<number>, params: GaussianHmmParams, threshold = 0.5): { allowed: Uint8Array; turbulentProbability: Float64Array } {
  if (!(threshold > 0 && threshold <= 1)) throw new InvalidArgumentError(`threshold must be in (0, 1], got ${threshold}`);
  const K = params.means.length;
  let hi = 0;
  for (let i = 1; i < K; i++) if (params.variances[i] > params.variances[hi]) hi = i;
  const f = forwardFilter(x, params);
  const T = x.length;
  const p = new Float64Array(T);
  const allowed = new Uint8Array(T);
  for (let t = 0; t < T; t++) {
    p[t] = f[t * K + hi];
    allowed[t] = p[t] < threshold ? 1 : 0;
  }
  return { allowed, turbulentProbability: p };
}
