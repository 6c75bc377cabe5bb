/**
 * DCC-GARCH(1,1) (Engle 2002), estimated in two steps: univariate GARCH marginals, then the
 * correlation dynamics of the standardised residuals z_t:
 *
 *   Q_t = (1 - a - b) Qbar + a z_{t-1} z_{t-1}' + b Q_{t-1},   Q_0 = Qbar = (1/T) sum z_t z_t'
 *   R_t = diag(Q_t)^{-1/2} Q_t diag(Q_t)^{-1/2}
 *   L_c(a, b) = -1/2 sum_t [ ln|R_t| + z_t' R_t^{-1} z_t - z_t' z_t ]
 *
 * with a, b >= 0 and a + b < 1. The asymmetric DCC (Cappiello, Engle & Sheppard 2006) adds
 * g (n_{t-1} n_{t-1}' - Nbar), n_t = min(z_t, 0), under a + b + delta g < 1 where delta is the
 * largest eigenvalue of Qbar^{-1} Nbar. Covariance forecasts H_{T+h} = D R D with the marginal
 * variance forecasts and E[Q_{T+h}] = (1 - a - b) Qbar + (a + b) Q_{T+h-1} (Engle & Sheppard).
 */
import { InvalidArgumentError } from '../../errors';
import { cholesky } from '../../math/optim/dense';
import { minimizeActiveSet } from '../../math/optim/activeSet';
import { fitGarch } from '../fit';
import type { GarchResult } from '../result';
import type { GarchSpec } from '../spec';

export interface DccOptions {
  /** Marginal model for every series (default GARCH(1,1)-normal, constant mean). */
  spec?: GarchSpec;
  asymmetric?: boolean;
  names?: string[];
  /** Starting values [a, b] (or [a, b, g]); default [0.02, 0.95] / [0.02, 0.95, 0.01]. */
  start?: number[];
}

/** Unconditional Qbar (and Nbar) of standardised residuals z (N series of length T). */
export function dccTargets(z: Float64Array[]): { Qbar: Float64Array; Nbar: Float64Array } {
  const N = z.length;
  const T = z[0].length;
  const Qbar = new Float64Array(N * N);
  const Nbar = new Float64Array(N * N);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      const zi = z[i][t];
      const ni = zi < 0 ? zi : 0;
      for (let j = 0; j < N; j++) {
        const zj = z[j][t];
        Qbar[i * N + j] += zi * zj;
        Nbar[i * N + j] += ni * (zj < 0 ? zj : 0);
      }
    }
  }
  for (let k = 0; k < N * N; k++) {
    Qbar[k] /= T;
    Nbar[k] /= T;
  }
  return { Qbar, Nbar };
}

/**
 * The correlation log-likelihood L_c at (a, b[, g]); when `path` is given, also stores Q_{T}
 * (the last in-sample Q, one step past the data) in path.Qnext, and, when path.R is a
 * Float64Array of length T * N * N, the conditional correlations R_t (row-major N x N at t * N * N).
 */
export function dccCorrelationLoglik(z: Float64Array[], a: number, b: number, g = 0, path?: { Qnext?: Float64Array; R?: Float64Array }): number {
  const N = z.length;
  const T = z[0].length;
  const { Qbar, Nbar } = dccTargets(z);
  const Q = Float64Array.from(Qbar);
  const R = new Float64Array(N * N);
  const zt = new Float64Array(N);
  const y = new Float64Array(N);
  const c = 1 - a - b;
  let ll = 0;
  for (let t = 0; t < T; t++) {
    if (t > 0) {
      for (let i = 0; i < N; i++) {
        const zi = z[i][t - 1];
        const ni = zi < 0 ? zi : 0;
        for (let j = 0; j < N; j++) {
          const zj = z[j][t - 1];
          const k = i * N + j;
          Q[k] = c * Qbar[k] + a * zi * zj + b * Q[k] + (g !== 0 ? g * (ni * (zj < 0 ? zj : 0) - Nbar[k]) : 0);
        }
      }
    }
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) R[i * N + j] = Q[i * N + j] / Math.sqrt(Q[i * N + i] * Q[j * N + j]);
    }
    if (path?.R) path.R.set(R, t * N * N);
    const L = cholesky(R, N);
    if (!L) return -Infinity;
    let logdet = 0;
    let zz = 0;
    for (let i = 0; i < N; i++) {
      zt[i] = z[i][t];
      zz += zt[i] * zt[i];
      logdet += 2 * Math.log(L[i * N + i]);
    }
    // z' R^-1 z = |L^-1 z|^2
    let quad = 0;
    for (let i = 0; i < N; i++) {
      let s = zt[i];
      for (let k = 0; k < i; k++) s -= L[i * N + k] * y[k];
      y[i] = s / L[i * N + i];
      quad += y[i] * y[i];
    }
    ll += -0.5 * (logdet + quad - zz);
  }
  if (path) {
    const Qn = new Float64Array(N * N);
    for (let i = 0; i < N; i++) {
      const zi = z[i][T - 1];
      const ni = zi < 0 ? zi : 0;
      for (let j = 0; j < N; j++) {
        const zj = z[j][T - 1];
        const k = i * N + j;
        Qn[k] = c * Qbar[k] + a * zi * zj + b * Q[k] + (g !== 0 ? g * (ni * (zj < 0 ? zj : 0) - Nbar[k]) : 0);
      }
    }
    path.Qnext = Qn;
  }
  return ll;
}

