/**
 * GARCH(p, o, q) in power `k` (arch's `GARCH`): with f_t = sigma_t^k,
 *
 *   f_t = omega + sum_{j<p} alpha_j |e_{t-1-j}|^k + sum_{j<o} gamma_j |e_{t-1-j}|^k 1[e_{t-1-j} < 0]
 *               + sum_{j<q} beta_j f_{t-1-j}
 *
 * k = 2: GARCH (o = 0) and GJR-GARCH (o > 0); k = 1: TARCH/ZARCH (AVGARCH when o = 0).
 * Pre-sample |e|^k and f are the backcast, the asymmetric term gets half of it (as in arch).
 * Bounds: omega in [1e-8 v, 10 v] with v = mean |e|^k, alpha, beta in [0, 1], gamma in [-1, 2];
 * constraints alpha_j + gamma_j >= 0 and sum alpha + sum gamma / 2 + sum beta < 1.
 */
import { scratch } from '../scratch';
import { makeRecursionIO } from '../types';
import type { BackcastMode, Constraints, RecursionIO, VolatilityProcess, VolatilitySimulator } from '../types';
import { backcastValue, gaussianGridLanes, gaussianLoglik, meanAbsPow, varianceBounds, warmUpGaussianGrid } from './common';

export class Garch implements VolatilityProcess {
  readonly name: string;
  readonly numParams: number;

  constructor(readonly p = 1, readonly o = 0, readonly q = 1, readonly power = 2) {
    if (!(p >= 0 && o >= 0 && q >= 0) || !Number.isInteger(p + o + q)) throw new RangeError('GARCH lag orders must be non-negative integers');
    if (p === 0 && o === 0) throw new RangeError('GARCH needs p > 0 or o > 0');
    if (!(power > 0)) throw new RangeError('GARCH power must be positive');
    this.numParams = 1 + p + o + q;
    this.name = power === 2 ? (o === 0 ? (q === 0 ? 'ARCH' : 'GARCH') : 'GJR-GARCH') : power === 1 ? (o === 0 ? 'AVGARCH' : 'TARCH/ZARCH') : 'Power GARCH';
  }

  parameterNames(): string[] {
    return commonNames(this.p, this.o, this.q);
  }

  bounds(resids: Float64Array): Array<[number, number]> {
    const v = meanAbsPow(resids, this.power);
    const out: Array<[number, number]> = [[1e-8 * v, 10 * v]];
    for (let i = 0; i < this.p; i++) out.push([0, 1]);
    for (let i = 0; i < this.o; i++) out.push(i < this.p ? [-1, 2] : [0, 2]);
    for (let i = 0; i < this.q; i++) out.push([0, 1]);
    return out;
  }

  constraints(): Constraints {
    const { p, o, q } = this;
    const k = p + o + q;
    const A: number[][] = [];
    const b: number[] = [];
    for (let i = 0; i < k + 1; i++) {
      const row = new Array<number>(k + 1).fill(0);
      row[i] = 1;
      if (i >= p + 1 && i < p + o + 1 && i - p - 1 < p) row[i - p] = 1; // alpha_j + gamma_j >= 0
      A.push(row);
      b.push(0);
    }
    const last = new Array<number>(k + 1).fill(-1);
    last[0] = 0;
    for (let i = p + 1; i < p + o + 1; i++) last[i] = -0.5;
    A.push(last);
    b.push(-1);
    return { A, b };
  }

  backcast(resids: Float64Array, mode: BackcastMode): number {
    return backcastValue(resids, this.power, mode);
  }

  varianceBounds(resids: Float64Array): Float64Array {
    return varianceBounds(resids, this.power);
  }

