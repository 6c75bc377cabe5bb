/**
 * ADMM for the same QP (the OSQP splitting of Stellato et al. 2020, dense): the robust fallback
 * when the active-set iterations cycle, and the source of a starting active set for them.
 *
 *   minimise ½ xᵀPx + qᵀx  s.t.  l <= A x <= u,   A = [I; Aeq; Aineq]
 *
 * Each iteration solves (P + σI + Aᵀ R A) x̃ = σx - q + Aᵀ(R z - y) with one Cholesky factor
 * (R = ρ per row, 1000ρ on equality rows), over-relaxes (α = 1.6), projects z onto [l, u] and
 * updates y. ρ adapts to balance the primal and dual residuals (refactoring when it moves by 5x).
 * Stops when both residuals are below eps (absolute + relative), or reports primal infeasibility
 * from the certificate δy (Aᵀδy ≈ 0, uᵀδy₊ + lᵀδy₋ < 0).
 */
import { AlphaFactoryError } from '../../errors';
import { choleskySolve, cholesky, type Matrix } from '../linalg';

export interface AdmmResult {
  x: Float64Array;
  /** Multipliers per row of [I; Aeq; Aineq] (> 0 at an upper limit, < 0 at a lower one). */
  y: Float64Array;
  iterations: number;
  converged: boolean;
}

export function admm(
  P: Float64Array, q: Float64Array, n: number, rows: Float64Array, rhs: Float64Array, nEq: number, nIn: number,
  lo: Float64Array, up: Float64Array, eps = 1e-9, maxIter = 20000,
): AdmmResult {
  const m = n + nEq + nIn;
  const l = new Float64Array(m);
  const u = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    l[i] = lo[i];
    u[i] = up[i];
  }
  for (let r = 0; r < nEq + nIn; r++) {
    l[n + r] = r < nEq ? rhs[r] : -Infinity;
    u[n + r] = rhs[r];
  }
  // A x for the stacked A without forming it
  const Ax = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) out[i] = x[i];
    for (let r = 0; r < nEq + nIn; r++) {
      let v = 0;
      const o = r * n;
      for (let i = 0; i < n; i++) v += rows[o + i] * x[i];
      out[n + r] = v;
    }
  };
  const Aty = (y: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) out[i] = y[i];
    for (let r = 0; r < nEq + nIn; r++) {
      const v = y[n + r];
      if (v === 0) continue;
      const o = r * n;
      for (let i = 0; i < n; i++) out[i] += rows[o + i] * v;
    }
  };
  const sigma = 1e-6;
  const alpha = 1.6;
  let rho = 0.1;
  const R = new Float64Array(m);
  const setR = (): void => {
    for (let k = 0; k < m; k++) {
      const eq = l[k] === u[k];
      const free = l[k] === -Infinity && u[k] === Infinity;
      R[k] = free ? 1e-6 : eq ? 1e3 * rho : rho;
    }
  };
  const factor = (): Matrix => {
    const K = new Float64Array(n * n);
    for (let k = 0; k < n * n; k++) K[k] = P[k];
    for (let i = 0; i < n; i++) K[i * n + i] += sigma + R[i];
    for (let r = 0; r < nEq + nIn; r++) {
      const w = R[n + r];
      const o = r * n;
      for (let i = 0; i < n; i++) {
        const a = rows[o + i] * w;
        if (a === 0) continue;
        for (let j = 0; j <= i; j++) K[i * n + j] += a * rows[o + j];
      }
    }
    return cholesky({ rows: n, cols: n, data: K });
  };
  setR();
  let L = factor();
  const x = new Float64Array(n);
  const z = new Float64Array(m);
  const y = new Float64Array(m);
  const zt = new Float64Array(m);
  const rhsv = new Float64Array(n);
  const tmp = new Float64Array(m);
  const aty = new Float64Array(n);
  const Px = new Float64Array(n);
  const ax = new Float64Array(m);
  const dy = new Float64Array(m);
  const clampZ = (k: number, v: number): number => Math.min(Math.max(v, l[k]), u[k]);
  for (let it = 1; it <= maxIter; it++) {
    for (let k = 0; k < m; k++) tmp[k] = R[k] * z[k] - y[k];
    Aty(tmp, aty);
    for (let i = 0; i < n; i++) rhsv[i] = sigma * x[i] - q[i] + aty[i];
    const xt = choleskySolve(L, rhsv);
    Ax(xt, zt);
    for (let i = 0; i < n; i++) x[i] = alpha * xt[i] + (1 - alpha) * x[i];
    for (let k = 0; k < m; k++) {
      const zr = alpha * zt[k] + (1 - alpha) * z[k];
      const zn = clampZ(k, zr + y[k] / R[k]);
      const ynew = y[k] + R[k] * (zr - zn);
      dy[k] = ynew - y[k];
      y[k] = ynew;
      z[k] = zn;
    }
    if (it % 10 !== 0) continue;
    // residuals
    Ax(x, ax);
    let rp = 0;
    let nAx = 0;
    let nz = 0;
    for (let k = 0; k < m; k++) {
      rp = Math.max(rp, Math.abs(ax[k] - z[k]));
      nAx = Math.max(nAx, Math.abs(ax[k]));
      nz = Math.max(nz, Math.abs(z[k]));
    }
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += P[i * n + j] * x[j];
      Px[i] = v;
    }
    Aty(y, aty);
    let rd = 0;
    let nPx = 0;
    let nAty = 0;
    let nq = 0;
    for (let i = 0; i < n; i++) {
      rd = Math.max(rd, Math.abs(Px[i] + q[i] + aty[i]));
      nPx = Math.max(nPx, Math.abs(Px[i]));
      nAty = Math.max(nAty, Math.abs(aty[i]));
      nq = Math.max(nq, Math.abs(q[i]));
    }
    const ep = eps + eps * Math.max(nAx, nz);
    const ed = eps + eps * Math.max(nPx, nAty, nq);
    if (rp <= ep && rd <= ed) return { x, y, iterations: it, converged: true };
    // primal infeasibility certificate
    let ndy = 0;
    for (let k = 0; k < m; k++) ndy = Math.max(ndy, Math.abs(dy[k]));
    if (ndy > 0) {
      Aty(dy, aty);
      let nA = 0;
      for (let i = 0; i < n; i++) nA = Math.max(nA, Math.abs(aty[i]));
      let sup = 0;
      for (let k = 0; k < m; k++) sup += dy[k] > 0 ? (u[k] === Infinity ? Infinity : u[k] * dy[k]) : (l[k] === -Infinity ? Infinity : l[k] * dy[k]);
      if (nA <= 1e-9 * ndy && sup < -1e-9 * ndy) {
        throw new AlphaFactoryError('infeasible', 'QP constraints are infeasible (ADMM found a certificate of primal infeasibility)');
      }
    }
    if (it % 50 === 0) {
      const pr = rp / Math.max(nAx, nz, 1e-300);
      const du = rd / Math.max(nPx, nAty, nq, 1e-300);
      const next = Math.min(Math.max(rho * Math.sqrt(pr / Math.max(du, 1e-300)), 1e-6), 1e6);
      if (next > 5 * rho || next < rho / 5) {
        rho = next;
        setR();
        L = factor();
      }
    }
  }
  return { x, y, iterations: maxIter, converged: false };
}
