/**
 * An ARCH-type model on one series: mean model + volatility process + distribution, with the
 * joint log-likelihood, its exact gradient and the per-observation scores.
 *
 * As in arch, the backcast and the variance bounds are computed once, from the residuals at
 * the least-squares mean, and held fixed while the likelihood is maximised. Parameters are
 * laid out [mean..., volatility..., distribution...].
 */
import { scratch } from './scratch';
import { Garch } from './process/garch';
import { Normal } from './dist/normal';
import { StudentsT } from './dist/studentt';
import { Egarch } from './process/egarch';
import { SkewStudent } from './dist/skewt';
import { ConstantMean, ZeroMean } from './mean/models';
import { garch11FusedLoglik } from './fused/garch11';
import { egarch11FusedLoglik } from './fused/egarch11';
import type { FusedDist } from './fused/egarch11';
import { makeRecursionIO } from './types';
import type { BackcastMode, Distribution, MeanModel, RecursionIO, VolatilityProcess } from './types';

export interface ModelOptions {
  /** `arch` (default: EWMA-weighted first 75 observations), `sample` (mean square), or a value of sigma2_0. */
  backcast?: BackcastMode | number;
  /** A backcast already in the recursion's units (used to extend a fitted filter past its sample). */
  rawBackcast?: number;
  /** Use the one-pass fused kernels where they apply (default true; false: the general path only, the reference in tests). */
  fused?: boolean;
}

export class ArchModel {
  /** The fitted part of the series (after the mean model's hold-back). */
  readonly yFit: Float64Array;
  readonly X: Float64Array;
  readonly n: number;
  readonly kMean: number;
  readonly kVol: number;
  readonly kDist: number;
  /** Total number of parameters. */
  readonly K: number;
  readonly backcast: number;
  readonly backcastMode: BackcastMode | 'user';
  readonly varBounds: Float64Array;
  /** Residuals at the least-squares mean (used for backcast, bounds and starting values). */
  readonly olsResids: Float64Array;
  private readonly olsMean: Float64Array;
  private readonly io: RecursionIO;
  private readonly dE: Float64Array;
  private readonly dS: Float64Array;
  private readonly dTh: Float64Array;
  private readonly scoreRow: Float64Array;
  /** Set when the one-pass GARCH(1,1)/GJR(1,1,1) normal/t kernel applies. */
  private readonly fused: { hasMean: boolean; o: number; studentT: boolean } | null;
  /** Set when the one-pass EGARCH(1,1[,1]) normal/t/skew-t kernel applies. */
  private readonly fusedE: { hasMean: boolean; o: number; dist: FusedDist } | null;
  private readonly gradBuf: Float64Array;

  constructor(
    readonly y: Float64Array,
    readonly mean: MeanModel,
    readonly vol: VolatilityProcess,
    readonly dist: Distribution,
    opts: ModelOptions = {},
  ) {
    this.yFit = y.subarray(mean.holdBack);
    this.n = this.yFit.length;
    this.X = mean.regressors(y);
    this.kMean = mean.numParams;
    this.kVol = vol.numParams;
    this.kDist = dist.numParams;
    this.K = this.kMean + this.kVol + this.kDist;
    this.olsMean = mean.startingValues(this.yFit, this.X);
    this.olsResids = new Float64Array(this.n);
    this.residsInto(this.olsMean, this.olsResids);
    const mode = opts.backcast ?? 'arch';
    if (opts.rawBackcast !== undefined) {
      this.backcastMode = 'user';
      this.backcast = opts.rawBackcast;
    } else if (typeof mode === 'number') {
      if (!(mode > 0)) throw new RangeError('backcast value must be strictly positive');
      this.backcastMode = 'user';
      this.backcast = vol.power === 2 ? (vol.name === 'EGARCH' ? Math.log(mode) : mode) : Math.pow(Math.sqrt(mode), vol.power);
    } else {
      this.backcastMode = mode;
      this.backcast = vol.backcast(this.olsResids, mode);
    }
    this.varBounds = vol.varianceBounds(this.olsResids);
    const n = this.n;
    this.io = makeRecursionIO({
      params: new Float64Array(this.kVol),
      resids: scratch('resids', n),
      X: this.X,
      kMean: this.kMean,
      constantMean: mean.name === 'Constant Mean',
      K: this.K,
      offset: this.kMean,
      backcast: this.backcast,
      varBounds: this.varBounds,
      sigma2: scratch('sigma2', n),
      dSigma2: scratch('dSigma2', n * this.K),
    });
    this.dE = scratch('dE', n);
    this.dS = scratch('dS', n);
    this.dTh = scratch('dTh', n * this.kDist);
    this.scoreRow = new Float64Array(this.K);
    const allowFused = opts.fused ?? true;
    this.fused =
      allowFused &&
      vol instanceof Garch && vol.p === 1 && vol.q === 1 && vol.o <= 1 && vol.power === 2 && (mean.name === 'Constant Mean' || mean.name === 'Zero Mean') && (dist instanceof Normal || dist instanceof StudentsT)
        ? { hasMean: mean.name === 'Constant Mean', o: vol.o, studentT: dist instanceof StudentsT }
        : null;
    const simpleMean = mean.name === 'Constant Mean' || mean.name === 'Zero Mean';
    const fusedDist: FusedDist | -1 = dist instanceof Normal ? 0 : dist instanceof StudentsT ? 1 : dist instanceof SkewStudent ? 2 : -1;
    this.fusedE =
      allowFused &&
      vol instanceof Egarch && vol.p === 1 && vol.q === 1 && vol.o <= 1 && simpleMean && fusedDist >= 0
        ? { hasMean: mean.name === 'Constant Mean', o: vol.o, dist: fusedDist as FusedDist }
        : null;
    this.gradBuf = new Float64Array(this.K);
  }

