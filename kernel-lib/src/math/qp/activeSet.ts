/**
 * Convex QP solver: primal-dual active-set method (Hintermüller, Ito & Kunisch 2003) with box
 * bounds eliminated and equality / active inequality rows handled by a Schur complement, plus a
 * proximal-point outer loop for a singular (positive semidefinite) P.
 *
 * Each iteration fixes the variables guessed to sit on a bound, treats the guessed-active rows as
 * equalities, and solves the reduced KKT system
 *
 *   [P_FF  E_Fᵀ] [x_F]   [-(q_F + P_FC x_C)]
 *   [E_F   0   ] [ λ ] = [ e - E_C x_C      ]
 *
 * by a Cholesky factor of P_FF. The guess is then corrected at once wherever a free variable
 * leaves its box, a fixed variable's multiplier has the wrong sign, an inactive row is violated or
 * an active row's multiplier is negative. The method stops when the guess no longer changes, which
 * is exactly the KKT conditions. If a guess repeats (a cycle, possible on degenerate problems) the
 * method switches to changing only the single worst index per iteration.
 *
 * The first attempt releases at most max(8, #free) bounds per iteration (a far-off first guess
 * would otherwise free most variables at once); if it cycles, an undamped attempt follows.
 * If the guesses still cycle, ADMM (admm.ts) supplies a solution and its active set, from which the
 * active-set iterations are restarted to polish it to KKT accuracy.
 *
 * A singular P_FF switches to proximal mode: minimise f(x) + ρ/2 ‖x - x_k‖² repeatedly, warm-started,
 * until x stops moving (the proximal-point method, exact for convex QPs).
 *
 * Infeasibility: bounds with lower > upper, and rows that cannot be met anywhere in the box
 * (interval arithmetic), are reported before solving; a system that still ends infeasible raises
 * `infeasible` naming the largest violation. Never returns NaN.
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { choleskySolve, tryCholesky, type Matrix } from '../linalg';
import type { QpOptions, QpProblem, QpResult } from './problem';
import { checkBoxFeasibility } from './feasibility';
import { admm } from './admm';

const FREE = 0;
const AT_LOWER = -1;
const AT_UPPER = 1;

interface Data {
  n: number;
  P: Float64Array;
  q: Float64Array;
  lo: Float64Array;
  up: Float64Array;
  /** Equality rows then inequality rows, row-major, each of length n. */
  rows: Float64Array;
  rhs: Float64Array;
  nEq: number;
  nIn: number;
  tolX: number;
  tolG: number;
  /** Damp the number of bounds released per iteration (first attempt only). */
  damp: boolean;
}

interface State {
  status: Int8Array;
  active: Uint8Array; // inequality rows
  x: Float64Array;
  lambda: Float64Array; // per row (eq then ineq), 0 for inactive rows
  g: Float64Array; // gradient of the Lagrangian without the bound terms
  iterations: number;
}

class SingularHessian extends Error {}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function finiteOrThrow(a: ArrayLike<number>, what: string): void {
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) throw new InvalidArgumentError(`QP ${what} has NaN at position ${i}`);
  }
}