/** Largest eigenvalue of Qbar^{-1} Nbar (power iteration), the asymmetric DCC's constraint weight. */
function asymmetryWeight(Qbar: Float64Array, Nbar: Float64Array, N: number): number {
  const L = cholesky(Qbar, N);
  if (!L) return 1;
  let v = new Float64Array(N).fill(1 / Math.sqrt(N));
  let lambda = 0;
  for (let it = 0; it < 200; it++) {
    // w = Qbar^{-1} Nbar v via two triangular solves
    const u = new Float64Array(N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) u[i] += Nbar[i * N + j] * v[j];
    const yv = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let s = u[i];
      for (let k = 0; k < i; k++) s -= L[i * N + k] * yv[k];
      yv[i] = s / L[i * N + i];
    }
    const w = new Float64Array(N);
    for (let i = N - 1; i >= 0; i--) {
      let s = yv[i];
      for (let k = i + 1; k < N; k++) s -= L[k * N + i] * w[k];
      w[i] = s / L[i * N + i];
    }
    let norm = 0;
    for (let i = 0; i < N; i++) norm += w[i] * w[i];
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return 0;
    const next = w.map((x) => x / norm);
    const change = Math.abs(norm - lambda);
    lambda = norm;
    v = next;
    if (change < 1e-12 * lambda) break;
  }
  return lambda;
}

export interface DccEstimate {
  a: number;
  b: number;
  g: number;
  loglik: number;
  converged: boolean;
  reason: string;
}

/** Second step: maximise L_c over (a, b[, g]) given standardised residuals. */
export function fitDccCorrelation(z: Float64Array[], opts: { asymmetric?: boolean; start?: number[] } = {}): DccEstimate {
  const N = z.length;
  if (N < 2) throw new InvalidArgumentError('DCC needs at least two series');
  const T = z[0].length;
  for (const s of z) if (s.length !== T) throw new InvalidArgumentError('DCC series must have the same length');
  const asym = opts.asymmetric === true;
  const K = asym ? 3 : 2;
  const { Qbar, Nbar } = dccTargets(z);
  const delta = asym ? asymmetryWeight(Qbar, Nbar, N) : 0;
  const f = (x: Float64Array, grad: Float64Array): number => {
    const val = -dccCorrelationLoglik(z, x[0], x[1], asym ? x[2] : 0) / T;
    if (!Number.isFinite(val)) return Infinity;
    for (let k = 0; k < K; k++) {
      const h = 1e-6;
      const xp = Float64Array.from(x);
      xp[k] += h;
      const xm = Float64Array.from(x);
      xm[k] -= h;
      grad[k] = (-dccCorrelationLoglik(z, xp[0], xp[1], asym ? xp[2] : 0) / T + dccCorrelationLoglik(z, xm[0], xm[1], asym ? xm[2] : 0) / T) / (2 * h);
    }
    return val;
  };
  const row = new Float64Array(K).fill(-1);
  if (asym) row[2] = -delta;
  const x0 = Float64Array.from(opts.start ?? (asym ? [0.02, 0.95, 0.01] : [0.02, 0.95]));
  const res = minimizeActiveSet(
    {
      n: K,
      f,
      lower: new Float64Array(K).fill(0),
      upper: new Float64Array(K).fill(1),
      constraints: [{ a: row, b: -0.99999 }],
    },
    x0,
    { decrementTol: 1e-14 },
  );
  return { a: res.x[0], b: res.x[1], g: asym ? res.x[2] : 0, loglik: -res.fun * T, converged: res.converged, reason: res.reason };
}

export interface DccForecast {
  horizon: number;
  /** h = horizon covariance matrix (N x N nested arrays). */
  covariance: number[][];
  correlation: number[][];
}

