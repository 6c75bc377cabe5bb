/**
 * Dense linear algebra on `Float64Array`, row-major.
 *
 * A `Matrix` is `{ rows, cols, data }` with `data[i * cols + j]` = A(i, j). Vectors are plain
 * `Float64Array`s. Every routine allocates its result; inputs are never modified.
 *
 * - `cholesky(A)` -> lower L with A = L Lᵀ (throws `not_positive_definite` naming the pivot).
 * - `choleskySolve(L, b)` solves A x = b from that factor (vector or matrix right-hand side).
 * - `lu(A)` / `solve(A, b)` / `inverse(A)`: LU with partial pivoting (throws `singular_matrix`).
 * - `symmetricEigen(A)` -> eigenvalues ascending and orthonormal eigenvectors as columns
 *   (Householder tridiagonalisation + implicit QL, the EISPACK tred2/tql2 algorithm), the same
 *   convention as `numpy.linalg.eigh`.
 * - `nearestPsd(A)` clips negative eigenvalues to a floor (spectral repair, as PyPortfolioOpt's
 *   `fix_nonpositive_semidefinite(fix_method="spectral")`).
 */
import { AlphaFactoryError, InvalidArgumentError } from '../errors';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A rows x cols matrix, zero-filled or wrapping `data` (row-major, not copied). */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (data && data.length !== rows * cols) {
    throw new InvalidArgumentError(`matrix data has ${data.length} values, expected ${rows} x ${cols} = ${rows * cols}`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/** From nested arrays (rows). */
export function fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new InvalidArgumentError(`row ${i} has ${rows[i].length} values, expected ${c}`);
    for (let j = 0; j < c; j++) out[i * c + j] = rows[i][j];
  }
  return { rows: r, cols: c, data: out };
}

/** To nested arrays (for JSON and printing). */
export function toRows(a: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function diag(v: ArrayLike<number>): Matrix {
  const n = v.length;
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = v[i];
  return m;
}

export function diagonal(a: Matrix): Float64Array {
  const n = Math.min(a.rows, a.cols);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a.data[i * a.cols + i];
  return out;
}

export function copy(a: Matrix): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.slice() };
}

/** k A (a plain loop: TypedArray.map with a closure is several times slower on large matrices). */
export function scale(a: Matrix, k: number): Matrix {
  const out = new Float64Array(a.data.length);
  const d = a.data;
  for (let i = 0; i < d.length; i++) out[i] = k * d[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

/** A B (i-k-j loop order, contiguous inner loop). */
export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new InvalidArgumentError(`matMul: ${a.rows}x${a.cols} times ${b.rows}x${b.cols}`);
  const n = a.rows;
  const m = b.cols;
  const p = a.cols;
  const out = new Float64Array(n * m);
  const A = a.data;
  const B = b.data;
  for (let i = 0; i < n; i++) {
    const oi = i * m;
    for (let k = 0; k < p; k++) {
      const aik = A[i * p + k];
      if (aik === 0) continue;
      const bk = k * m;
      for (let j = 0; j < m; j++) out[oi + j] += aik * B[bk + j];
    }
  }
  return { rows: n, cols: m, data: out };
}

/** A x. */
export function matVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  if (a.cols !== x.length) throw new InvalidArgumentError(`matVec: ${a.rows}x${a.cols} times vector of ${x.length}`);
  const out = new Float64Array(a.rows);
  const A = a.data;
  const c = a.cols;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const o = i * c;
    for (let j = 0; j < c; j++) s += A[o + j] * x[j];
    out[i] = s;
  }
  return out;
}

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** xᵀ A x. */
export function quadForm(a: Matrix, x: ArrayLike<number>): number {
  return dot(x, matVec(a, x));
}

/** x yᵀ. */
export function outer(x: ArrayLike<number>, y: ArrayLike<number>): Matrix {
  const out = matrix(x.length, y.length);
  for (let i = 0; i < x.length; i++) for (let j = 0; j < y.length; j++) out.data[i * y.length + j] = x[i] * y[j];
  return out;
}

/** Largest |A(i,j) - A(j,i)|. */
export function asymmetry(a: Matrix): number {
  let worst = 0;
  const n = a.rows;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    worst = Math.max(worst, Math.abs(a.data[i * n + j] - a.data[j * n + i]));
  }
  return worst;
}

function requireSquare(a: Matrix, what: string): void {
  if (a.rows !== a.cols) throw new InvalidArgumentError(`${what} needs a square matrix, got ${a.rows}x${a.cols}`);
}

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive definite matrix; only the
 * lower triangle of A is read. Returns null when a pivot is not positive (see `cholesky`).
 */