/** Solve a convex QP (see `QpProblem`). Throws `infeasible` or `qp_no_convergence` (AlphaFactoryError). */
export function solveQp(prob: QpProblem, opts: QpOptions = {}): QpResult {
  const n = prob.P.rows;
  if (prob.P.cols !== n) throw new InvalidArgumentError(`QP: P must be square, got ${prob.P.rows}x${prob.P.cols}`);
  const q = prob.q ?? new Float64Array(n);
  const lo = prob.lower ?? new Float64Array(n).fill(-Infinity);
  const up = prob.upper ?? new Float64Array(n).fill(Infinity);
  const nEq = prob.Aeq ? prob.Aeq.rows : 0;
  const nIn = prob.Aineq ? prob.Aineq.rows : 0;
  for (const [m, b, what] of [[prob.Aeq, prob.beq, 'equality'], [prob.Aineq, prob.bineq, 'inequality']] as const) {
    if (m && m.cols !== n) throw new InvalidArgumentError(`QP: ${what} matrix has ${m.cols} columns, expected ${n}`);
    if (m && (!b || b.length !== m.rows)) throw new InvalidArgumentError(`QP: ${what} right-hand side must have ${m.rows} values`);
  }
  if (q.length !== n || lo.length !== n || up.length !== n) throw new InvalidArgumentError(`QP: q and bounds must have ${n} values`);
  finiteOrThrow(prob.P.data, 'P');
  finiteOrThrow(q, 'q');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(prob.P.data[i * n + i]) || !Number.isFinite(q[i])) throw new InvalidArgumentError(`QP: P or q is not finite at ${i}`);
  }
  const rows = new Float64Array((nEq + nIn) * n);
  const rhs = new Float64Array(nEq + nIn);
  if (prob.Aeq) {
    rows.set(prob.Aeq.data, 0);
    rhs.set(prob.beq as Float64Array, 0);
  }
  if (prob.Aineq) {
    rows.set(prob.Aineq.data, nEq * n);
    rhs.set(prob.bineq as Float64Array, nEq);
  }
  finiteOrThrow(rows, 'constraint matrix');
  finiteOrThrow(rhs, 'constraint right-hand side');
  checkBoxFeasibility(lo, up, rows, rhs, nEq, nIn, prob.names);

  const tol = opts.tol ?? 1e-10;
  const scaleX = Math.max(1, maxAbs(lo), maxAbs(up), maxAbs(rhs));
  const scaleG = Math.max(maxAbs(prob.P.data) * scaleX, maxAbs(q), 1e-300);
  const data: Data = {
    n, P: prob.P.data, q, lo, up, rows, rhs, nEq, nIn, tolX: tol * scaleX, tolG: tol * scaleG, damp: true,
  };
  const maxIter = opts.maxIter ?? 500;

  const state: State = {
    status: new Int8Array(n),
    active: new Uint8Array(nIn),
    x: new Float64Array(n),
    lambda: new Float64Array(nEq + nIn),
    g: new Float64Array(n),
    iterations: 0,
  };
  initialGuess(data, state, opts.x0);

  const rho = Math.max(maxAbs(diagOf(data.P, n)), scaleG) * 1e-7 + 1e-12;
  const activeSetSolve = (iters: number): void => {
    try {
      pdas(data, state, iters, 0, null);
    } catch (e) {
      if (!(e instanceof SingularHessian)) throw e;
      proximal(data, state, iters, rho);
    }
  };
  const noConvergence = (e: unknown): boolean => e instanceof AlphaFactoryError && e.code === 'qp_no_convergence';
  const firstIters = Math.min(maxIter, 50 + 5 * (n + nIn));
  try {
    try {
      activeSetSolve(firstIters);
    } catch (e) {
      if (!noConvergence(e)) throw e;
      // retry without damping from the initial guess
      data.damp = false;
      initialGuess(data, state, opts.x0);
      state.active.fill(0);
      activeSetSolve(firstIters);
    }
  } catch (e) {
    if (!noConvergence(e)) throw e;
    // the active-set guesses cycled: get a solution (and an active set) from ADMM, then polish it
    const r = admm(data.P, q, n, rows, rhs, nEq, nIn, lo, up);
    const near = 1e-6 * scaleX;
    for (let i = 0; i < n; i++) {
      const y = r.y[i];
      state.status[i] = y < 0 && r.x[i] - lo[i] <= near ? AT_LOWER : y > 0 && up[i] - r.x[i] <= near ? AT_UPPER : FREE;
    }
    for (let j = 0; j < nIn; j++) state.active[j] = r.y[n + nEq + j] > 0 ? 1 : 0;
    try {
      activeSetSolve(maxIter);
    } catch (e2) {
      if (!(e2 instanceof AlphaFactoryError && e2.code === 'qp_no_convergence') || !r.converged) throw e2;
      state.x.set(r.x);
      state.lambda.set(r.y.subarray(n));
      for (let i = 0; i < n; i++) state.g[i] = r.y[i];
    }
  }
  return finish(prob, data, state);
}

function diagOf(P: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = P[i * n + i];
  return d;
}

