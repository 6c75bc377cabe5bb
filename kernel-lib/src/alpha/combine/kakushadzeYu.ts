/**
 * Kakushadze & Yu, "How to Combine a Billion Alphas" (J. Asset Management 18, 2017;
 * arXiv:1603.05937), the regression-based algorithm: no N x N matrix, no principal
 * components, no iterations; cost O(N M^2) for N alphas and M + 1 periods.
 *
 * With realised alpha returns R_is, i = 1..N, s = 1..M+1 (s = 1 the most recent):
 *  1. X_is = R_is - mean_s R_is                      (serial demeaning)
 *  2. sigma_i^2 = (1/M) sum_s X_is^2
 *  3. Y_is = X_is / sigma_i
 *  4. keep the M most recent columns of Y
 *  5. Lambda_is = Y_is - (1/N) sum_j Y_js            (cross-sectional demeaning)
 *  6. keep the `columns` most recent columns of Lambda (the paper keeps M - 1)
 *  7. E_i = mean of the d most recent R_is;  E~_i = E_i / sigma_i
 *  8. eps_i = residual of the regression (no intercept, unit weights) of E~ on Lambda,
 *     solved through the columns x columns normal equations
 *  9. w_i = eta eps_i / sigma_i with eta such that sum_i |w_i| = 1.
 * An alpha with zero variance gets weight 0.
 */
import { matrix, tryCholesky, choleskySolve, solve } from '../../math/linalg';
import { InvalidArgumentError } from '../../errors';
import type { CombinerRule } from './engine';

export interface KakushadzeYuOptions {
  /** Periods in the expected-return moving average (default: all M + 1). */
  d?: number;
  /** Lambda columns kept (default M - 1, the paper's choice). */
  columns?: number;
}

/**
 * Weights from an N x P return matrix stored alpha-major (R[i * P + s]) with s = 0 the OLDEST
 * period (the usual time order; the paper's s = 1 is our s = P - 1).
 */
