/**
 * EGARCH(p, o, q) (Nelson 1991, arch's parameterisation): with z_t = e_t / sigma_t,
 *
 *   ln sigma2_t = omega + sum_{j<p} alpha_j (|z_{t-1-j}| - sqrt(2/pi)) + sum_{j<o} gamma_j z_{t-1-j}
 *                       + sum_{j<q} beta_j ln sigma2_{t-1-j}
 *
 * Pre-sample shocks contribute nothing; pre-sample ln sigma2 is the log of the backcast.
 * Bounds: omega within ln(mean e^2) +- ln 10000, beta_j in [0, q]; constraint sum beta < 1.
 */
import { scratch } from '../scratch';
import type { BackcastMode, Constraints, RecursionIO, VolatilityProcess, VolatilitySimulator } from '../types';
import { backcastValue, gaussianGridLanes, gaussianLoglik, meanAbsPow, varianceBounds, warmUpGaussianGrid } from './common';
import { commonNames, plainIO } from './garch';
import { fastExp } from '../fused/fastexp';

const SQRT2_OV_PI = Math.sqrt(2 / Math.PI);
/** ln(largest double) - 0.1, arch's cap on ln sigma2. */
const LNSIGMA_MAX = Math.log(Number.MAX_VALUE) - 0.1;

export class Egarch implements VolatilityProcess {
  readonly name = 'EGARCH';
  readonly numParams: number;
  readonly power = 2;
  private lnS = new Float64Array(0);
  private z = new Float64Array(0);
  private dzBuf = new Float64Array(0);

  constructor(readonly p = 1, readonly o = 0, readonly q = 1) {
    if (!(p >= 0 && o >= 0 && q >= 0)) throw new RangeError('EGARCH lag orders must be non-negative integers');
    if (p === 0 && o === 0) throw new RangeError('EGARCH needs p > 0 or o > 0');
    this.numParams = 1 + p + o + q;
  }

  parameterNames(): string[] {
    return commonNames(this.p, this.o, this.q);
  }

  bounds(resids: Float64Array): Array<[number, number]> {
    const lnv = Math.log(meanAbsPow(resids, 2));
    const c = Math.log(10000);
    const out: Array<[number, number]> = [[lnv - c, lnv + c]];
    for (let i = 0; i < this.p + this.o; i++) out.push([-Infinity, Infinity]);
    for (let i = 0; i < this.q; i++) out.push([0, this.q]);
    return out;
  }

  constraints(): Constraints {
    const row = new Array<number>(1 + this.p + this.o + this.q).fill(0);
    for (let i = 1 + this.p + this.o; i < row.length; i++) row[i] = -1;
    return { A: [row], b: [-1] };
  }

  backcast(resids: Float64Array, mode: BackcastMode): number {
    return Math.log(backcastValue(resids, 2, mode));
  }

  varianceBounds(resids: Float64Array): Float64Array {
    return varianceBounds(resids, 2);
  }