function initialGuess(d: Data, s: State, x0?: Float64Array): void {
  for (let i = 0; i < d.n; i++) {
    const v = x0 ? x0[i] : NaN;
    if (Number.isFinite(d.lo[i]) && d.lo[i] === d.up[i]) s.status[i] = AT_LOWER;
    else if (x0 && Number.isFinite(d.lo[i]) && v <= d.lo[i]) s.status[i] = AT_LOWER;
    else if (x0 && Number.isFinite(d.up[i]) && v >= d.up[i]) s.status[i] = AT_UPPER;
    else s.status[i] = FREE;
  }
}

/** Proximal-point outer loop for positive semidefinite P. */
function proximal(d: Data, s: State, maxIter: number, rho: number): void {
  const center = s.x.slice();
  for (let i = 0; i < d.n; i++) if (!Number.isFinite(center[i])) center[i] = 0;
  let rhoNow = rho;
  for (let outer = 0; outer < 2000; outer++) {
    const prev = s.x.slice();
    try {
      pdas(d, s, maxIter, rhoNow, center);
    } catch (e) {
      if (!(e instanceof SingularHessian)) throw e;
      rhoNow *= 100;
      continue;
    }
    let move = 0;
    for (let i = 0; i < d.n; i++) move = Math.max(move, Math.abs(s.x[i] - center[i]));
    center.set(s.x);
    if (move <= d.tolX * 10 && outer > 0) return;
    if (outer > 0) {
      let stall = 0;
      for (let i = 0; i < d.n; i++) stall = Math.max(stall, Math.abs(s.x[i] - prev[i]));
      if (stall <= d.tolX) return;
    }
  }
}

function pdas(d: Data, s: State, maxIter: number, rho: number, center: Float64Array | null): void {
  const { n, nEq, nIn } = d;
  const seen = new Set<string>();
  let single = false;
  for (let it = 0; it < maxIter; it++) {
    s.iterations++;
    solveReduced(d, s, rho, center);
    // collect violations
    let best = -1;
    let bestViol = 0;
    let bestKind = 0;
    let changes = 0;
    const newStatus = s.status.slice();
    const newActive = s.active.slice();
    for (let i = 0; i < n; i++) {
      const st = s.status[i];
      let viol = 0;
      let to = st;
      if (st === FREE) {
        if (s.x[i] < d.lo[i] - d.tolX) {
          viol = (d.lo[i] - s.x[i]) / d.tolX;
          to = AT_LOWER;
        } else if (s.x[i] > d.up[i] + d.tolX) {
          viol = (s.x[i] - d.up[i]) / d.tolX;
          to = AT_UPPER;
        }
      } else if (d.lo[i] !== d.up[i]) {
        if (st === AT_LOWER && s.g[i] < -d.tolG) {
          viol = -s.g[i] / d.tolG;
          to = FREE;
        } else if (st === AT_UPPER && s.g[i] > d.tolG) {
          viol = s.g[i] / d.tolG;
          to = FREE;
        }
      }
      if (to !== st) {
        newStatus[i] = to;
        changes++;
        if (viol > bestViol) {
          bestViol = viol;
          best = i;
          bestKind = 0;
        }
      }
    }
    for (let j = 0; j < nIn; j++) {
      const r = nEq + j;
      let viol = 0;
      if (s.active[j]) {
        if (s.lambda[r] < -d.tolG) viol = -s.lambda[r] / d.tolG;
      } else {
        let ax = 0;
        const o = r * n;
        for (let i = 0; i < n; i++) ax += d.rows[o + i] * s.x[i];
        if (ax > d.rhs[r] + d.tolX) viol = (ax - d.rhs[r]) / d.tolX;
      }
      if (viol > 0) {
        newActive[j] = s.active[j] ? 0 : 1;
        changes++;
        if (viol > bestViol) {
          bestViol = viol;
          best = j;
          bestKind = 1;
        }
      }
    }
    if (changes === 0) {
      // The guess is stationary; it is optimal only if the rows treated as equalities hold. With
      // too few free variables (E_F rank-deficient) they may not: free a fixed variable that can
      // move the worst row towards its right-hand side (the one with the smallest multiplier).
      const release = rowRepair(d, s);
      if (release < 0) return;
      s.status[release] = FREE;
      continue;
    }
    if (single) {
      if (bestKind === 0) s.status[best] = newStatus[best];
      else s.active[best] = newActive[best];
    } else {
      if (d.damp) limitReleases(d, s, newStatus);
      s.status.set(newStatus);
      s.active.set(newActive);
      const key = s.status.join(',') + '|' + s.active.join('');
      if (seen.has(key)) single = true;
      seen.add(key);
    }
  }
  throw new AlphaFactoryError('qp_no_convergence', `QP active-set method did not converge in ${maxIter} iterations`);
}

