/**
 * Euclidean projection onto { l <= w <= u, Σ w = b }: w_i = clip(t_i - τ, l_i, u_i) with τ found by
 * bisection so that the sum is b (the KKT solution of min ‖w - t‖²; exact to 1e-15).
 * Throws `infeasible` when Σ l > b or Σ u < b.
 */
import { AlphaFactoryError } from '../../errors';

export function projectBoxBudget(target: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>, budget: number): Float64Array {
  const n = target.length;
  let sl = 0;
  let su = 0;
  for (let i = 0; i < n; i++) {
    sl += lower[i];
    su += upper[i];
    if (lower[i] > upper[i]) throw new AlphaFactoryError('infeasible', `infeasible bounds at position ${i}: lower ${lower[i]} > upper ${upper[i]}`);
  }
  const eps = 1e-12 * Math.max(1, Math.abs(budget));
  if (sl > budget + eps || su < budget - eps) {
    throw new AlphaFactoryError('infeasible', `infeasible bounds: they allow sums in [${+sl.toPrecision(6)}, ${+su.toPrecision(6)}], budget is ${budget}`);
  }
  const sumAt = (tau: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.min(Math.max(target[i] - tau, lower[i]), upper[i]);
    return s;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, target[i] - upper[i]);
    hi = Math.max(hi, target[i] - lower[i]);
  }
  // sumAt is non-increasing in tau; at lo every w = u, at hi every w = l
  for (let it = 0; it < 200 && hi - lo > 1e-16 * Math.max(1, Math.abs(lo), Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (sumAt(mid) > budget) lo = mid;
    else hi = mid;
  }
  const tau = 0.5 * (lo + hi);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = Math.min(Math.max(target[i] - tau, lower[i]), upper[i]);
  // put the tiny remaining sum error on a free coordinate
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i];
  const err = budget - s;
  if (err !== 0) {
    for (let i = 0; i < n; i++) {
      const v = w[i] + err;
      if (v >= lower[i] && v <= upper[i]) {
        w[i] = v;
        break;
      }
    }
  }
  return w;
}
