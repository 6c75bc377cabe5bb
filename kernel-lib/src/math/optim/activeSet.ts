/**
 * Minimise a smooth function subject to bounds and linear inequality constraints
 *
 *     minimise f(x)  subject to  lower <= x <= upper,  A x - b >= 0
 *
 * by a primal active-set quasi-Newton method (Nocedal & Wright, ch. 16.5 with a BFGS model):
 * each iteration solves the equality-constrained quadratic model on the working set
 * (KKT system  [B  -A_W'; A_W  0] [p; lambda] = [-g; 0]), moves along p as far as the first
 * blocking constraint allows (ratio test), backtracks until the Armijo condition holds, adds a
 * blocking constraint to the working set, and drops the constraint with the most negative
 * multiplier when the step vanishes. B is updated by damped BFGS (Powell), so it stays positive
 * definite. This is the job SLSQP does for `arch`; on the smooth, low-dimensional GARCH
 * likelihoods it reaches the same optimum.
 *
 * The caller supplies f and its exact gradient, and optionally a positive semi-definite initial
 * curvature matrix (for MLE, the outer product of the scores).
 */

import { solveDense } from './dense';

export interface LinearConstraint {
  /** Coefficients a (length n) of the constraint a'x - b >= 0. */
  a: Float64Array;
  b: number;
}

export interface ConstrainedProblem {
  n: number;
  /** Objective value at x; writes the gradient into `grad`. Return Infinity/NaN where undefined. */
  f(x: Float64Array, grad: Float64Array): number;
  lower: Float64Array;
  upper: Float64Array;
  constraints: LinearConstraint[];
}

export interface MinimizeOptions {
  maxIter?: number;
  /** Stop when the predicted decrease -g'p of the quadratic model falls below this. */
  decrementTol?: number;
  /** Initial Hessian approximation (n x n row-major, symmetric PSD); identity when absent. */
  hessian0?: Float64Array;
  /**
   * When no step along the search direction decreases f (the gradient is inexact at a kink, or
   * f is at its rounding floor) and the predicted decrease -g'p is below this, stop as converged
   * (default 1e-10 (1 + |f|)).
   */
  stallTol?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  fun: number;
  converged: boolean;
  /** Why the optimiser stopped, in words. */
  reason: string;
  iterations: number;
  evaluations: number;
}

interface Row {
  a: Float64Array;
  b: number;
}