/**
 * Damping: free at most max(8, #free) bound variables per iteration, those with the most negative
 * scaled multipliers (a first guess far from the solution would otherwise free most of them at
 * once and pay for a large factorisation). Cycling is still caught by the repeated-guess test.
 */
function limitReleases(d: Data, s: State, newStatus: Int8Array): void {
  let nFree = 0;
  const rel: { i: number; v: number }[] = [];
  for (let i = 0; i < d.n; i++) {
    if (s.status[i] === FREE) nFree++;
    else if (newStatus[i] === FREE) rel.push({ i, v: s.status[i] === AT_LOWER ? s.g[i] : -s.g[i] });
  }
  const cap = Math.max(8, nFree);
  if (rel.length <= cap) return;
  rel.sort((a, b) => a.v - b.v);
  for (let k = cap; k < rel.length; k++) newStatus[rel[k].i] = s.status[rel[k].i];
}

/**
 * After a stationary guess: -1 when every equality and active inequality row holds (to tolX);
 * otherwise the index of a fixed variable to free that moves the worst row towards feasibility.
 * Throws `infeasible` when no fixed variable can.
 */
function rowRepair(d: Data, s: State): number {
  const { n, nEq, nIn } = d;
  let worst = 0;
  let row = -1;
  let resid = 0;
  for (let r = 0; r < nEq + nIn; r++) {
    if (r >= nEq && !s.active[r - nEq]) continue;
    let ax = 0;
    for (let i = 0; i < n; i++) ax += d.rows[r * n + i] * s.x[i];
    const v = ax - d.rhs[r];
    if (Math.abs(v) > d.tolX && Math.abs(v) > worst) {
      worst = Math.abs(v);
      row = r;
      resid = v;
    }
  }
  if (row < 0) return -1;
  let best = -1;
  let bestG = Infinity;
  for (let i = 0; i < n; i++) {
    const st = s.status[i];
    if (st === FREE || d.lo[i] === d.up[i]) continue;
    const a = d.rows[row * n + i];
    if (a === 0) continue;
    // moving x_i off its bound changes the row by a * (+ at lower, - at upper); we need -sign(resid)
    const dir = st === AT_LOWER ? a : -a;
    if (dir * resid >= 0) continue;
    const g = Math.abs(s.g[i]);
    if (g < bestG) {
      bestG = g;
      best = i;
    }
  }
  if (best < 0) {
    const what = row < nEq ? `equality row ${row}` : `inequality row ${row - nEq}`;
    throw new AlphaFactoryError('infeasible', `QP constraints are infeasible: ${what} cannot be met within the bounds (residual ${worst.toExponential(3)})`);
  }
  return best;
}