  parameterNames(): string[] {
    return [...this.mean.parameterNames(), ...this.vol.parameterNames(), ...this.dist.parameterNames()];
  }

  /** e_t = y_t - x_t'b for the mean slice b. */
  residsInto(meanParams: Float64Array, out: Float64Array): Float64Array {
    const { kMean, X, yFit, n } = this;
    if (kMean === 0) {
      out.set(yFit);
    } else if (this.mean.name === 'Constant Mean') {
      const mu = meanParams[0];
      for (let t = 0; t < n; t++) out[t] = yFit[t] - mu;
    } else {
      for (let t = 0; t < n; t++) {
        let v = yFit[t];
        for (let j = 0; j < kMean; j++) v -= X[t * kMean + j] * meanParams[j];
        out[t] = v;
      }
    }
    return out;
  }

  /** Log-likelihood at theta. */
  loglik(theta: Float64Array): number {
    return this.evaluate(theta, null, null);
  }

  /**
   * Log-likelihood at theta by the quickest route: the fused EGARCH kernel where it applies (one
   * exponential per observation instead of the general path's exp + sqrt + division; agrees with
   * `loglik` to ~1e-13 relative), else `loglik`. Used for the optimiser's final value.
   */
  loglikFast(theta: Float64Array): number {
    return this.fusedE !== null ? this.evaluate(theta, this.gradBuf, null) : this.loglik(theta);
  }

  /** Conditional variances at theta (a new array). */
  conditionalVariance(theta: Float64Array): Float64Array {
    this.evaluate(theta, null, null);
    return Float64Array.from(this.io.sigma2);
  }

  /** Residuals at theta (a new array). */
  resids(theta: Float64Array): Float64Array {
    return this.residsInto(theta.subarray(0, this.kMean), new Float64Array(this.n));
  }