export class DccResult {
  constructor(
    readonly names: string[],
    readonly marginals: GarchResult[],
    readonly z: Float64Array[],
    readonly a: number,
    readonly b: number,
    readonly g: number,
    /** Marginal log-likelihoods plus the correlation term. */
    readonly loglik: number,
    readonly correlationLoglik: number,
    readonly converged: boolean,
    readonly reason: string,
  ) {}

  get nobs(): number {
    return this.z[0].length;
  }

  /**
   * In-sample conditional correlation rho_ij,t = R_t[i, j] for t = 0..T-1 (aligned with the last
   * T observations of the marginals' fitted samples), from the fitted (a, b[, g]) recursion.
   */
  correlationPath(i = 0, j = 1): Float64Array {
    const N = this.z.length;
    for (const [name, k] of [['i', i], ['j', j]] as const) {
      if (!(Number.isInteger(k) && k >= 0 && k < N)) throw new InvalidArgumentError(`${name} must be a series index in [0, ${N}), got ${k}`);
    }
    const T = this.nobs;
    const R = new Float64Array(T * N * N);
    dccCorrelationLoglik(this.z, this.a, this.b, this.g, { R });
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) out[t] = R[t * N * N + i * N + j];
    return out;
  }

  /** Covariance and correlation forecast for period T + horizon. */
  forecast(horizon = 1): DccForecast {
    if (!(Number.isInteger(horizon) && horizon >= 1)) throw new InvalidArgumentError(`horizon must be an integer >= 1, got ${horizon}`);
    const N = this.z.length;
    const path: { Qnext?: Float64Array } = {};
    dccCorrelationLoglik(this.z, this.a, this.b, this.g, path);
    const { Qbar } = dccTargets(this.z);
    let Q = path.Qnext as Float64Array;
    for (let h = 2; h <= horizon; h++) {
      const next = new Float64Array(N * N);
      for (let k = 0; k < N * N; k++) next[k] = (1 - this.a - this.b) * Qbar[k] + (this.a + this.b) * Q[k];
      Q = next;
    }
    const variances = this.marginals.map((m) => {
      try {
        return m.forecast(horizon).variance[horizon - 1];
      } catch {
        return m.forecast(horizon, { method: 'simulation', simulations: 2000, rng: 0 }).variance[horizon - 1];
      }
    });
    const corr: number[][] = [];
    const cov: number[][] = [];
    for (let i = 0; i < N; i++) {
      corr.push([]);
      cov.push([]);
      for (let j = 0; j < N; j++) {
        const r = Q[i * N + j] / Math.sqrt(Q[i * N + i] * Q[j * N + j]);
        corr[i].push(r);
        cov[i].push(r * Math.sqrt(variances[i] * variances[j]));
      }
    }
    return { horizon, covariance: cov, correlation: corr };
  }

  toString(): string {
    const lines = [
      `DCC${this.g !== 0 ? ' (asymmetric)' : ''}(1,1) on ${this.names.join(', ')}: nobs ${this.nobs}`,
      `a ${this.a.toPrecision(5)}  b ${this.b.toPrecision(5)}${this.g !== 0 ? `  g ${this.g.toPrecision(5)}` : ''}  loglik ${this.loglik.toFixed(4)}  converged: ${this.converged} (${this.reason})`,
    ];
    const f = this.forecast(1);
    lines.push('one-step covariance forecast:');
    for (let i = 0; i < f.covariance.length; i++) lines.push(`  ${this.names[i].padEnd(10)} ${f.covariance[i].map((v) => v.toPrecision(5).padStart(11)).join(' ')}`);
    return lines.join('\n');
  }
}

/** Two-step DCC fit on N aligned return series. */
export function fitDcc(series: Array<ArrayLike<number>>, opts: DccOptions = {}): DccResult {
  if (series.length < 2) throw new InvalidArgumentError('DCC needs at least two series');
  const T = series[0].length;
  for (const s of series) if (s.length !== T) throw new InvalidArgumentError('DCC series must have the same length (align them first)');
  const names = opts.names ?? series.map((_, i) => `y${i + 1}`);
  const marginals = series.map((s) => fitGarch(s, opts.spec ?? {}));
  const Tm = Math.min(...marginals.map((m) => m.nobs));
  const z = marginals.map((m) => {
    const sr = m.stdResid;
    return sr.subarray(sr.length - Tm);
  });
  const est = fitDccCorrelation(z, { asymmetric: opts.asymmetric, start: opts.start });
  const ll = marginals.reduce((s, m) => s + m.loglik, 0) + est.loglik;
  const converged = est.converged && marginals.every((m) => m.converged);
  return new DccResult(names, marginals, z, est.a, est.b, est.g, ll, est.loglik, converged, converged ? est.reason : `${est.reason}${marginals.some((m) => !m.converged) ? '; a marginal fit did not converge' : ''}`);
}