  startingValues(resids: Float64Array, backcast: number, varBounds: Float64Array): Float64Array {
    const { p, o, q } = this;
    const target = Math.log(meanAbsPow(resids, 2));
    const sigma2 = scratch('grid-sigma2', resids.length);
    const io = plainIO(new Float64Array(0), resids, sigma2, backcast, varBounds);
    const fast = p === 1 && q === 1 && o <= 1;
    const candidates: Float64Array[] = [];
    // with o = 0 arch's gamma loop yields repeated candidates: evaluate each once
    for (const alpha of [0.01, 0.05, 0.1, 0.2]) {
      for (const gamma of o > 0 ? [-0.1, 0, 0.1] : [0]) {
        for (const beta of [0.5, 0.7, 0.9, 0.98]) {
          const sv = new Float64Array(1 + p + o + q).fill((1 - beta) * target);
          for (let i = 0; i < p; i++) sv[1 + i] = alpha / p;
          for (let i = 0; i < o; i++) sv[1 + p + i] = gamma / o;
          for (let i = 0; i < q; i++) sv[1 + p + o + i] = beta / q;
          candidates.push(sv);
        }
      }
    }
    const lls = new Float64Array(candidates.length).fill(NaN);
    if (fast) gaussianGridLanes(egarch11GaussianQuad, candidates, o, resids, backcast, varBounds, lls);
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

  /**
   * Forward-mode derivatives: with h_t = ln sigma2_t and dz_s = de_s / sigma_s - z_s dh_s / 2,
   * dh_t = d(direct terms) + sum alpha_j sign(z_s) dz_s + sum gamma_j dz_s + sum beta_j dh_s.
   * `scratch` (n x K) holds dz; dSigma2 first holds dh and is turned into dsigma2 = sigma2 dh.
   */
  recursion(io: RecursionIO): void {
    if (this.p === 1 && this.q === 1 && this.o <= 1 && (io.kMean === 0 || io.constantMean)) {
      egarch11Fast(io, this.o);
      return;
    }
    const { p, o, q } = this;
    const { params, resids, n, X, kMean, K, offset, backcast, varBounds, sigma2, dSigma2: D } = io;
    if (this.lnS.length < n) {
      this.lnS = new Float64Array(n);
      this.z = new Float64Array(n);
    }
    const lnS = this.lnS;
    const z = this.z;
    if (D && this.dzBuf.length < n * K) this.dzBuf = new Float64Array(n * K);
    const dz = D ? this.dzBuf : null;
    for (let t = 0; t < n; t++) {
      let h = params[0];
      const row = t * K;
      if (D) {
        for (let k = 0; k < K; k++) D[row + k] = 0;
        D[row + offset] = 1;
      }
      for (let j = 0; j < p; j++) {
        const s = t - 1 - j;
        if (s < 0) continue;
        const a = params[1 + j];
        const az = Math.abs(z[s]);
        h += a * (az - SQRT2_OV_PI);
        if (D && dz) {
          D[row + offset + 1 + j] += az - SQRT2_OV_PI;
          const sg = Math.sign(z[s]) * a;
          for (let k = 0; k < K; k++) D[row + k] += sg * dz[s * K + k];
        }
      }
      for (let j = 0; j < o; j++) {
        const s = t - 1 - j;
        if (s < 0) continue;
        const g = params[1 + p + j];
        h += g * z[s];
        if (D && dz) {
          D[row + offset + 1 + p + j] += z[s];
          for (let k = 0; k < K; k++) D[row + k] += g * dz[s * K + k];
        }
      }
      for (let j = 0; j < q; j++) {
        const s = t - 1 - j;
        const b = params[1 + p + o + j];
        if (s < 0) {
          h += b * backcast;
          if (D) D[row + offset + 1 + p + o + j] += backcast;
        } else {
          h += b * lnS[s];
          if (D) {
            D[row + offset + 1 + p + o + j] += lnS[s];
            for (let k = 0; k < K; k++) D[row + k] += b * D[s * K + k];
          }
        }
      }
      if (h > LNSIGMA_MAX) {
        h = LNSIGMA_MAX;
        if (D) for (let k = 0; k < K; k++) D[row + k] = 0;
      }
      let s2 = Math.exp(h);
      const lo = varBounds[2 * t];
      const hi = varBounds[2 * t + 1];
      if (s2 < lo) {
        s2 = lo;
        h = Math.log(s2);
        if (D) for (let k = 0; k < K; k++) D[row + k] = 0;
      } else if (s2 > hi) {
        s2 = hi + h - Math.log(hi);
        h = Math.log(s2);
        if (D) for (let k = 0; k < K; k++) D[row + k] /= s2; // d ln(hi + h - ln hi) = dh / s2
      }
      sigma2[t] = s2;
      lnS[t] = h;
      const sd = Math.sqrt(s2);
      z[t] = resids[t] / sd;
      if (D && dz) {
        const zt = z[t];
        for (let k = 0; k < K; k++) dz[row + k] = -0.5 * zt * D[row + k];
        for (let m = 0; m < kMean; m++) dz[row + m] -= X[t * kMean + m] / sd;
      }
    }
    if (D) {
      for (let t = 0; t < n; t++) {
        const s2 = sigma2[t];
        for (let k = 0; k < K; k++) D[t * K + k] *= s2;
      }
    }
  }

  analyticForecast(_params: Float64Array, _resids: Float64Array, _sigma2: Float64Array, sigma2Next: number, _backcast: number, horizon: number): Float64Array | null {
    return horizon === 1 ? Float64Array.of(sigma2Next) : null;
  }

  simulator(params: Float64Array, resids: Float64Array, sigma2: Float64Array, backcast: number): VolatilitySimulator {
    const m = Math.max(this.p, this.o, this.q);
    const n = resids.length;
    const zHist: number[] = [];
    const hHist: number[] = [];
    for (let i = 0; i < m; i++) {
      const t = n - m + i;
      zHist.push(t >= 0 ? resids[t] / Math.sqrt(sigma2[t]) : NaN);
      hHist.push(t >= 0 ? Math.log(sigma2[t]) : backcast);
    }
    return new EgarchSimulator(params, this.p, this.o, this.q, zHist, hHist);
  }
}

/*
 * Gaussian log-likelihoods of EGARCH(1,1)/(1,1,1) grid candidates: `gaussianGridLanes` with the
 * kernel below, four recursions per pass (their serial latency chains overlap; the loop-invariant
 * coefficients may spill, the chains stay in registers): ln sigma2_t is h_t itself and
 * e_t^2 / sigma2_t = z_t^2, so no logarithms are needed, and 1 / sigma_t comes from the call-free
 * `fastExp`. A candidate whose variance meets a bound is left NaN for the caller to redo with the
 * general recursion.
 */

/** sum_t (h_t + z_t^2) for four candidates (w, a, g, b in `cf`; NaN for one that leaves the bounds). */
function egarch11GaussianQuad(cf: Float64Array, resids: Float64Array, backcast: number, varBounds: Float64Array, res: Float64Array): void {
  const n = resids.length;
  const [w0, a0, g0, b0, w1, a1, g1, b1, w2, a2, g2, b2, w3, a3, g3, b3] = cf;
  let h0 = w0 + b0 * backcast;
  let h1 = w1 + b1 * backcast;
  let h2 = w2 + b2 * backcast;
  let h3 = w3 + b3 * backcast;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let bad = 0;
  const wa0 = w0 - a0 * SQRT2_OV_PI;
  const wa1 = w1 - a1 * SQRT2_OV_PI;
  const wa2 = w2 - a2 * SQRT2_OV_PI;
  const wa3 = w3 - a3 * SQRT2_OV_PI;
  for (let t = 0; t < n; t++) {
    // h outside [-1400, ln max double] cannot pass the variance bounds either: flag it, keep going
    if (!(h0 <= LNSIGMA_MAX && h0 >= -1400 && h1 <= LNSIGMA_MAX && h1 >= -1400 && h2 <= LNSIGMA_MAX && h2 >= -1400 && h3 <= LNSIGMA_MAX && h3 >= -1400)) {
      bad |= (h0 <= LNSIGMA_MAX && h0 >= -1400 ? 0 : 1) | (h1 <= LNSIGMA_MAX && h1 >= -1400 ? 0 : 2) | (h2 <= LNSIGMA_MAX && h2 >= -1400 ? 0 : 4) | (h3 <= LNSIGMA_MAX && h3 >= -1400 ? 0 : 8);
      h0 = bad & 1 ? 0 : h0;
      h1 = bad & 2 ? 0 : h1;
      h2 = bad & 4 ? 0 : h2;
      h3 = bad & 8 ? 0 : h3;
    }
    const i0 = fastExp(-0.5 * h0);
    const i1 = fastExp(-0.5 * h1);
    const i2 = fastExp(-0.5 * h2);
    const i3 = fastExp(-0.5 * h3);
    const lo = varBounds[2 * t];
    const hi = varBounds[2 * t + 1];
    const q0 = i0 * i0;
    const q1 = i1 * i1;
    const q2 = i2 * i2;
    const q3 = i3 * i3;
    if (lo * q0 > 1 || hi * q0 < 1) bad |= 1;
    if (lo * q1 > 1 || hi * q1 < 1) bad |= 2;
    if (lo * q2 > 1 || hi * q2 < 1) bad |= 4;
    if (lo * q3 > 1 || hi * q3 < 1) bad |= 8;
    const e = resids[t];
    const z0 = e * i0;
    const z1 = e * i1;
    const z2 = e * i2;
    const z3 = e * i3;
    s0 += h0 + z0 * z0;
    s1 += h1 + z1 * z1;
    s2 += h2 + z2 * z2;
    s3 += h3 + z3 * z3;
    h0 = wa0 + b0 * h0 + a0 * Math.abs(z0) + g0 * z0;
    h1 = wa1 + b1 * h1 + a1 * Math.abs(z1) + g1 * z1;
    h2 = wa2 + b2 * h2 + a2 * Math.abs(z2) + g2 * z2;
    h3 = wa3 + b3 * h3 + a3 * Math.abs(z3) + g3 * z3;
  }
  res[0] = (bad & 1) === 0 ? s0 : NaN;
  res[1] = (bad & 2) === 0 ? s1 : NaN;
  res[2] = (bad & 4) === 0 ? s2 : NaN;
  res[3] = (bad & 8) === 0 ? s3 : NaN;
}

/**
 * EGARCH(1,1) / EGARCH(1,1,1) with a constant or zero mean: the recursion with scalar state and
 * the derivatives of ln sigma2 (dh) and of z (dz) carried as scalars per parameter.
 */
function egarch11Fast(io: RecursionIO, o: number): void {
  const { params, resids, n, kMean, K, offset, backcast, varBounds, sigma2, dSigma2: D } = io;
  const w = params[0];
  const a = params[1];
  const g = o === 1 ? params[2] : 0;
  const b = params[2 + o];
  let hPrev = backcast;
  let zPrev = 0;
  let first = true;
  if (!D) {
    // first without clipping (the clipping branch's Math.log calls make V8 box doubles in the
    // loop); redo with it if a variance meets a bound
    let clipped = false;
    for (let t = 0; t < n; t++) {
      let h = w + b * hPrev;
      if (!first) h += a * (Math.abs(zPrev) - SQRT2_OV_PI) + g * zPrev;
      const s2 = Math.exp(h);
      if (!(h <= LNSIGMA_MAX && s2 >= varBounds[2 * t] && s2 <= varBounds[2 * t + 1])) {
        clipped = true;
        break;
      }
      sigma2[t] = s2;
      zPrev = resids[t] / Math.sqrt(s2);
      hPrev = h;
      first = false;
    }
    if (!clipped) return;
    hPrev = backcast;
    zPrev = 0;
    first = true;
    for (let t = 0; t < n; t++) {
      let h = w + b * hPrev;
      if (!first) h += a * (Math.abs(zPrev) - SQRT2_OV_PI) + g * zPrev;
      if (h > LNSIGMA_MAX) h = LNSIGMA_MAX;
      let s2 = Math.exp(h);
      const lo = varBounds[2 * t];
      const hi = varBounds[2 * t + 1];
      if (s2 < lo) {
        s2 = lo;
        h = Math.log(s2);
      } else if (s2 > hi) {
        s2 = hi + h - Math.log(hi);
        h = Math.log(s2);
      }
      sigma2[t] = s2;
      zPrev = resids[t] / Math.sqrt(s2);
      hPrev = h;
      first = false;
    }
    return;
  }
  // derivatives of h_{t-1} and z_{t-1} with respect to mu, omega, alpha, gamma, beta
  let hMu = 0;
  let hW = 0;
  let hA = 0;
  let hG = 0;
  let hB = 0;
  let zMu = 0;
  let zW = 0;
  let zA = 0;
  let zG = 0;
  let zB = 0;
  const iW = offset;
  const iA = offset + 1;
  const iG = offset + 2;
  const iB = offset + 2 + o;
  for (let t = 0; t < n; t++) {
    let h = w + b * hPrev;
    let nMu = b * hMu;
    let nW = 1 + b * hW;
    let nA = b * hA;
    let nG = b * hG;
    let nB = hPrev + b * hB;
    if (!first) {
      const az = Math.abs(zPrev);
      h += a * (az - SQRT2_OV_PI) + g * zPrev;
      const c = a * (zPrev > 0 ? 1 : zPrev < 0 ? -1 : 0) + g;
      nMu += c * zMu;
      nW += c * zW;
      nA += c * zA + az - SQRT2_OV_PI;
      nG += c * zG + zPrev;
      nB += c * zB;
    }
    if (h > LNSIGMA_MAX) {
      h = LNSIGMA_MAX;
      nMu = nW = nA = nG = nB = 0;
    }
    let s2 = Math.exp(h);
    const lo = varBounds[2 * t];
    const hi = varBounds[2 * t + 1];
    if (s2 < lo) {
      s2 = lo;
      h = Math.log(s2);
      nMu = nW = nA = nG = nB = 0;
    } else if (s2 > hi) {
      s2 = hi + h - Math.log(hi);
      h = Math.log(s2);
      const sc = 1 / s2;
      nMu *= sc;
      nW *= sc;
      nA *= sc;
      nG *= sc;
      nB *= sc;
    }
    sigma2[t] = s2;
    const row = t * K;
    if (kMean === 1) D[row] = s2 * nMu;
    D[row + iW] = s2 * nW;
    D[row + iA] = s2 * nA;
    if (o === 1) D[row + iG] = s2 * nG;
    D[row + iB] = s2 * nB;
    const sd = Math.sqrt(s2);
    const z = resids[t] / sd;
    const hz = -0.5 * z;
    zMu = hz * nMu - (kMean === 1 ? 1 / sd : 0);
    zW = hz * nW;
    zA = hz * nA;
    zG = hz * nG;
    zB = hz * nB;
    hMu = nMu;
    hW = nW;
    hA = nA;
    hG = nG;
    hB = nB;
    zPrev = z;
    hPrev = h;
    first = false;
  }
}

class EgarchSimulator implements VolatilitySimulator {
  private pending = NaN;
  constructor(
    private readonly params: Float64Array,
    private readonly p: number,
    private readonly o: number,
    private readonly q: number,
    private readonly zHist: number[],
    private readonly hHist: number[],
  ) {}