  /**
   * Log-likelihood; with `grad` (length K) also its gradient, with `scores` (n x K) also the
   * per-observation gradients dl_t/dtheta.
   */
  evaluate(theta: Float64Array, grad: Float64Array | null, scores: Float64Array | null, opg: Float64Array | null = null): number {
    const K = this.K;
    if ((this.fused !== null || this.fusedE !== null) && (grad !== null || opg !== null || scores !== null)) {
      // one-pass kernels; per-observation scores (for the outer product or the robust covariance)
      // are written row by row, and the outer product is formed from them afterwards
      const rows = scores ?? (opg !== null ? scratch('opg-scores', this.n * K) : null);
      const g = grad ?? this.gradBuf;
      const f = this.fused;
      const e = this.fusedE;
      const ll =
        f !== null
          ? garch11FusedLoglik(theta, this.yFit, f.hasMean, f.o, f.studentT, this.backcast, this.varBounds, g, rows)
          : e !== null
            ? egarch11FusedLoglik(theta, this.yFit, e.hasMean, e.o, e.dist, this.backcast, this.varBounds, g, rows)
            : NaN;
      if (ll === ll) {
        if (opg !== null && rows !== null) outerProductSum(rows, this.n, K, opg);
        return Number.isFinite(ll) ? ll : -Infinity;
      }
      // NaN: a variance bound binds or a block product left the safe range; the general path handles it
    }
    const { io, kMean, kVol, kDist, n, X } = this;
    const wantGrad = grad !== null || scores !== null || opg !== null;
    this.residsInto(theta.subarray(0, kMean), io.resids);
    io.params = theta.subarray(kMean, kMean + kVol);
    const D = io.dSigma2 as Float64Array;
    io.dSigma2 = wantGrad ? D : null;
    this.vol.recursion(io);
    io.dSigma2 = D;
    const s2 = io.sigma2;
    const distParams = theta.subarray(kMean + kVol);
    const ll = this.dist.loglik(distParams, io.resids, s2, n, wantGrad ? this.dE : null, wantGrad ? this.dS : null, wantGrad ? this.dTh : null);
    // a non-positive or infinite variance makes the sum non-finite (log of a non-positive number)
    if (!Number.isFinite(ll)) return -Infinity;
    if (!wantGrad) return ll;
    const { dE, dS, dTh } = this;
    if (grad) grad.fill(0);
    const kv = kMean + kVol;
    if (opg) {
      // sum over t of s_t s_t' without storing the scores
      opg.fill(0);
      const s = this.scoreRow;
      for (let t = 0; t < n; t++) {
        const row = t * K;
        for (let k = 0; k < kv; k++) s[k] = dS[t] * D[row + k];
        for (let m = 0; m < kMean; m++) s[m] -= dE[t] * X[t * kMean + m];
        for (let d = 0; d < kDist; d++) s[kv + d] = dTh[t * kDist + d];
        for (let i = 0; i < K; i++) {
          const si = s[i];
          if (grad) grad[i] += si;
          for (let j = 0; j <= i; j++) opg[i * K + j] += si * s[j];
        }
      }
      for (let i = 0; i < K; i++) for (let j = 0; j < i; j++) opg[j * K + i] = opg[i * K + j];
      return ll;
    }
    if (scores) {
      for (let t = 0; t < n; t++) {
        const row = t * K;
        const ds = dS[t];
        for (let k = 0; k < kv; k++) scores[row + k] = ds * D[row + k];
        for (let m = 0; m < kMean; m++) scores[row + m] -= dE[t] * X[t * kMean + m];
        for (let d = 0; d < kDist; d++) scores[row + kv + d] = dTh[t * kDist + d];
      }
    }
    if (grad) {
      // column sums sum_t dS_t D[t, k]: four columns per pass with independent scalar
      // accumulators (a single strided accumulator per column is latency-bound)
      const cm = kMean === 1 && this.mean.name === 'Constant Mean';
      let meanAcc = 0;
      let k0 = 0;
      for (; k0 + 4 <= kv; k0 += 4) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let m = 0;
        for (let t = 0, row = k0; t < n; t++, row += K) {
          const ds = dS[t];
          a0 += ds * D[row];
          a1 += ds * D[row + 1];
          a2 += ds * D[row + 2];
          a3 += ds * D[row + 3];
          m += dE[t];
        }
        grad[k0] = a0;
        grad[k0 + 1] = a1;
        grad[k0 + 2] = a2;
        grad[k0 + 3] = a3;
        if (k0 === 0) meanAcc = m;
      }
      for (; k0 < kv; k0++) {
        let acc = 0;
        for (let t = 0, row = k0; t < n; t++, row += K) acc += dS[t] * D[row];
        grad[k0] = acc;
      }
      if (cm && kv >= 4) {
        grad[0] -= meanAcc;
      } else {
        for (let m = 0; m < kMean; m++) {
          let acc = 0;
          for (let t = 0; t < n; t++) acc += dE[t] * X[t * kMean + m];
          grad[m] -= acc;
        }
      }
      if (kDist === 1) {
        let acc = 0;
        for (let t = 0; t < n; t++) acc += dTh[t];
        grad[kv] = acc;
      } else if (kDist === 2) {
        let a0 = 0;
        let a1 = 0;
        for (let t = 0, i = 0; t < n; t++, i += 2) {
          a0 += dTh[i];
          a1 += dTh[i + 1];
        }
        grad[kv] = a0;
        grad[kv + 1] = a1;
      } else {
        for (let d = 0; d < kDist; d++) {
          let acc = 0;
          for (let t = 0, i = d; t < n; t++, i += kDist) acc += dTh[i];
          grad[kv + d] = acc;
        }
      }
    }
    return ll;
  }

  /** Bounds of the joint vector (mean parameters are unbounded). */
  bounds(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.kMean; i++) out.push([-Infinity, Infinity]);
    out.push(...this.vol.bounds(this.olsResids));
    out.push(...this.dist.bounds());
    return out;
  }

  /** Linear constraints of the joint vector as rows a (length K) with a'theta - b >= 0. */
  constraints(): Array<{ a: Float64Array; b: number }> {
    const rows: Array<{ a: Float64Array; b: number }> = [];
    const add = (A: number[][], b: number[], offset: number): void => {
      for (let r = 0; r < A.length; r++) {
        const a = new Float64Array(this.K);
        for (let j = 0; j < A[r].length; j++) a[offset + j] = A[r][j];
        rows.push({ a, b: b[r] });
      }
    };
    const vc = this.vol.constraints();
    add(vc.A, vc.b, this.kMean);
    const dc = this.dist.constraints();
    add(dc.A, dc.b, this.kMean + this.kVol);
    return rows;
  }

  /** arch's starting values: OLS mean, grid-searched volatility, moment-based distribution shape. */
  startingValues(): Float64Array {
    const sv = this.vol.startingValues(this.olsResids, this.backcast, this.varBounds);
    const s2 = scratch('sv-sigma2', this.n);
    const io = makeRecursionIO({ params: sv, resids: this.olsResids, backcast: this.backcast, varBounds: this.varBounds, sigma2: s2 });
    this.vol.recursion(io);
    // the loop lives in a helper: a loop here would be compiled on-stack together with the
    // polymorphic calls around it, and V8 then deoptimises that code on every fit of another model
    const std = standardise(this.olsResids, s2, scratch('sv-std', this.n));
    const ds = this.dist.startingValues(std);
    const out = new Float64Array(this.K);
    out.set(this.olsMean, 0);
    out.set(sv, this.kMean);
    out.set(ds, this.kMean + this.kVol);
    return out;
  }
}

