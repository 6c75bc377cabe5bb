/**
 * Build the QP of "minimise ½ wᵀ P w + qᵀ w under the portfolio constraints" and solve it.
 *
 * Turnover Σ|w - w0| <= τ uses auxiliary variables t_i >= |w_i - w0_i|:
 *   w_i - t_i <= w0_i,  -w_i - t_i <= -w0_i,  Σ t_i <= τ,  t >= 0,
 * so the problem stays a convex QP over (w, t) (P is singular in t; the solver's proximal mode
 * handles that).
 */
import { matrix, type Matrix } from '../../math/linalg';
import { solveQp } from '../../math/qp';
import type { ResolvedConstraints } from './constraints';

/** Extra linear inequalities G w <= h on the weights (e.g. a minimum expected return). */
export interface ExtraRows {
  G: Matrix;
  h: Float64Array;
}

export function solvePortfolioQp(P: Matrix, q: Float64Array, c: ResolvedConstraints, assets: readonly string[], x0?: Float64Array, extra?: ExtraRows): Float64Array {
  const n = c.n;
  const turnover = c.maxTurnover !== undefined && c.current !== undefined;
  const nx = extra ? extra.G.rows : 0;
  if (!turnover) {
    const nIn = nx + (c.budgetIsCap ? 1 : 0);
    const G = matrix(nIn, n);
    const h = new Float64Array(nIn);
    if (extra) {
      G.data.set(extra.G.data);
      h.set(extra.h);
    }
    if (c.budgetIsCap) {
      G.data.fill(1, nx * n, (nx + 1) * n);
      h[nx] = c.budget;
    }
    const res = solveQp({
      P, q, lower: c.lower, upper: c.upper,
      Aeq: c.budgetIsCap ? undefined : matrix(1, n, new Float64Array(n).fill(1)), beq: c.budgetIsCap ? undefined : Float64Array.of(c.budget),
      Aineq: nIn > 0 ? G : undefined, bineq: nIn > 0 ? h : undefined,
      names: assets,
    }, { x0 });
    return res.x;
  }
  const m = 2 * n;
  const P2 = matrix(m, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) P2.data[i * m + j] = P.data[i * n + j];
  const q2 = new Float64Array(m);
  q2.set(q);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m).fill(Infinity);
  lower.set(c.lower);
  upper.set(c.upper);
  const w0 = c.current as Float64Array;
  const rows = 2 * n + 1 + (c.budgetIsCap ? 1 : 0) + nx;
  const G = matrix(rows, m);
  const h = new Float64Array(rows);
  for (let i = 0; i < n; i++) {
    G.data[i * m + i] = 1;
    G.data[i * m + n + i] = -1;
    h[i] = w0[i];
    G.data[(n + i) * m + i] = -1;
    G.data[(n + i) * m + n + i] = -1;
    h[n + i] = -w0[i];
    G.data[2 * n * m + n + i] = 1;
  }
  h[2 * n] = c.maxTurnover as number;
  const Aeq = matrix(1, m);
  for (let i = 0; i < n; i++) Aeq.data[i] = 1;
  if (c.budgetIsCap) {
    for (let i = 0; i < n; i++) G.data[(2 * n + 1) * m + i] = 1;
    h[2 * n + 1] = c.budget;
  }
  if (extra) {
    const base = 2 * n + 1 + (c.budgetIsCap ? 1 : 0);
    for (let r = 0; r < nx; r++) {
      for (let i = 0; i < n; i++) G.data[(base + r) * m + i] = extra.G.data[r * n + i];
      h[base + r] = extra.h[r];
    }
  }
  const names = [...assets, ...assets.map((a) => `|${a} - current|`)];
  const res = solveQp({
    P: P2, q: q2, lower, upper, Aineq: G, bineq: h,
    Aeq: c.budgetIsCap ? undefined : Aeq, beq: c.budgetIsCap ? undefined : Float64Array.of(c.budget), names,
  });
  return res.x.slice(0, n);
}

/** Euclidean projection of a target onto the constraint set: argmin ‖w - target‖² (a QP with P = I). */
export function projectToConstraints(target: ArrayLike<number>, c: ResolvedConstraints, assets: readonly string[]): Float64Array {
  const n = c.n;
  const P = matrix(n, n);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    P.data[i * n + i] = 1;
    q[i] = -target[i];
  }
  return solvePortfolioQp(P, q, c, assets);
}
