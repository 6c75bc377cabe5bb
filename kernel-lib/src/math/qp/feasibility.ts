/**
 * Quick infeasibility certificates that need no solve: a variable whose lower bound exceeds its
 * upper bound, and a row aᵀx = b (or aᵀx <= b) whose range over the box [lower, upper]
 * (interval arithmetic: Σ min(a_i l_i, a_i u_i) .. Σ max(...)) cannot reach b.
 * These catch the usual mistakes (bounds that sum to more than the budget, say) with a clear message.
 */
import { AlphaFactoryError } from '../../errors';

export function checkBoxFeasibility(
  lo: Float64Array,
  up: Float64Array,
  rows: Float64Array,
  rhs: Float64Array,
  nEq: number,
  nIn: number,
  names?: readonly string[],
): void {
  const n = lo.length;
  const name = (i: number): string => (names ? `"${names[i]}"` : `x[${i}]`);
  for (let i = 0; i < n; i++) {
    if (lo[i] > up[i]) {
      throw new AlphaFactoryError('infeasible', `infeasible bounds: lower ${lo[i]} > upper ${up[i]} for ${name(i)}`);
    }
  }
  for (let r = 0; r < nEq + nIn; r++) {
    let min = 0;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const a = rows[r * n + i];
      if (a === 0) continue;
      const p = a * lo[i];
      const q = a * up[i];
      min += Math.min(p, q);
      max += Math.max(p, q);
    }
    const b = rhs[r];
    const slack = 1e-12 * Math.max(1, Math.abs(b), Number.isFinite(max) ? Math.abs(max) : 0);
    if (r < nEq && (b < min - slack || b > max + slack)) {
      throw new AlphaFactoryError(
        'infeasible',
        `infeasible constraints: equality row ${r} needs ${b} but the bounds allow only [${fmt(min)}, ${fmt(max)}]`,
      );
    }
    if (r >= nEq && min > b + slack) {
      throw new AlphaFactoryError(
        'infeasible',
        `infeasible constraints: inequality row ${r - nEq} needs <= ${b} but the bounds force at least ${fmt(min)}`,
      );
    }
  }
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(+v.toPrecision(6)) : String(v);
}