  next(): number {
    const { params, p, o, q, zHist, hHist } = this;
    let h = params[0];
    for (let j = 0; j < p; j++) {
      const z = zHist[zHist.length - 1 - j];
      if (!Number.isNaN(z)) h += params[1 + j] * (Math.abs(z) - SQRT2_OV_PI);
    }
    for (let j = 0; j < o; j++) {
      const z = zHist[zHist.length - 1 - j];
      if (!Number.isNaN(z)) h += params[1 + p + j] * z;
    }
    for (let j = 0; j < q; j++) h += params[1 + p + o + j] * hHist[hHist.length - 1 - j];
    h = Math.min(h, LNSIGMA_MAX);
    this.pending = h;
    return Math.exp(h);
  }

  push(resid: number): void {
    this.zHist.push(resid / Math.exp(0.5 * this.pending));
    this.hHist.push(this.pending);
    if (this.zHist.length > 64) {
      this.zHist.splice(0, 32);
      this.hHist.splice(0, 32);
    }
  }

  clone(): VolatilitySimulator {
    const c = new EgarchSimulator(this.params, this.p, this.o, this.q, this.zHist.slice(), this.hHist.slice());
    c.pending = this.pending;
    return c;
  }
}

// module-load warm-up of the grid kernel (see `warmUpGaussianGrid` in process/common.ts)
warmUpGaussianGrid(egarch11GaussianQuad, 0, Float64Array.of(0.1, 0.05, -0.1, 0.9));