export function kakushadzeYuWeights(R: Float64Array, nAlphas: number, nPeriods: number, opts: KakushadzeYuOptions = {}): Float64Array {
  const N = nAlphas;
  const P = nPeriods;
  const M = P - 1;
  if (R.length !== N * P) throw new InvalidArgumentError(`returns have ${R.length} values, expected ${N} alphas x ${P} periods`);
  if (P < 3) throw new InvalidArgumentError(`Kakushadze-Yu needs at least 3 periods, got ${P}`);
  const d = opts.d ?? P;
  const cols = opts.columns ?? M - 1;
  if (!Number.isInteger(d) || d < 1 || d > P) throw new InvalidArgumentError(`d must be an integer in 1..${P}, got ${d}`);
  if (!Number.isInteger(cols) || cols < 0 || cols > M - 1) throw new InvalidArgumentError(`columns must be an integer in 0..${M - 1}, got ${cols}`);
  const sigma = new Float64Array(N);
  const Et = new Float64Array(N);
  // Lambda stored column-major over the kept columns: L[c * N + i], c = 0 the most recent
  const L = new Float64Array(cols * N);
  const colMean = new Float64Array(cols);
  for (let i = 0; i < N; i++) {
    const row = R.subarray(i * P, (i + 1) * P);
    let m = 0;
    for (let s = 0; s < P; s++) m += row[s];
    m /= P;
    let ss = 0;
    for (let s = 0; s < P; s++) ss += (row[s] - m) * (row[s] - m);
    const sd = Math.sqrt(ss / M);
    sigma[i] = sd;
    let e = 0;
    for (let s = P - d; s < P; s++) e += row[s];
    Et[i] = sd > 0 ? e / d / sd : 0;
    for (let c = 0; c < cols; c++) {
      const y = sd > 0 ? (row[P - 1 - c] - m) / sd : 0;
      L[c * N + i] = y;
      colMean[c] += y;
    }
  }
  for (let c = 0; c < cols; c++) {
    const mu = colMean[c] / N;
    const col = L.subarray(c * N, (c + 1) * N);
    for (let i = 0; i < N; i++) col[i] -= mu;
  }
  const eps = Et.slice();
  if (cols > 0) {
    const G = matrix(cols, cols);
    const b = new Float64Array(cols);
    // Gram matrix Lambda' Lambda: the O(N x columns^2) step, four columns per pass over column a
    for (let a = 0; a < cols; a++) {
      const ca = L.subarray(a * N, (a + 1) * N);
      let sb = 0;
      for (let i = 0; i < N; i++) sb += ca[i] * Et[i];
      b[a] = sb;
      let c = a;
      for (; c + 3 < cols; c += 4) {
        const o0 = c * N;
        const o1 = o0 + N;
        const o2 = o1 + N;
        const o3 = o2 + N;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let i = 0; i < N; i++) {
          const x = ca[i];
          s0 += x * L[o0 + i];
          s1 += x * L[o1 + i];
          s2 += x * L[o2 + i];
          s3 += x * L[o3 + i];
        }
        G.data[a * cols + c] = G.data[c * cols + a] = s0;
        G.data[a * cols + c + 1] = G.data[(c + 1) * cols + a] = s1;
        G.data[a * cols + c + 2] = G.data[(c + 2) * cols + a] = s2;
        G.data[a * cols + c + 3] = G.data[(c + 3) * cols + a] = s3;
      }
      for (; c < cols; c++) {
        const cc = L.subarray(c * N, (c + 1) * N);
        let s = 0;
        for (let i = 0; i < N; i++) s += ca[i] * cc[i];
        G.data[a * cols + c] = s;
        G.data[c * cols + a] = s;
      }
    }
    let beta: Float64Array;
    const Lc = tryCholesky(G);
    if (Lc) beta = choleskySolve(Lc, b);
    else {
      let tr = 0;
      for (let a = 0; a < cols; a++) tr += G.data[a * cols + a];
      for (let a = 0; a < cols; a++) G.data[a * cols + a] += 1e-10 * (tr / cols || 1);
      beta = solve(G, b);
    }
    for (let c = 0; c < cols; c++) {
      const cc = L.subarray(c * N, (c + 1) * N);
      const bc = beta[c];
      for (let i = 0; i < N; i++) eps[i] -= bc * cc[i];
    }
  }
  const w = new Float64Array(N);
  let gross = 0;
  for (let i = 0; i < N; i++) {
    w[i] = sigma[i] > 0 ? eps[i] / sigma[i] : 0;
    gross += Math.abs(w[i]);
  }
  if (gross > 0) for (let i = 0; i < N; i++) w[i] /= gross;
  return w;
}

/**
 * Kakushadze-Yu as a panel combiner: the alpha returns are the factors' daily factor-return
 * series over the realised window (dates where every factor has one). With few factors K the
 * paper's M - 1 columns would fit E~ exactly, so the default keeps min(M - 1, floor((K - 1) / 2)).
 */
export function kakushadzeYuCombiner(opts: KakushadzeYuOptions = {}): CombinerRule {
  return {
    method: 'kakushadze-yu',
    weights: (ctx) => {
      const K = ctx.K;
      const series = [...Array(K).keys()].map((k) => ctx.window('factorReturn', k));
      const keep: number[] = [];
      for (let s = 0; s < series[0].length; s++) if (series.every((x) => Number.isFinite(x[s]))) keep.push(s);
      const P = keep.length;
      if (P < 3) return null;
      const R = new Float64Array(K * P);
      for (let k = 0; k < K; k++) keep.forEach((s, j) => (R[k * P + j] = series[k][s]));
      const columns = opts.columns ?? Math.min(P - 2, Math.max(0, Math.floor((K - 1) / 2)));
      return { weights: kakushadzeYuWeights(R, K, P, { d: opts.d !== undefined ? Math.min(opts.d, P) : undefined, columns }) };
    },
  };
}
