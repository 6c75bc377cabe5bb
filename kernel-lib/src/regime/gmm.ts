import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import { choleskyLogDet, tryCholesky, type Matrix } from '../math/linalg';
import { Rng } from '../math/rng';
import { jsonArray } from '../metrics/json';
import type { RegimePayload } from './hmm-result';

const LOG_2PI = Math.log(2 * Math.PI);

/** Parameters of a Gaussian mixture in d dimensions with K full-covariance components. */
export interface GaussianMixtureParams {
  weights: Float64Array;
  /** K x d, row-major. */
  means: Float64Array;
  /** K blocks of d x d covariance, row-major. */
  covariances: Float64Array;
  dim: number;
}

export interface GmmOptions {
  /** Number of components; default 3 (the reference's RegimeDetector). */
  components?: number;
  /** Independent starts (k-means++ seeding), the best kept; default 5. */
  restarts?: number;
  rng?: Rng;
  seed?: number;
  maxIter?: number;
  /** Stop when the mean per-sample log-likelihood improves by less than this; default 1e-10. */
  tol?: number;
  /** Added to every covariance diagonal after each M-step, as scikit-learn's `reg_covar`; default 1e-6. */
  regCovar?: number;
  /** Feature whose variance orders the components (ascending); default 0. */
  sortByColumn?: number;
}

/** Rows of a data matrix as a flat n x d array. */
function flatten(X: ArrayLike<ArrayLike<number>> | Matrix): { data: Float64Array; n: number; d: number } {
  if ((X as Matrix).data instanceof Float64Array && typeof (X as Matrix).rows === 'number') {
    const m = X as Matrix;
    return { data: m.data, n: m.rows, d: m.cols };
  }
  const rows = X as ArrayLike<ArrayLike<number>>;
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== d) throw new InvalidArgumentError(`gaussian mixture: row ${i} has ${rows[i].length} features, expected ${d}`);
    for (let j = 0; j < d; j++) {
      const v = rows[i][j];
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`gaussian mixture: value at row ${i}, feature ${j} is ${v}`);
      data[i * d + j] = v;
    }
  }
  return { data, n, d };
}

/**
 * Per-sample, per-component log densities `log w_k + log N(x_i; m_k, S_k)` (n x K), computed with
 * the Cholesky factor of each covariance: `log N = -(d log 2 pi + log det S + |L^{-1}(x - m)|^2) / 2`.
 */
function weightedLogDensities(x: Float64Array, n: number, p: GaussianMixtureParams): Float64Array {
  const d = p.dim;
  const K = p.weights.length;
  const out = new Float64Array(n * K);
  const y = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const S: Matrix = { rows: d, cols: d, data: p.covariances.subarray(k * d * d, (k + 1) * d * d) };
    const L = tryCholesky(S);
    if (!L) throw new AlphaFactoryError('not_positive_definite', `gaussian mixture: covariance of component ${k} is not positive definite (raise regCovar)`);
    const logDet = choleskyLogDet(L);
    const c = Math.log(p.weights[k]) - 0.5 * (d * LOG_2PI + logDet);
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let a = 0; a < d; a++) {
        let s = x[i * d + a] - p.means[k * d + a];
        for (let b = 0; b < a; b++) s -= L.data[a * d + b] * y[b];
        y[a] = s / L.data[a * d + a];
        q += y[a] * y[a];
      }
      out[i * K + k] = c - 0.5 * q;
    }
  }
  return out;
}

/** Total log-likelihood sum_i log sum_k w_k N(x_i; m_k, S_k) (scikit-learn's score() times n). */
export function mixtureLogLikelihood(X: ArrayLike<ArrayLike<number>> | Matrix, p: GaussianMixtureParams): number {
  const { data, n } = flatten(X);
  return eStep(data, n, p).ll;
}

function eStep(x: Float64Array, n: number, p: GaussianMixtureParams): { resp: Float64Array; ll: number } {
  const K = p.weights.length;
  const resp = weightedLogDensities(x, n, p);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, resp[i * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(resp[i * K + k] - m);
    const lse = m + Math.log(s);
    ll += lse;
    for (let k = 0; k < K; k++) resp[i * K + k] = Math.exp(resp[i * K + k] - lse);
  }
  return { resp, ll };
}

