/**
 * Module-load warm-up of a likelihood kernel. V8 compiles a long loop on-stack during the first
 * real call, before the code after the loop has run; an operation there has no type feedback, and
 * the on-stack code then deoptimises on every later call (measured: skew-t fits ~2x slower when a
 * loop fitting several models shares the process). One call on a short synthetic series, with and
 * without derivatives, records that feedback first.
 */
import type { Distribution } from '../types';

export function warmUpLoglik(dist: Distribution, params: Float64Array): void {
  const n = 40;
  const e = new Float64Array(n);
  const s2 = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    e[t] = Math.sin(1.7 * t);
    s2[t] = 0.5 + 0.25 * Math.cos(t);
  }
  const k = dist.numParams;
  dist.loglik(params, e, s2, n, new Float64Array(n), new Float64Array(n), new Float64Array(n * k));
  dist.loglik(params, e, s2, n, null, null, null);
}
