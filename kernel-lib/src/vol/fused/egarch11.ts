/**
 * One-pass log-likelihood and gradient (and optionally the per-observation scores) for
 * EGARCH(1,1) / EGARCH(1,1,1) with a constant or zero mean and normal, Student-t or Hansen
 * skew-t errors: the same formulas as `process/egarch.ts` + `dist/*.ts` + `ArchModel.evaluate`,
 * fused into one loop with no per-observation arrays.
 *
 * With h_t = ln sigma2_t, z_t = e_t exp(-h_t / 2) and psi the standardised log-density,
 *   l_t = const - h_t / 2 + psi(z_t),
 *   dl_t/dtheta = (-1/2 - z_t psi'(z_t) / 2) dh_t/dtheta - [theta = mu] psi'(z_t) / sigma_t,
 * and dh_t/dtheta runs forward through the recursion (dz_t = -z_t dh_t / 2 - [mu] 1 / sigma_t).
 * Sum_t h_t needs no logarithm; sum_t ln(1 + ...) of the t-type densities is taken as logs of
 * block products, so the shape gradients (which contain that sum) need no per-observation log
 * either (the per-observation scores do, once per fit for the starting curvature).
 *
 * Returns NaN when a variance bound binds or a block product leaves the safe range: the caller
 * then uses the general (array) path, which handles those cases.
 */
import { digamma, lgamma } from '../../math/special';
import { warmUpSeries } from '../process/common';
import { skewConstants } from '../dist/skewt';
import { fastExp } from './fastexp';

const SQRT2_OV_PI = Math.sqrt(2 / Math.PI);
const LNSIGMA_MAX = Math.log(Number.MAX_VALUE) - 0.1;
const LN_2PI = Math.log(2 * Math.PI);

/** 0: normal, 1: Student's t, 2: Hansen's skew t. */
export type FusedDist = 0 | 1 | 2;

/**
 * Layout of theta and grad: [mu?, omega, alpha, gamma?, beta, nu | eta, lambda]. `scores`
 * (n x K, row-major), when given, receives the per-observation scores dl_t/dtheta.
 */