function mStep(x: Float64Array, n: number, d: number, resp: Float64Array, K: number, reg: number): GaussianMixtureParams {
  const weights = new Float64Array(K);
  const means = new Float64Array(K * d);
  const covariances = new Float64Array(K * d * d);
  for (let k = 0; k < K; k++) {
    let nk = 0;
    for (let i = 0; i < n; i++) nk += resp[i * K + k];
    nk += 10 * Number.EPSILON; // as scikit-learn, keeps an emptied component finite
    weights[k] = nk / n;
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) means[k * d + a] += resp[i * K + k] * x[i * d + a];
    for (let a = 0; a < d; a++) means[k * d + a] /= nk;
    const C = covariances.subarray(k * d * d, (k + 1) * d * d);
    for (let i = 0; i < n; i++) {
      const r = resp[i * K + k];
      for (let a = 0; a < d; a++) {
        const da = x[i * d + a] - means[k * d + a];
        for (let b = 0; b <= a; b++) C[a * d + b] += r * da * (x[i * d + b] - means[k * d + b]);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        C[a * d + b] /= nk;
        C[b * d + a] = C[a * d + b];
      }
      C[a * d + a] += reg;
    }
  }
  let s = 0;
  for (const w of weights) s += w;
  for (let k = 0; k < K; k++) weights[k] /= s;
  return { weights, means, covariances, dim: d };
}

/** k-means++ seeding then 10 Lloyd steps; returns hard responsibilities. */
function kmeansResp(x: Float64Array, n: number, d: number, K: number, rng: Rng): Float64Array {
  const centers = new Float64Array(K * d);
  const dist = new Float64Array(n).fill(Infinity);
  let first = rng.int(n);
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < d; a++) centers[k * d + a] = x[first * d + a];
    let total = 0;
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let a = 0; a < d; a++) q += (x[i * d + a] - centers[k * d + a]) ** 2;
      dist[i] = Math.min(dist[i], q);
      total += dist[i];
    }
    let u = rng.uniform() * total;
    first = n - 1;
    for (let i = 0; i < n; i++) {
      u -= dist[i];
      if (u <= 0) {
        first = i;
        break;
      }
    }
  }
  const label = new Int32Array(n);
  for (let it = 0; it < 10; it++) {
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let k = 0; k < K; k++) {
        let q = 0;
        for (let a = 0; a < d; a++) q += (x[i * d + a] - centers[k * d + a]) ** 2;
        if (q < best) {
          best = q;
          label[i] = k;
        }
      }
    }
    const cnt = new Float64Array(K);
    centers.fill(0);
    for (let i = 0; i < n; i++) {
      cnt[label[i]]++;
      for (let a = 0; a < d; a++) centers[label[i] * d + a] += x[i * d + a];
    }
    for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) centers[k * d + a] = cnt[k] > 0 ? centers[k * d + a] / cnt[k] : x[rng.int(n) * d + a];
  }
  const resp = new Float64Array(n * K);
  for (let i = 0; i < n; i++) resp[i * K + label[i]] = 1;
  return resp;
}

/**
 * Fits a Gaussian mixture with full covariances by EM (the reference's
 * `GaussianMixture(n_components=3, covariance_type='full')`), seeded by k-means++ from `rng`,
 * `restarts` times, keeping the highest log-likelihood. E-step: responsibilities
 * `r_ik ∝ w_k N(x_i; m_k, S_k)`; M-step: `w_k = N_k / n`, `m_k = sum_i r_ik x_i / N_k`,
 * `S_k = sum_i r_ik (x_i - m_k)(x_i - m_k)^T / N_k + regCovar I`. Components are sorted by the
 * variance of feature `sortByColumn`, ascending.
 */
export function fitGaussianMixture(X: ArrayLike<ArrayLike<number>> | Matrix, opts: GmmOptions = {}): GaussianMixtureFit {
  const { data, n, d } = flatten(X);
  const K = opts.components ?? 3;
  if (!Number.isInteger(K) || K < 1 || K > 20) throw new InvalidArgumentError(`components must be an integer from 1 to 20, got ${K}`);
  if (n < 2 * K * (d + 1)) throw new InvalidArgumentError(`gaussian mixture: ${n} rows are too few for ${K} components in ${d} dimensions`);
  const sortBy = opts.sortByColumn ?? 0;
  if (!(sortBy >= 0 && sortBy < d)) throw new InvalidArgumentError(`sortByColumn must be in [0, ${d}), got ${sortBy}`);
  const rng = opts.rng ?? new Rng(opts.seed ?? 0);
  const reg = opts.regCovar ?? 1e-6;
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? 1000;
  let best: { p: GaussianMixtureParams; ll: number; it: number; conv: boolean } | null = null;
  for (let r = 0; r < (opts.restarts ?? 5); r++) {
    let p = mStep(data, n, d, kmeansResp(data, n, d, K, rng), K, reg);
    let prev = -Infinity;
    let ll = -Infinity;
    let it = 0;
    let conv = false;
    for (; it < maxIter; it++) {
      const e = eStep(data, n, p);
      ll = e.ll;
      if (Math.abs(ll - prev) / n < tol) {
        conv = true;
        break;
      }
      prev = ll;
      p = mStep(data, n, d, e.resp, K, reg);
    }
    if (!conv) ll = eStep(data, n, p).ll;
    if (!best || ll > best.ll) best = { p, ll, it, conv };
  }
  const sorted = sortComponents(best!.p, sortBy);
  return new GaussianMixtureFit(data, n, sorted, best!.ll, best!.it, best!.conv);
}