/** opg = sum_t s_t s_t' for the n x K row-major scores (column pairs, four accumulators per pair). */
export function outerProductSum(S: Float64Array, n: number, K: number, opg: Float64Array): void {
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let t = 0;
      for (; t + 4 <= n; t += 4) {
        const r = t * K;
        a0 += S[r + i] * S[r + j];
        a1 += S[r + K + i] * S[r + K + j];
        a2 += S[r + 2 * K + i] * S[r + 2 * K + j];
        a3 += S[r + 3 * K + i] * S[r + 3 * K + j];
      }
      for (; t < n; t++) a0 += S[t * K + i] * S[t * K + j];
      const v = a0 + a1 + (a2 + a3);
      opg[i * K + j] = v;
      opg[j * K + i] = v;
    }
  }
}

/** out_t = e_t / sqrt(s2_t). */
function standardise(e: Float64Array, s2: Float64Array, out: Float64Array): Float64Array {
  for (let t = 0; t < e.length; t++) out[t] = e[t] / Math.sqrt(s2[t]);
  return out;
}

/**
 * Run the general (array) path of `evaluate` once per kind of request at module load, on short
 * synthetic series: V8 compiles its long loops on-stack during the first real call, and code after
 * a loop that has not run yet would deoptimise that compiled code on every later call.
 */
function warmUpGeneralPath(): void {
  const n = 150;
  const y = Float64Array.from({ length: n }, (_, t) => Math.sin(1.7 * t) * (1 + 0.5 * Math.cos(0.3 * t)));
  const cases: ArchModel[] = [
    new ArchModel(y, new ConstantMean(), new Garch(1, 1, 1, 1), new SkewStudent()),
    new ArchModel(y, new ZeroMean(), new Garch(1, 0, 1, 1), new StudentsT()),
    new ArchModel(y, new ConstantMean(), new Garch(1, 0, 1, 1), new Normal()),
  ];
  for (const m of cases) {
    const th = m.startingValues();
    m.evaluate(th, new Float64Array(m.K), null);
    m.evaluate(th, null, new Float64Array(m.n * m.K));
    m.evaluate(th, null, null, new Float64Array(m.K * m.K));
    m.loglik(th);
  }
}
warmUpGeneralPath();