  startingValues(resids: Float64Array, backcast: number, varBounds: Float64Array): Float64Array {
    const { p, o, q, power } = this;
    const alphas = [0.01, 0.05, 0.1, 0.2];
    const abgs = [0.5, 0.7, 0.9, 0.98];
    let target = meanAbsPow(resids, power);
    const scale = meanAbsPow(resids, 2) / Math.pow(target, 2 / power);
    target *= Math.pow(scale, power / 2);
    const n = resids.length;
    const sigma2 = scratch('grid-sigma2', n);
    const io = plainIO(new Float64Array(0), resids, sigma2, backcast, varBounds);
    const candidates: Float64Array[] = [];
    // arch loops over gamma even when o = 0; those candidates repeat, so evaluate each once
    const gammas = o > 0 ? alphas : [alphas[0]];
    for (const alpha of alphas) {
      for (const gamma of gammas) {
        for (const abg of abgs) {
          let agb = abg;
          const sv = new Float64Array(1 + p + o + q).fill((1 - agb) * target);
          if (p > 0) {
            for (let i = 0; i < p; i++) sv[1 + i] = alpha / p;
            agb -= alpha;
          }
          if (o > 0) {
            for (let i = 0; i < o; i++) sv[1 + p + i] = gamma / o;
            agb -= gamma / 2;
          }
          if (q > 0) for (let i = 0; i < q; i++) sv[1 + p + o + i] = agb / q;
          candidates.push(sv);
        }
      }
    }
    const lls = new Float64Array(candidates.length).fill(NaN);
    if (p === 1 && q === 1 && o <= 1 && power === 2) gaussianGridLanes(garch11GaussianQuad, candidates, o, resids, backcast, varBounds, lls);
    for (let i = 0; i < candidates.length; i++) {
      if (!Number.isNaN(lls[i])) continue;
      io.params = candidates[i];
      this.recursion(io);
      lls[i] = gaussianLoglik(resids, sigma2);
    }
    let bestAt = 0;
    for (let i = 1; i < candidates.length; i++) if (lls[i] > lls[bestAt]) bestAt = i;
    const best = candidates[bestAt];
    return best as Float64Array;
  }

  recursion(io: RecursionIO): void {
    if (this.p === 1 && this.q === 1 && this.o <= 1 && this.power === 2 && (io.kMean === 0 || io.constantMean)) {
      garch11Fast(io, this.o);
      return;
    }
    const { p, o, q, power } = this;
    const { params, resids, n, X, kMean, K, offset, backcast, varBounds, sigma2, dSigma2 } = io;
    const f = sigma2; // holds f_t = sigma_t^power until the final transform
    const D = dSigma2;
    const omega = params[0];
    const half = 0.5 * backcast;
    const sq = power === 2;
    for (let t = 0; t < n; t++) {
      let ft = omega;
      const row = t * K;
      if (D) {
        for (let k = 0; k < K; k++) D[row + k] = 0;
        D[row + offset] = 1;
      }
      for (let j = 0; j < p; j++) {
        const s = t - 1 - j;
        const a = params[1 + j];
        if (s < 0) {
          ft += a * backcast;
          if (D) D[row + offset + 1 + j] += backcast;
        } else {
          const e = resids[s];
          const fe = sq ? e * e : Math.pow(Math.abs(e), power);
          ft += a * fe;
          if (D) {
            D[row + offset + 1 + j] += fe;
            if (kMean > 0) {
              const dfe = sq ? 2 * e : power * Math.pow(Math.abs(e), power - 1) * Math.sign(e);
              for (let m = 0; m < kMean; m++) D[row + m] -= a * dfe * X[s * kMean + m];
            }
          }
        }
      }
      for (let j = 0; j < o; j++) {
        const s = t - 1 - j;
        const g = params[1 + p + j];
        if (s < 0) {
          ft += g * half;
          if (D) D[row + offset + 1 + p + j] += half;
        } else {
          const e = resids[s];
          if (e < 0) {
            const fe = sq ? e * e : Math.pow(-e, power);
            ft += g * fe;
            if (D) {
              D[row + offset + 1 + p + j] += fe;
              if (kMean > 0) {
                const dfe = sq ? 2 * e : -power * Math.pow(-e, power - 1);
                for (let m = 0; m < kMean; m++) D[row + m] -= g * dfe * X[s * kMean + m];
              }
            }
          }
        }
      }
      for (let j = 0; j < q; j++) {
        const s = t - 1 - j;
        const b = params[1 + p + o + j];
        if (s < 0) {
          ft += b * backcast;
          if (D) D[row + offset + 1 + p + o + j] += backcast;
        } else {
          ft += b * f[s];
          if (D) {
            D[row + offset + 1 + p + o + j] += f[s];
            const prev = s * K;
            for (let k = 0; k < K; k++) D[row + k] += b * D[prev + k];
          }
        }
      }
      const lo = varBounds[2 * t];
      const hi = varBounds[2 * t + 1];
      if (ft < lo) {
        ft = lo;
        if (D) for (let k = 0; k < K; k++) D[row + k] = 0;
      } else if (ft > hi) {
        if (D) for (let k = 0; k < K; k++) D[row + k] /= ft;
        ft = Number.isFinite(ft) ? hi + Math.log(ft / hi) : hi + 1000;
      }
      f[t] = ft;
    }
    if (!sq) {
      const r = 2 / power;
      for (let t = 0; t < n; t++) {
        const ft = f[t];
        if (D) {
          const sc = r * Math.pow(ft, r - 1);
          for (let k = 0; k < K; k++) D[t * K + k] *= sc;
        }
        f[t] = Math.pow(ft, r);
      }
    }
  }