function sortComponents(p: GaussianMixtureParams, col: number): GaussianMixtureParams {
  const d = p.dim;
  const K = p.weights.length;
  const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => p.covariances[a * d * d + col * d + col] - p.covariances[b * d * d + col * d + col]);
  const weights = Float64Array.from(order, (o) => p.weights[o]);
  const means = new Float64Array(K * d);
  const covariances = new Float64Array(K * d * d);
  order.forEach((o, k) => {
    means.set(p.means.subarray(o * d, (o + 1) * d), k * d);
    covariances.set(p.covariances.subarray(o * d * d, (o + 1) * d * d), k * d * d);
  });
  return { weights, means, covariances, dim: d };
}

/** A fitted Gaussian mixture: parameters (sorted), log-likelihood, posteriors and hard labels. */
export class GaussianMixtureFit {
  readonly nComponents: number;
  /** Free parameters: (K - 1) + K d + K d (d + 1) / 2. */
  readonly nParams: number;
  constructor(
    private readonly x: Float64Array,
    readonly nObs: number,
    readonly params: GaussianMixtureParams,
    readonly logLikelihood: number,
    readonly iterations: number,
    readonly converged: boolean,
  ) {
    const K = params.weights.length;
    const d = params.dim;
    this.nComponents = K;
    this.nParams = K - 1 + K * d + (K * d * (d + 1)) / 2;
  }
  get aic(): number {
    return 2 * this.nParams - 2 * this.logLikelihood;
  }
  get bic(): number {
    return this.nParams * Math.log(this.nObs) - 2 * this.logLikelihood;
  }
  /** Posterior component probabilities of new rows (n x K, row-major). */
  predictProba(X: ArrayLike<ArrayLike<number>> | Matrix): Float64Array {
    const { data, n, d } = flatten(X);
    if (d !== this.params.dim) throw new InvalidArgumentError(`predictProba: rows have ${d} features, the mixture ${this.params.dim}`);
    return eStep(data, n, this.params).resp;
  }
  /** Most probable component of each fitted row. */
  get labels(): Int32Array {
    const K = this.nComponents;
    const r = eStep(this.x, this.nObs, this.params).resp;
    const out = new Int32Array(this.nObs);
    for (let i = 0; i < this.nObs; i++) {
      let b = 0;
      for (let k = 1; k < K; k++) if (r[i * K + k] > r[i * K + b]) b = k;
      out[i] = b;
    }
    return out;
  }
  toPayload(): RegimePayload {
    const K = this.nComponents;
    const d = this.params.dim;
    const r = eStep(this.x, this.nObs, this.params).resp;
    return {
      kind: 'regime',
      version: 1,
      model: 'gaussian-mixture',
      n_states: K,
      n_obs: this.nObs,
      log_likelihood: this.logLikelihood,
      aic: this.aic,
      bic: this.bic,
      converged: this.converged,
      iterations: this.iterations,
      means: jsonArray(Float64Array.from({ length: K }, (_, k) => this.params.means[k * d])),
      variances: jsonArray(Float64Array.from({ length: K }, (_, k) => this.params.covariances[k * d * d])),
      start_prob: null,
      transition_matrix: null,
      stationary: null,
      expected_duration: null,
      weights: jsonArray(this.params.weights),
      states: Array.from(this.labels),
      last_probabilities: jsonArray(r.subarray((this.nObs - 1) * K, this.nObs * K)),
    };
  }
  toString(): string {
    const d = this.params.dim;
    const lines = [`Gaussian mixture, ${this.nComponents} components in ${d} dimension(s), ${this.nObs} rows: log-likelihood ${this.logLikelihood.toFixed(4)}, BIC ${this.bic.toFixed(2)}`];
    for (let k = 0; k < this.nComponents; k++) {
      lines.push(`  component ${k}: weight ${this.params.weights[k].toFixed(4)}, mean [${Array.from(this.params.means.subarray(k * d, (k + 1) * d), (v) => v.toPrecision(4)).join(', ')}]`);
    }
    return lines.join('\n');
  }
}
