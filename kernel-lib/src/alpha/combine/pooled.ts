/**
 * Pooled cross-products for least squares over a window of dates, without N x N matrices.
 *
 * Over every (date, asset) with a finite label in the window, the normal equations of
 * y = a + sum_k b_k z_k need sums of 1, z_j, z_j z_k, z_j y and y. Each pair's daily sum is
 * computed on first use (O(T x N)) and kept as a prefix sum over dates, so a window's sum is
 * O(1) and only the pairs a combiner actually selects are ever computed.
 */
import { matrix, tryCholesky, choleskySolve, solve } from '../../math/linalg';

export class PooledCrossProducts {
  private readonly cache = new Map<string, Float64Array>();
  private readonly T: number;

  /** `z`: the factors' cross-sectional z-scores (0 = missing); `label`: NaN where unknown. */
  constructor(
    private readonly z: Float64Array[],
    private readonly label: Float64Array,
    private readonly nAssets: number,
  ) {
    this.T = label.length / nAssets;
  }

  /** Index -1 is the constant 1, -2 the label, k >= 0 factor k. */
  private column(k: number, b: number): number {
    if (k === -1) return 1;
    if (k === -2) return this.label[b];
    return this.z[k][b];
  }

  private prefix(j: number, k: number): Float64Array {
    const key = j <= k ? `${j},${k}` : `${k},${j}`;
    let p = this.cache.get(key);
    if (p) return p;
    p = new Float64Array(this.T + 1);
    const N = this.nAssets;
    for (let t = 0; t < this.T; t++) {
      let s = 0;
      for (let i = 0; i < N; i++) {
        const b = t * N + i;
        if (Number.isFinite(this.label[b])) s += this.column(j, b) * this.column(k, b);
      }
      p[t + 1] = p[t] + s;
    }
    this.cache.set(key, p);
    return p;
  }

  sum(j: number, k: number, start: number, end: number): number {
    const p = this.prefix(j, k);
    return p[end + 1] - p[start];
  }

  /**
   * OLS with intercept of the label on the selected factors over dates start..end:
   * returns [intercept, b_1, ..., b_m], or null with fewer observations than unknowns.
   */
  ols(selected: readonly number[], start: number, end: number): Float64Array | null {
    const cols = [-1, ...selected];
    const m = cols.length;
    if (this.sum(-1, -1, start, end) <= m) return null;
    const A = matrix(m, m);
    const b = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      b[r] = this.sum(cols[r], -2, start, end);
      for (let c = r; c < m; c++) {
        const v = this.sum(cols[r], cols[c], start, end);
        A.data[r * m + c] = v;
        A.data[c * m + r] = v;
      }
    }
    const L = tryCholesky(A);
    if (L) return choleskySolve(L, b);
    // collinear factors: a tiny ridge keeps the system solvable (documented fallback)
    let tr = 0;
    for (let r = 0; r < m; r++) tr += A.data[r * m + r];
    for (let r = 1; r < m; r++) A.data[r * m + r] += 1e-10 * (tr / m);
    return solve(A, b);
  }
}