  analyticForecast(params: Float64Array, resids: Float64Array, sigma2: Float64Array, sigma2Next: number, backcast: number, horizon: number): Float64Array | null {
    const { p, o, q } = this;
    const out = new Float64Array(horizon);
    out[0] = sigma2Next;
    if (horizon === 1) return out;
    if (this.power !== 2) return null;
    const m = Math.max(p, o, q);
    const n = resids.length;
    // buffers of length m + horizon: squared residuals, asymmetric squared residuals, variances
    const r2 = new Float64Array(m + horizon);
    const a2 = new Float64Array(m + horizon);
    const s2 = new Float64Array(m + horizon);
    for (let i = 0; i < m; i++) {
      const t = n - m + i;
      if (t >= 0) {
        r2[i] = resids[t] * resids[t];
        a2[i] = resids[t] < 0 ? r2[i] : 0;
        s2[i] = sigma2[t];
      } else {
        r2[i] = backcast;
        a2[i] = 0.5 * backcast;
        s2[i] = backcast;
      }
    }
    for (let h = 0; h < horizon; h++) {
      let v = params[0];
      const at = h + m - 1;
      for (let j = 0; j < p; j++) v += params[1 + j] * r2[at - j];
      for (let j = 0; j < o; j++) v += params[1 + p + j] * a2[at - j];
      for (let j = 0; j < q; j++) v += params[1 + p + o + j] * s2[at - j];
      out[h] = v;
      r2[h + m] = v;
      a2[h + m] = 0.5 * v;
      s2[h + m] = v;
    }
    return out;
  }

  simulator(params: Float64Array, resids: Float64Array, sigma2: Float64Array, backcast: number): VolatilitySimulator {
    const { p, o, q, power } = this;
    const m = Math.max(p, o, q);
    const n = resids.length;
    const eHist: number[] = [];
    const fHist: number[] = [];
    for (let i = 0; i < m; i++) {
      const t = n - m + i;
      eHist.push(t >= 0 ? resids[t] : NaN);
      fHist.push(t >= 0 ? Math.pow(sigma2[t], power / 2) : backcast);
    }
    return new GarchSimulator(params, p, o, q, power, backcast, eHist, fHist);
  }
}

class GarchSimulator implements VolatilitySimulator {
  private pending = NaN;
  constructor(
    private readonly params: Float64Array,
    private readonly p: number,
    private readonly o: number,
    private readonly q: number,
    private readonly power: number,
    private readonly backcast: number,
    private readonly eHist: number[],
    private readonly fHist: number[],
  ) {}

  next(): number {
    const { params, p, o, q, power, eHist, fHist } = this;
    const L = eHist.length;
    let f = params[0];
    for (let j = 0; j < p; j++) {
      const e = eHist[L - 1 - j];
      f += params[1 + j] * (Number.isNaN(e) ? this.backcast : Math.pow(Math.abs(e), power));
    }
    for (let j = 0; j < o; j++) {
      const e = eHist[L - 1 - j];
      f += params[1 + p + j] * (Number.isNaN(e) ? 0.5 * this.backcast : e < 0 ? Math.pow(-e, power) : 0);
    }
    for (let j = 0; j < q; j++) f += params[1 + p + o + j] * fHist[fHist.length - 1 - j];
    this.pending = f;
    return Math.pow(f, 2 / power);
  }