export function minimizeActiveSet(problem: ConstrainedProblem, x0: Float64Array, opts: MinimizeOptions = {}): MinimizeResult {
  const n = problem.n;
  const maxIter = opts.maxIter ?? 300;
  const tol = opts.decrementTol ?? 1e-13;
  // all constraints as rows a'x >= b (bounds first)
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(problem.lower[i])) {
      const a = new Float64Array(n);
      a[i] = 1;
      rows.push({ a, b: problem.lower[i] });
    }
    if (Number.isFinite(problem.upper[i])) {
      const a = new Float64Array(n);
      a[i] = -1;
      rows.push({ a, b: -problem.upper[i] });
    }
  }
  for (const c of problem.constraints) {
    // drop exact duplicates of rows already present (e.g. a bound restated as a constraint)
    const dup = rows.some((r) => r.b === c.b && r.a.every((v, i) => v === c.a[i]));
    if (!dup) rows.push({ a: c.a, b: c.b });
  }
  const m = rows.length;
  const dot = (a: Float64Array, v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * v[i];
    return s;
  };

  const x = Float64Array.from(x0);
  for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i], problem.lower[i]), problem.upper[i]);
  let g = new Float64Array(n);
  let evaluations = 1;
  let fx = problem.f(x, g);
  if (!Number.isFinite(fx)) {
    return { x, fun: fx, converged: false, reason: 'objective is not finite at the starting values', iterations: 0, evaluations };
  }
  const resetHessian = (): Float64Array => {
    if (opts.hessian0) {
      const h = Float64Array.from(opts.hessian0);
      let tr = 0;
      for (let i = 0; i < n; i++) tr += h[i * n + i];
      const ridge = Math.max(tr / n, 1e-8) * 1e-6;
      for (let i = 0; i < n; i++) h[i * n + i] += ridge;
      return h;
    }
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++) h[i * n + i] = 1;
    return h;
  };
  let B = resetHessian();
  // working set: constraints active at x0
  const working: number[] = [];
  const activeTol = 1e-12;
  for (let r = 0; r < m; r++) {
    if (Math.abs(dot(rows[r].a, x) - rows[r].b) <= activeTol * (1 + Math.abs(rows[r].b)) && working.length < n) {
      if (independentOf(rows, working, r, n)) working.push(r);
    }
  }
  const gNew = new Float64Array(n);
  const xNew = new Float64Array(n);
  let resets = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    const sol = solveKkt(B, g, rows, working, n);
    if (!sol) {
      if (working.length > 0) {
        working.pop();
        continue;
      }
      // B lost its conditioning (e.g. a shape parameter whose curvature is ~1e-8 of the others):
      // restart from the initial curvature before giving up
      if (resets++ < 3) {
        B = resetHessian();
        continue;
      }
      return { x, fun: fx, converged: false, reason: 'singular quasi-Newton system', iterations: iter, evaluations };
    }
    const { p, lambda } = sol;
    let pnorm = 0;
    for (let i = 0; i < n; i++) pnorm = Math.max(pnorm, Math.abs(p[i]) / (1 + Math.abs(x[i])));
    const decrement = -dot(g, p);
    if (pnorm < 1e-12 || decrement < tol) {
      // stationary on the working set: drop the most negative multiplier, or stop
      let worst = -1;
      let worstVal = -1e-10;
      for (let k = 0; k < lambda.length; k++) {
        if (lambda[k] < worstVal) {
          worstVal = lambda[k];
          worst = k;
        }
      }
      if (worst < 0) {
        return { x, fun: fx, converged: true, reason: 'optimality conditions satisfied', iterations: iter, evaluations };
      }
      working.splice(worst, 1);
      continue;
    }
    if (!(decrement > 0)) {
      if (resets++ < 3) {
        B = resetHessian();
        continue;
      }
      return { x, fun: fx, converged: false, reason: 'search direction is not a descent direction', iterations: iter, evaluations };
    }
    // ratio test against constraints outside the working set
    let alphaMax = 1;
    let blocking = -1;
    let pmag = 0;
    for (let i = 0; i < n; i++) pmag = Math.max(pmag, Math.abs(p[i]));
    for (let r = 0; r < m; r++) {
      if (working.includes(r)) continue;
      const ap = dot(rows[r].a, p);
      if (ap < -1e-13 * pmag) {
        const slack = dot(rows[r].a, x) - rows[r].b;
        const step = Math.max(slack, 0) / -ap;
        if (step < alphaMax) {
          alphaMax = step;
          blocking = r;
        }
      }
    }
    // backtracking Armijo line search on [0, alphaMax]
    let alpha = alphaMax;
    let fNew = NaN;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + alpha * p[i];
      evaluations++;
      fNew = problem.f(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= fx - 1e-4 * alpha * decrement) {
        accepted = true;
        break;
      }
      alpha *= ls < 2 ? 0.5 : 0.2;
      if (alpha * pnorm < 1e-16) break;
    }
    if (!accepted) {
      if (decrement < (opts.stallTol ?? 1e-10 * (1 + Math.abs(fx)))) {
        return { x, fun: fx, converged: true, reason: 'no further decrease possible (within tolerance)', iterations: iter, evaluations };
      }
      if (resets++ < 3) {
        B = resetHessian();
        continue;
      }
      return { x, fun: fx, converged: false, reason: 'line search failed to decrease the objective', iterations: iter, evaluations };
    }
    // damped BFGS update with s = xNew - x, y = gNew - g
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - g[i];
    }
    bfgsUpdate(B, s, yv, n);
    const df = fx - fNew;
    x.set(xNew);
    for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i], problem.lower[i]), problem.upper[i]);
    g = Float64Array.from(gNew);
    fx = fNew;
    if (blocking >= 0 && alpha === alphaMax && working.length < n && independentOf(rows, working, blocking, n)) {
      working.push(blocking);
      // land exactly on the constraint when it is a bound
      const a = rows[blocking].a;
      let nz = -1;
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (a[i] !== 0) {
          nz = i;
          count++;
        }
      }
      if (count === 1) x[nz] = rows[blocking].b / a[nz];
    }
    if (df >= 0 && df < 1e-15 * (1 + Math.abs(fx)) && pnorm < 1e-10) {
      return { x, fun: fx, converged: true, reason: 'relative change in objective below tolerance', iterations: iter, evaluations };
    }
  }
  return { x, fun: fx, converged: false, reason: `iteration limit (${maxIter}) reached`, iterations: maxIter, evaluations };
}