export function tryCholesky(a: Matrix): Matrix | null {
  requireSquare(a, 'cholesky');
  const n = a.rows;
  const A = a.data;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const li = i * n;
    for (let j = 0; j <= i; j++) {
      const lj = j * n;
      // dot product of the two rows, unrolled 4-way for instruction-level parallelism
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < j; k += 4) {
        s0 += L[li + k] * L[lj + k];
        s1 += L[li + k + 1] * L[lj + k + 1];
        s2 += L[li + k + 2] * L[lj + k + 2];
        s3 += L[li + k + 3] * L[lj + k + 3];
      }
      for (; k < j; k++) s0 += L[li + k] * L[lj + k];
      const s = A[li + j] - (s0 + s1 + (s2 + s3));
      if (i === j) {
        if (!(s > 0)) return null;
        L[li + i] = Math.sqrt(s);
      } else {
        L[li + j] = s / L[lj + j];
      }
    }
  }
  return { rows: n, cols: n, data: L };
}

/** Cholesky factor; throws `not_positive_definite` when the matrix is not (numerically) positive definite. */
export function cholesky(a: Matrix): Matrix {
  const L = tryCholesky(a);
  if (!L) {
    throw new AlphaFactoryError(
      'not_positive_definite',
      `matrix (${a.rows}x${a.cols}) is not positive definite: Cholesky met a non-positive pivot (singular or indefinite; repair it with nearestPsd or add shrinkage)`,
    );
  }
  return L;
}

/** Solve L y = b (L lower triangular) in place on y. */
function forward(L: Float64Array, n: number, y: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = y[i];
    const li = i * n;
    for (let k = 0; k < i; k++) s -= L[li + k] * y[k];
    y[i] = s / L[li + i];
  }
}

/** Solve Lᵀ x = y in place on x. */
function backward(L: Float64Array, n: number, x: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
}

/** Solve A x = b given A's Cholesky factor L (b a vector, or a matrix of right-hand sides). */
export function choleskySolve(L: Matrix, b: Float64Array): Float64Array;
export function choleskySolve(L: Matrix, b: Matrix): Matrix;
export function choleskySolve(L: Matrix, b: Float64Array | Matrix): Float64Array | Matrix {
  const n = L.rows;
  if (b instanceof Float64Array) {
    if (b.length !== n) throw new InvalidArgumentError(`choleskySolve: factor is ${n}x${n}, right-hand side has ${b.length}`);
    const x = b.slice();
    forward(L.data, n, x);
    backward(L.data, n, x);
    return x;
  }
  if (b.rows !== n) throw new InvalidArgumentError(`choleskySolve: factor is ${n}x${n}, right-hand side is ${b.rows}x${b.cols}`);
  const out = matrix(n, b.cols);
  const col = new Float64Array(n);
  for (let j = 0; j < b.cols; j++) {
    for (let i = 0; i < n; i++) col[i] = b.data[i * b.cols + j];
    forward(L.data, n, col);
    backward(L.data, n, col);
    for (let i = 0; i < n; i++) out.data[i * b.cols + j] = col[i];
  }
  return out;
}

/** log det A from its Cholesky factor: 2 Σ log L(i,i). */
export function choleskyLogDet(L: Matrix): number {
  let s = 0;
  for (let i = 0; i < L.rows; i++) s += Math.log(L.data[i * L.rows + i]);
  return 2 * s;
}

export interface LU {
  /** Packed factors: unit-lower L below the diagonal, U on and above. */
  lu: Matrix;
  /** Row permutation: row i of PA is row perm[i] of A. */
  perm: Int32Array;
  /** +1 or -1, the permutation's parity. */
  sign: number;
}

/** LU decomposition with partial pivoting, PA = LU. Throws `singular_matrix` on an exactly/numerically zero pivot. */
export function lu(a: Matrix): LU {
  requireSquare(a, 'lu');
  const n = a.rows;
  const M = a.data.slice();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let sign = 1;
  let scale = 0;
  for (let i = 0; i < M.length; i++) scale = Math.max(scale, Math.abs(M[i]));
  const tol = scale * n * 2.220446049250313e-16;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(M[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(M[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > tol)) {
      throw new AlphaFactoryError('singular_matrix', `matrix (${n}x${n}) is singular to working precision (pivot ${k + 1})`);
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = M[k * n + j];
        M[k * n + j] = M[p * n + j];
        M[p * n + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
      sign = -sign;
    }
    const piv = M[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (M[i * n + k] /= piv);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) M[i * n + j] -= f * M[k * n + j];
    }
  }
  return { lu: { rows: n, cols: n, data: M }, perm, sign };
}

function luSolveVec(f: LU, b: ArrayLike<number>): Float64Array {
  const n = f.lu.rows;
  const M = f.lu.data;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = b[f.perm[i]];
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= M[i * n + k] * x[k];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= M[i * n + k] * x[k];
    x[i] = s / M[i * n + i];
  }
  return x;
}

/** Solve A x = b (general square A, LU with partial pivoting). */
export function solve(a: Matrix, b: Float64Array): Float64Array;
export function solve(a: Matrix, b: Matrix): Matrix;
export function solve(a: Matrix, b: Float64Array | Matrix): Float64Array | Matrix {
  const f = lu(a);
  const n = a.rows;
  if (b instanceof Float64Array) {
    if (b.length !== n) throw new InvalidArgumentError(`solve: matrix is ${n}x${n}, right-hand side has ${b.length}`);
    return luSolveVec(f, b);
  }
  if (b.rows !== n) throw new InvalidArgumentError(`solve: matrix is ${n}x${n}, right-hand side is ${b.rows}x${b.cols}`);
  const out = matrix(n, b.cols);
  const col = new Float64Array(n);
  for (let j = 0; j < b.cols; j++) {
    for (let i = 0; i < n; i++) col[i] = b.data[i * b.cols + j];
    const x = luSolveVec(f, col);
    for (let i = 0; i < n; i++) out.data[i * b.cols + j] = x[i];
  }
  return out;
}