  push(resid: number): void {
    this.eHist.push(resid);
    this.fHist.push(this.pending);
    if (this.eHist.length > 64) {
      this.eHist.splice(0, 32);
      this.fHist.splice(0, 32);
    }
  }

  clone(): VolatilitySimulator {
    const c = new GarchSimulator(this.params, this.p, this.o, this.q, this.power, this.backcast, this.eHist.slice(), this.fHist.slice());
    c.pending = this.pending;
    return c;
  }
}

/*
 * Gaussian log-likelihoods of GARCH(1,1)/GJR(1,1,1) grid candidates: `gaussianGridLanes` with the
 * kernel below, four recursions per pass (their serial latency chains overlap), the log-variances
 * summed as logs of block products. A candidate whose variance meets a bound, or whose block
 * product leaves the safe range, is left NaN for the caller to redo with the general recursion:
 * keeping the rare clipping path (a `Math.log` call) out of the loop makes it ~2x faster.
 */

/** sum_t (ln f_t + e_t^2 / f_t) for four candidates (w, a, g, b in `cf`; NaN for one that meets a bound). */
function garch11GaussianQuad(cf: Float64Array, resids: Float64Array, backcast: number, varBounds: Float64Array, res: Float64Array): void {
  const n = resids.length;
  const [w0, a0, g0, b0, w1, a1, g1, b1, w2, a2, g2, b2, w3, a3, g3, b3] = cf;
  let f0 = w0 + (a0 + 0.5 * g0 + b0) * backcast;
  let f1 = w1 + (a1 + 0.5 * g1 + b1) * backcast;
  let f2 = w2 + (a2 + 0.5 * g2 + b2) * backcast;
  let f3 = w3 + (a3 + 0.5 * g3 + b3) * backcast;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let p0 = 1;
  let p1 = 1;
  let p2 = 1;
  let p3 = 1;
  let bad = 0;
  for (let t = 0; t < n; t++) {
    const lo = varBounds[2 * t];
    const hi = varBounds[2 * t + 1];
    bad |= (f0 < lo || f0 > hi ? 1 : 0) | (f1 < lo || f1 > hi ? 2 : 0) | (f2 < lo || f2 > hi ? 4 : 0) | (f3 < lo || f3 > hi ? 8 : 0);
    const e = resids[t];
    const ee = e * e;
    q0 += ee / f0;
    q1 += ee / f1;
    q2 += ee / f2;
    q3 += ee / f3;
    p0 *= f0;
    p1 *= f1;
    p2 *= f2;
    p3 *= f3;
    if ((t & 15) === 15 || t === n - 1) {
      bad |= (p0 > 1e-300 && p0 < 1e300 ? 0 : 1) | (p1 > 1e-300 && p1 < 1e300 ? 0 : 2) | (p2 > 1e-300 && p2 < 1e300 ? 0 : 4) | (p3 > 1e-300 && p3 < 1e300 ? 0 : 8);
      l0 += Math.log(p0);
      l1 += Math.log(p1);
      l2 += Math.log(p2);
      l3 += Math.log(p3);
      p0 = 1;
      p1 = 1;
      p2 = 1;
      p3 = 1;
    }
    const m = 0.5 * (e - Math.abs(e)); // min(e, 0) without a branch (signs are unpredictable)
    const neg = m * m;
    f0 = w0 + a0 * ee + g0 * neg + b0 * f0;
    f1 = w1 + a1 * ee + g1 * neg + b1 * f1;
    f2 = w2 + a2 * ee + g2 * neg + b2 * f2;
    f3 = w3 + a3 * ee + g3 * neg + b3 * f3;
  }
  res[0] = (bad & 1) === 0 ? l0 + q0 : NaN;
  res[1] = (bad & 2) === 0 ? l1 + q1 : NaN;
  res[2] = (bad & 4) === 0 ? l2 + q2 : NaN;
  res[3] = (bad & 8) === 0 ? l3 + q3 : NaN;
}

/**
 * GARCH(1,1) / GJR(1,1,1) in variances with a constant or zero mean: the same recursion with
 * scalar state (no inner loops), derivatives carried as five scalars.
 */