/** Whether row r is linearly independent of the rows already in the working set. */
function independentOf(rows: Row[], working: number[], r: number, n: number): boolean {
  if (working.length === 0) return true;
  // Gram-Schmidt residual of row r against the working rows
  const basis: Float64Array[] = [];
  for (const w of working) {
    const v = Float64Array.from(rows[w].a);
    for (const q of basis) {
      let d = 0;
      for (let i = 0; i < n; i++) d += v[i] * q[i];
      for (let i = 0; i < n; i++) v[i] -= d * q[i];
    }
    let nn = 0;
    for (let i = 0; i < n; i++) nn += v[i] * v[i];
    if (nn > 1e-20) {
      const s = 1 / Math.sqrt(nn);
      for (let i = 0; i < n; i++) v[i] *= s;
      basis.push(v);
    }
  }
  const v = Float64Array.from(rows[r].a);
  let norm0 = 0;
  for (let i = 0; i < n; i++) norm0 += v[i] * v[i];
  for (const q of basis) {
    let d = 0;
    for (let i = 0; i < n; i++) d += v[i] * q[i];
    for (let i = 0; i < n; i++) v[i] -= d * q[i];
  }
  let nn = 0;
  for (let i = 0; i < n; i++) nn += v[i] * v[i];
  return nn > 1e-12 * norm0;
}

function solveKkt(B: Float64Array, g: Float64Array, rows: Row[], working: number[], n: number): { p: Float64Array; lambda: Float64Array } | null {
  const w = working.length;
  const size = n + w;
  const K = new Float64Array(size * size);
  const rhs = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) K[i * size + j] = B[i * n + j];
    rhs[i] = -g[i];
  }
  for (let k = 0; k < w; k++) {
    const a = rows[working[k]].a;
    for (let i = 0; i < n; i++) {
      K[i * size + n + k] = -a[i];
      K[(n + k) * size + i] = a[i];
    }
  }
  const sol = solveDense(K, rhs, size);
  if (!sol) return null;
  for (let i = 0; i < size; i++) if (!Number.isFinite(sol[i])) return null;
  return { p: sol.subarray(0, n), lambda: sol.subarray(n) };
}

/** Powell-damped BFGS update of B in place: keeps B positive definite. */
function bfgsUpdate(B: Float64Array, s: Float64Array, y: Float64Array, n: number): void {
  const Bs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += B[i * n + j] * s[j];
    Bs[i] = v;
  }
  let sBs = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sBs += s[i] * Bs[i];
    sy += s[i] * y[i];
  }
  if (!(sBs > 0)) return;
  let r = y;
  if (sy < 0.2 * sBs) {
    const theta = (0.8 * sBs) / (sBs - sy);
    r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = theta * y[i] + (1 - theta) * Bs[i];
    sy = 0;
    for (let i = 0; i < n; i++) sy += s[i] * r[i];
  }
  if (!(sy > 0)) return;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) B[i * n + j] += (r[i] * r[j]) / sy - (Bs[i] * Bs[j]) / sBs;
  }
}