/** Solve the reduced KKT system for the current guess; fills x, lambda, g. */
function solveReduced(d: Data, s: State, rho: number, center: Float64Array | null): void {
  const { n, nEq, nIn, P, q } = d;
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    if (s.status[i] === FREE) free.push(i);
    else s.x[i] = s.status[i] === AT_LOWER ? d.lo[i] : d.up[i];
  }
  const nf = free.length;
  const rowIdx: number[] = [];
  for (let r = 0; r < nEq; r++) rowIdx.push(r);
  for (let j = 0; j < nIn; j++) if (s.active[j]) rowIdx.push(nEq + j);
  const m = rowIdx.length;

  // r_F = -(q_F + P_FC x_C) (+ rho * center_F)
  const rF = new Float64Array(nf);
  const fixed: number[] = [];
  for (let i = 0; i < n; i++) if (s.status[i] !== FREE) fixed.push(i);
  const fixedNz = fixed.filter((c) => s.x[c] !== 0);
  for (let a = 0; a < nf; a++) {
    const i = free[a];
    let v = -q[i];
    const o = i * n;
    for (const c of fixedNz) v -= P[o + c] * s.x[c];
    if (center) v += rho * center[i];
    rF[a] = v;
  }
  // E rows restricted; rhs e - E_C x_C
  const EF = new Float64Array(m * nf);
  const eR = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const o = rowIdx[k] * n;
    let v = d.rhs[rowIdx[k]];
    for (const c of fixed) v -= d.rows[o + c] * s.x[c];
    eR[k] = v;
    for (let a = 0; a < nf; a++) EF[k * nf + a] = d.rows[o + free[a]];
  }
  const lam = new Float64Array(m);
  if (nf > 0) {
    const PFF = new Float64Array(nf * nf);
    for (let a = 0; a < nf; a++) {
      const o = free[a] * n;
      for (let b = 0; b <= a; b++) PFF[a * nf + b] = P[o + free[b]];
      if (rho > 0) PFF[a * nf + a] += rho;
    }
    const L = tryCholesky({ rows: nf, cols: nf, data: PFF });
    if (!L) throw new SingularHessian();
    const xhat = choleskySolve(L, rF);
    if (m > 0) {
      // Y = P_FF^{-1} E_Fᵀ, S = E_F Y
      const Y = choleskySolve(L, transposeRows(EF, m, nf));
      const S = new Float64Array(m * m);
      const t = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        let tv = -eR[k];
        for (let a = 0; a < nf; a++) tv += EF[k * nf + a] * xhat[a];
        t[k] = tv;
        for (let l = 0; l < m; l++) {
          let sv = 0;
          for (let a = 0; a < nf; a++) sv += EF[k * nf + a] * Y.data[a * m + l];
          S[k * m + l] = sv;
        }
      }
      lam.set(solveSchur(S, t, m));
      const xF = new Float64Array(nf);
      for (let a = 0; a < nf; a++) {
        let v = xhat[a];
        for (let l = 0; l < m; l++) v -= Y.data[a * m + l] * lam[l];
        xF[a] = v;
      }
      // one step of iterative refinement on the KKT system (matters when P_FF is ill-conditioned,
      // e.g. in proximal mode): residuals r1 = r_F - P_FF x_F - E_Fᵀλ, r2 = e - E_F x_F
      const r1 = new Float64Array(nf);
      for (let a = 0; a < nf; a++) {
        let v = rF[a];
        for (let b = 0; b < nf; b++) v -= (b <= a ? PFF[a * nf + b] : PFF[b * nf + a]) * xF[b];
        for (let k = 0; k < m; k++) v -= EF[k * nf + a] * lam[k];
        r1[a] = v;
      }
      const dhat = choleskySolve(L, r1);
      const t2 = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        let ex = 0;
        for (let a = 0; a < nf; a++) ex += EF[k * nf + a] * (xF[a] + dhat[a]);
        t2[k] = ex - eR[k];
      }
      const dlam = solveSchur(S, t2, m);
      for (let k = 0; k < m; k++) lam[k] += dlam[k];
      for (let a = 0; a < nf; a++) {
        let v = xF[a] + dhat[a];
        for (let l = 0; l < m; l++) v -= Y.data[a * m + l] * dlam[l];
        s.x[free[a]] = v;
      }
    } else {
      for (let a = 0; a < nf; a++) s.x[free[a]] = xhat[a];
    }
  } else if (m > 0) {
    // Nothing is free, so the rows cannot be met by moving x. Price the residual as if every
    // variable could move with curvature pScale: the multipliers then point at the bounds to release.
    let pScale = 0;
    for (let i = 0; i < n; i++) pScale = Math.max(pScale, Math.abs(P[i * n + i]));
    pScale = pScale > 0 ? pScale : 1;
    const S = new Float64Array(m * m);
    const t = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      t[k] = -eR[k];
      for (let l = 0; l < m; l++) {
        let v = 0;
        for (let i = 0; i < n; i++) v += d.rows[rowIdx[k] * n + i] * d.rows[rowIdx[l] * n + i];
        S[k * m + l] = v / pScale;
      }
    }
    lam.set(solveSchur(S, t, m));
  }
  s.lambda.fill(0);
  for (let k = 0; k < m; k++) s.lambda[rowIdx[k]] = lam[k];
  // g = P x + q + Eᵀ λ (+ rho (x - center)); x is often sparse (bounds at 0), so skip its zeros
  const nz: number[] = [];
  for (let c = 0; c < n; c++) if (s.x[c] !== 0) nz.push(c);
  for (let i = 0; i < n; i++) {
    let v = q[i];
    const o = i * n;
    for (const c of nz) v += P[o + c] * s.x[c];
    if (center) v += rho * (s.x[i] - center[i]);
    s.g[i] = v;
  }
  for (let k = 0; k < m; k++) {
    const l = lam[k];
    if (l === 0) continue;
    const o = rowIdx[k] * n;
    for (let i = 0; i < n; i++) s.g[i] += d.rows[o + i] * l;
  }
}