export function egarch11FusedLoglik(
  theta: Float64Array,
  y: Float64Array,
  hasMean: boolean,
  o: number,
  dist: FusedDist,
  backcast: number,
  varBounds: Float64Array,
  grad: Float64Array,
  scores: Float64Array | null,
): number {
  const n = y.length;
  const off = hasMean ? 1 : 0;
  const mu = hasMean ? theta[0] : 0;
  const w = theta[off];
  const a = theta[off + 1];
  const g = o === 1 ? theta[off + 2] : 0;
  const b = theta[off + 2 + o];
  const iD = off + 3 + o; // first distribution parameter
  // distribution constants: psi(z) = -k ln(1 + r^2 inm2), r = (sb z + sa) / (1 +- lam)
  let k = 0;
  let inm2 = 0;
  let sa = 0;
  let sb = 1;
  let lam = 0;
  let cst = -0.5 * LN_2PI;
  let dcst0 = 0; // per-observation constant of the first shape derivative
  let dcst1 = 0;
  let aEta = 0;
  let bEta = 0;
  let aLam = 0;
  let bLam = 0;
  if (dist === 1) {
    const nu = theta[iD];
    k = (nu + 1) / 2;
    inm2 = 1 / (nu - 2);
    cst = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
    dcst0 = 0.5 * digamma((nu + 1) / 2) - 0.5 * digamma(nu / 2) - 0.5 / (nu - 2);
  } else if (dist === 2) {
    const eta = theta[iD];
    lam = theta[iD + 1];
    const C = skewConstants(eta, lam);
    if (Math.abs(lam) >= 1) lam = Math.sign(lam) * (1 - 1e-6);
    k = (eta + 1) / 2;
    inm2 = 1 / (eta - 2);
    sa = C.a;
    sb = C.b;
    cst = Math.log(C.b) + C.lc;
    dcst0 = C.bEta / C.b + C.dlc;
    dcst1 = C.bLam / C.b;
    aEta = C.aEta;
    bEta = C.bEta;
    aLam = C.aLam;
    bLam = C.bLam;
  }
  const cut = dist === 2 ? -sa / sb : 0; // r's branch: sign(z - cut)
  const iwPos = 1 / (1 + lam);
  const iwNeg = 1 / (1 - lam);
  const wa = w - a * SQRT2_OV_PI;
  // state: h_{t-1}, z_{t-1} and their derivatives in (mu, omega, alpha, gamma, beta)
  let hPrev = backcast;
  let zPrev = 0;
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
  let sumH = 0;
  let quad = 0;
  let logU = 0;
  let pu = 1;
  let gMu = 0;
  let gW = 0;
  let gA = 0;
  let gG = 0;
  let gB = 0;
  let gS0 = 0;
  let gS1 = 0;
  const K = grad.length;
  const wantScores = scores !== null;
  const isNormal = dist === 0;
  const isT = dist === 1;
  const hasG = o === 1;
  for (let t = 0; t < n; t++) {
    let h: number;
    let nMu = b * hMu;
    let nW = 1 + b * hW;
    let nA = b * hA;
    let nG = b * hG;
    let nB = hPrev + b * hB;
    if (t > 0) {
      const az = Math.abs(zPrev);
      h = wa + b * hPrev + a * az + g * zPrev;
      const c = a * (zPrev > 0 ? 1 : zPrev < 0 ? -1 : 0) + g;
      nMu += c * zMu;
      nW += c * zW;
      nA += c * zA + az - SQRT2_OV_PI;
      nG += c * zG + zPrev;
      nB += c * zB;
    } else {
      h = w + b * hPrev;
    }
    if (!(h <= LNSIGMA_MAX && h >= -1400)) return NaN; // (and NaN h): the general path clips
    const isd = fastExp(-0.5 * h); // 1 / sigma_t without a division on the serial path
    const i2 = isd * isd;
    if (varBounds[2 * t] * i2 > 1 || varBounds[2 * t + 1] * i2 < 1) return NaN; // sigma2_t outside [lo, hi]
    const e = y[t] - mu;
    const z = e * isd;
    sumH += h;
    // psi'(z) and the shape-gradient terms
    let dpsi: number;
    let s0 = 0;
    let s1 = 0;
    let u = 1; // the argument of the log-density's logarithm
    if (dist === 0) {
      quad += z * z;
      dpsi = -z;
    } else if (dist === 1) {
      const q = z * z * inm2;
      u = 1 + q;
      const wq = k / u;
      pu *= u;
      dpsi = -2 * wq * z * inm2;
      s0 = wq * q * inm2;
    } else {
      const sg = z > cut ? 1 : z < cut ? -1 : 0;
      const iw = sg > 0 ? iwPos : sg < 0 ? iwNeg : 1;
      const r = (sb * z + sa) * iw;
      const r2i = r * r * inm2;
      u = 1 + r2i;
      const iu = 1 / u;
      pu *= u;
      const common = 2 * k * r * inm2 * iu;
      dpsi = -common * sb * iw;
      const rEta = (bEta * z + aEta) * iw;
      const rLam = (bLam * z + aLam) * iw - r * sg * iw;
      s0 = -k * (2 * r * rEta * inm2 - r2i * inm2) * iu;
      s1 = -common * rLam;
    }
    if ((t & 15) === 15 || t === n - 1) {
      if (!(pu < 1e300)) return NaN; // u >= 1: the product can only overflow
      logU += Math.log(pu);
      pu = 1;
    }
    const gh = -0.5 - 0.5 * z * dpsi;
    const sMu = gh * nMu - dpsi * isd;
    const sW = gh * nW;
    const sA = gh * nA;
    const sG = gh * nG;
    const sB = gh * nB;
    gMu += sMu;
    gW += sW;
    gA += sA;
    gG += sG;
    gB += sB;
    gS0 += s0;
    gS1 += s1;
    if (wantScores) {
      let j = t * K;
      if (hasMean) scores[j++] = sMu;
      scores[j++] = sW;
      scores[j++] = sA;
      if (hasG) scores[j++] = sG;
      scores[j++] = sB;
      if (isT) scores[j] = dcst0 - 0.5 * Math.log(u) + s0;
      else if (!isNormal) {
        scores[j] = dcst0 - 0.5 * Math.log(u) + s0;
        scores[j + 1] = dcst1 + s1;
      }
    }
    const hz = -0.5 * z;
    zMu = hz * nMu - (hasMean ? isd : 0);
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
  }
  // No value comparisons from here on: code after a loop that V8 compiled on-stack has no type
  // feedback, and a compare there deoptimises the kernel on every call (booleans are fine).
  const ll = isNormal ? n * cst - 0.5 * (sumH + quad) : n * cst - 0.5 * sumH - k * logU;
  grad[0] = hasMean ? gMu : gW;
  grad[off] = gW;
  grad[off + 1] = gA;
  if (hasG) grad[off + 2] = gG;
  grad[off + 2 + o] = gB;
  if (isT) grad[iD] = n * dcst0 - 0.5 * logU + gS0;
  else if (!isNormal) {
    grad[iD] = n * dcst0 - 0.5 * logU + gS0;
    grad[iD + 1] = n * dcst1 + gS1;
  }
  return ll;
}

/**
 * Run every branch of the kernel once on a short synthetic series when the module loads. V8
 * compiles the long loop on-stack during its first real call, before the code after the loop has
 * run; operations there would have no type feedback, and such an operation deoptimises the
 * on-stack code on every later call (measured: ~3x slower fits). Warming up first avoids that.
 */
function warmUp(): void {
  const { y, vb } = warmUpSeries(0.1);
  const n = y.length;
  const thetas: Array<[FusedDist, number[]]> = [
    [0, []],
    [1, [8]],
    [2, [8, -0.1]],
  ];
  for (const [dist, shape] of thetas) {
    for (const o of [0, 1]) {
      for (const hasMean of [true, false]) {
        const theta = Float64Array.from([...(hasMean ? [0.05] : []), 0.01, 0.1, ...(o ? [-0.05] : []), 0.95, ...shape]);
        const K = theta.length;
        egarch11FusedLoglik(theta, y, hasMean, o, dist, 0, vb, new Float64Array(K), new Float64Array(n * K));
        egarch11FusedLoglik(theta, y, hasMean, o, dist, 0, vb, new Float64Array(K), null);
      }
    }
  }
}
warmUp();