/** A⁻¹ (LU). */
export function inverse(a: Matrix): Matrix {
  return solve(a, identity(a.rows));
}

/** det A (LU; 0 for a singular matrix). */
export function determinant(a: Matrix): number {
  try {
    const f = lu(a);
    let d = f.sign;
    for (let i = 0; i < a.rows; i++) d *= f.lu.data[i * a.rows + i];
    return d;
  } catch (e) {
    if (e instanceof AlphaFactoryError && e.code === 'singular_matrix') return 0;
    throw e;
  }
}

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors, column k belongs to values[k]. */
  vectors: Matrix;
}

/**
 * Eigen-decomposition A = V diag(λ) Vᵀ of a symmetric matrix (the lower triangle is mirrored, so a
 * slightly asymmetric input is treated as its symmetric part's lower half). Householder reduction to
 * tridiagonal form followed by the implicit QL algorithm with Wilkinson-style shifts (EISPACK
 * tred2/tql2). Eigenvalues ascending, as `numpy.linalg.eigh`; eigenvector signs are arbitrary.
 */
export function symmetricEigen(a: Matrix): SymmetricEigen {
  requireSquare(a, 'symmetricEigen');
  const n = a.rows;
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    const v = a.data[i * n + j];
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`symmetricEigen: entry (${i}, ${j}) is ${v}`);
    V[i * n + j] = v;
    V[j * n + i] = v;
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: matrix(0, 0) };
  tred2(V, d, e, n);
  // tql2 rotates columns; work on the transpose so that each rotation touches two contiguous rows
  const W = transpose({ rows: n, cols: n, data: V }).data;
  tql2(W, d, e, n);
  return { values: d, vectors: transpose({ rows: n, cols: n, data: W }) };
}

function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j * n + i] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j] * d[k];
          e[k] += V[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j];
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e), accumulating rotations into the rows of W (= Vᵀ). */
function tql2(W: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2.220446049250313e-16;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new AlphaFactoryError('no_convergence', 'symmetricEigen: QL iteration did not converge');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const r0 = i * n;
          const r1 = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            h = W[r1 + k];
            W[r1 + k] = s * W[r0 + k] + c * h;
            W[r0 + k] = c * W[r0 + k] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = W[i * n + j];
        W[i * n + j] = W[k * n + j];
        W[k * n + j] = t;
      }
    }
  }
}

/** V diag(λ) Vᵀ. */
export function fromEigen(values: ArrayLike<number>, vectors: Matrix): Matrix {
  const n = vectors.rows;
  const out = matrix(n, n);
  const Vd = vectors.data;
  for (let k = 0; k < values.length; k++) {
    const lam = values[k];
    if (lam === 0) continue;
    for (let i = 0; i < n; i++) {
      const vi = Vd[i * n + k] * lam;
      if (vi === 0) continue;
      const row = i * n;
      for (let j = 0; j < n; j++) out.data[row + j] += vi * Vd[j * n + k];
    }
  }
  return out;
}

/**
 * Nearest positive semidefinite matrix in the spectral sense: eigenvalues below `floor` are set to
 * `floor` (default 0) and the matrix is rebuilt, V max(λ, floor) Vᵀ. This is PyPortfolioOpt's
 * `fix_nonpositive_semidefinite(fix_method="spectral")`; a positive floor makes it positive definite.
 * `repaired` says whether any eigenvalue was changed.
 */
export function nearestPsd(a: Matrix, floor = 0): { matrix: Matrix; repaired: boolean; minEigenvalue: number } {
  const { values, vectors } = symmetricEigen(a);
  const minEigenvalue = values.length > 0 ? values[0] : 0;
  let repaired = false;
  const clipped = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (values[i] < floor) {
      clipped[i] = floor;
      repaired = true;
    } else clipped[i] = values[i];
  }
  if (!repaired) return { matrix: copy(a), repaired, minEigenvalue };
  const out = fromEigen(clipped, vectors);
  // symmetrise exactly
  const n = a.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const v = 0.5 * (out.data[i * n + j] + out.data[j * n + i]);
    out.data[i * n + j] = v;
    out.data[j * n + i] = v;
  }
  return { matrix: out, repaired, minEigenvalue };
}

/**
 * Is A PSD? Cholesky of A + jitter I succeeds. The default jitter 1e-16 is PyPortfolioOpt's test;
 * pass a relative one (1e-12 x max diagonal, say) to accept matrices that are PSD up to rounding.
 */
export function isPositiveSemidefinite(a: Matrix, jitter = 1e-16): boolean {
  const n = a.rows;
  const b = copy(a);
  for (let i = 0; i < n; i++) b.data[i * n + i] += jitter;
  return tryCholesky(b) !== null;
}