function transposeRows(A: Float64Array, m: number, nf: number): Matrix {
  const out = new Float64Array(nf * m);
  for (let k = 0; k < m; k++) for (let a = 0; a < nf; a++) out[a * m + k] = A[k * nf + a];
  return { rows: nf, cols: m, data: out };
}

/**
 * Solve the symmetric PSD Schur system S λ = t; rank-deficient S (dependent or empty rows) gets a
 * tiny ridge so that the multipliers stay finite and point at the bounds to release.
 */
function solveSchur(S: Float64Array, t: Float64Array, m: number): Float64Array {
  let scale = 0;
  for (let k = 0; k < m; k++) scale = Math.max(scale, Math.abs(S[k * m + k]));
  let ridge = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const A = S.slice();
    for (let k = 0; k < m; k++) A[k * m + k] += ridge;
    const L = tryCholesky({ rows: m, cols: m, data: A });
    if (L) {
      // reject a numerically meaningless factor (pivot far below the scale)
      let minPivot = Infinity;
      for (let k = 0; k < m; k++) minPivot = Math.min(minPivot, L.data[k * m + k] ** 2);
      if (minPivot > 1e-13 * Math.max(scale, 1e-300) || ridge > 0) return choleskySolve(L, t);
    }
    ridge = ridge === 0 ? Math.max(scale, 1e-300) * 1e-12 : ridge * 100;
  }
  throw new AlphaFactoryError('infeasible', 'QP constraints are inconsistent (the equality rows cannot all hold)');
}

function finish(prob: QpProblem, d: Data, s: State): QpResult {
  const { n, nEq, nIn } = d;
  const x = s.x;
  let worst = 0;
  let where = '';
  const name = (i: number): string => (prob.names ? `"${prob.names[i]}"` : `x[${i}]`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new AlphaFactoryError('qp_no_convergence', `QP produced a non-finite value for ${name(i)}`);
    const v = Math.max(d.lo[i] - x[i], x[i] - d.up[i], 0);
    if (v > worst) {
      worst = v;
      where = `bound of ${name(i)}`;
    }
  }
  for (let r = 0; r < nEq + nIn; r++) {
    let ax = 0;
    for (let i = 0; i < n; i++) ax += d.rows[r * n + i] * x[i];
    const v = r < nEq ? Math.abs(ax - d.rhs[r]) : Math.max(ax - d.rhs[r], 0);
    if (v > worst) {
      worst = v;
      where = r < nEq ? `equality row ${r}` : `inequality row ${r - nEq}`;
    }
  }
  if (worst > Math.max(1e-7, d.tolX * 1e3)) {
    throw new AlphaFactoryError('infeasible', `QP constraints are infeasible: ${where} is violated by ${worst.toExponential(3)}`);
  }
  // clip tiny bound excursions
  for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i], d.lo[i]), d.up[i]);
  let obj = 0;
  const nz: number[] = [];
  for (let c = 0; c < n; c++) if (x[c] !== 0) nz.push(c);
  for (const i of nz) {
    let v = 0;
    for (const c of nz) v += d.P[i * n + c] * x[c];
    obj += x[i] * 0.5 * v;
  }
  for (const i of nz) obj += x[i] * d.q[i];
  const lambdaBox = new Float64Array(n);
  for (let i = 0; i < n; i++) if (s.status[i] !== FREE) lambdaBox[i] = s.g[i];
  return {
    x,
    objective: obj,
    iterations: s.iterations,
    lambdaEq: s.lambda.slice(0, nEq),
    lambdaIneq: s.lambda.slice(nEq),
    lambdaBox,
    primalResidual: worst,
  };
}