function garch11Fast(io: RecursionIO, o: number): void {
  const { params, resids, n, kMean, K, offset, backcast, varBounds, sigma2, dSigma2: D } = io;
  const w = params[0];
  const a = params[1];
  const g = o === 1 ? params[2] : 0;
  const b = params[2 + o];
  let fPrev = backcast;
  let e2Prev = backcast;
  let negPrev = 0.5 * backcast;
  if (!D) {
    // first without clipping (the clipping branch's Math.log call makes V8 box doubles in the
    // loop); redo with it if a variance meets a bound
    let clipped = false;
    for (let t = 0; t < n; t++) {
      const f = w + a * e2Prev + g * negPrev + b * fPrev;
      if (f < varBounds[2 * t] || f > varBounds[2 * t + 1] || f !== f) {
        clipped = true;
        break;
      }
      sigma2[t] = f;
      const e = resids[t];
      e2Prev = e * e;
      const m = 0.5 * (e - Math.abs(e));
      negPrev = m * m;
      fPrev = f;
    }
    if (!clipped) return;
    fPrev = backcast;
    e2Prev = backcast;
    negPrev = 0.5 * backcast;
    for (let t = 0; t < n; t++) {
      let f = w + a * e2Prev + g * negPrev + b * fPrev;
      const lo = varBounds[2 * t];
      const hi = varBounds[2 * t + 1];
      if (f < lo) f = lo;
      else if (f > hi) f = Number.isFinite(f) ? hi + Math.log(f / hi) : hi + 1000;
      sigma2[t] = f;
      const e = resids[t];
      e2Prev = e * e;
      negPrev = e < 0 ? e2Prev : 0;
      fPrev = f;
    }
    return;
  }
  let dMu = 0;
  let dW = 0;
  let dA = 0;
  let dG = 0;
  let dB = 0;
  let ePrev = 0;
  const iW = offset;
  const iA = offset + 1;
  const iG = offset + 2;
  const iB = offset + 2 + o;
  for (let t = 0; t < n; t++) {
    let nMu = b * dMu;
    if (t > 0) nMu -= 2 * ePrev * (a + (ePrev < 0 ? g : 0));
    let nW = 1 + b * dW;
    let nA = e2Prev + b * dA;
    let nG = negPrev + b * dG;
    let nB = fPrev + b * dB;
    let f = w + a * e2Prev + g * negPrev + b * fPrev;
    const lo = varBounds[2 * t];
    const hi = varBounds[2 * t + 1];
    if (f < lo) {
      f = lo;
      nMu = nW = nA = nG = nB = 0;
    } else if (f > hi) {
      const s = 1 / f;
      nMu *= s;
      nW *= s;
      nA *= s;
      nG *= s;
      nB *= s;
      f = Number.isFinite(f) ? hi + Math.log(f / hi) : hi + 1000;
    }
    sigma2[t] = f;
    const row = t * K;
    if (kMean === 1) D[row] = nMu;
    D[row + iW] = nW;
    D[row + iA] = nA;
    if (o === 1) D[row + iG] = nG;
    D[row + iB] = nB;
    const e = resids[t];
    ePrev = e;
    e2Prev = e * e;
    negPrev = e < 0 ? e2Prev : 0;
    fPrev = f;
    dMu = nMu;
    dW = nW;
    dA = nA;
    dG = nG;
    dB = nB;
  }
}

/** arch's names: omega, alpha[1..p], gamma[1..o], beta[1..q]. */
export function commonNames(p: number, o: number, q: number): string[] {
  const names = ['omega'];
  for (let i = 1; i <= p; i++) names.push(`alpha[${i}]`);
  for (let i = 1; i <= o; i++) names.push(`gamma[${i}]`);
  for (let i = 1; i <= q; i++) names.push(`beta[${i}]`);
  return names;
}

/** A value-only recursion input for one parameter vector (no mean regressors). */
export function plainIO(params: Float64Array, resids: Float64Array, sigma2: Float64Array, backcast: number, varBounds: Float64Array): RecursionIO {
  return makeRecursionIO({ params, resids, backcast, varBounds, sigma2 });
}

warmUpGaussianGrid(garch11GaussianQuad, 0.5, Float64Array.of(0.1, 0.05, 0.05, 0.85));
