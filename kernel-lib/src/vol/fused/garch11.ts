/**
 * One-pass log-likelihood and gradient for the most-fitted models: GARCH(1,1) / GJR(1,1,1) in
 * variances, constant or zero mean, normal or Student-t errors. The variance recursion, its
 * derivatives (five scalars), the density and the gradient sums run in a single loop with no
 * per-observation arrays: the same formulas as `process/garch.ts` + `dist/normal.ts` /
 * `dist/studentt.ts` + `ArchModel.evaluate`, fused (used only when per-observation scores are
 * not requested).
 */
import { digamma, lgamma } from '../../math/special';
import { warmUpSeries } from '../process/common';

const LN_2PI = Math.log(2 * Math.PI);

/**
 * Returns the log-likelihood and writes the gradient into `grad` (layout [mu?, omega, alpha,
 * gamma?, beta, nu?]). `hasMean`: constant mean (mu = theta[0]); `o`: 0 or 1; `nu`: NaN for normal.
 * With `scores` (n x K, row-major) also the per-observation scores dl_t/dtheta (the caller forms
 * their outer product for the starting curvature). NaN: a variance met a bound or a block product
 * left the safe range (the caller falls back to the general path, which handles both).
 */
export function garch11FusedLoglik(
  theta: Float64Array,
  y: Float64Array,
  hasMean: boolean,
  o: number,
  studentT: boolean,
  backcast: number,
  varBounds: Float64Array,
  grad: Float64Array,
  scores: Float64Array | null = null,
): number {
  const n = y.length;
  const off = hasMean ? 1 : 0;
  const mu = hasMean ? theta[0] : 0;
  const w = theta[off];
  const a = theta[off + 1];
  const g = o === 1 ? theta[off + 2] : 0;
  const b = theta[off + 2 + o];
  const nu = studentT ? theta[off + 3 + o] : NaN;
  const inm2 = studentT ? 1 / (nu - 2) : 0;
  const kk = studentT ? (nu + 1) / 2 : 0;
  const K = grad.length;
  const wantScores = scores !== null;
  const hasG = o === 1;
  // per-observation constant of the nu score (only needed for the scores)
  const dcObs = studentT && wantScores ? 0.5 * digamma((nu + 1) / 2) - 0.5 * digamma(nu / 2) - 0.5 / (nu - 2) : 0;
  let fPrev = backcast;
  let e2Prev = backcast;
  let negPrev = 0.5 * backcast;
  let ePrev = 0;
  let dMu = 0;
  let dW = 0;
  let dA = 0;
  let dG = 0;
  let dB = 0;
  // gradient accumulators
  let gMu = 0;
  let gW = 0;
  let gA = 0;
  let gG = 0;
  let gB = 0;
  let gNu = 0;
  let quad = 0;
  let logF = 0;
  let logQ = 0;
  let pf = 1;
  let pq = 1;
  for (let t = 0; t < n; t++) {
    // min(e, 0) without a branch: the sign of a return is unpredictable
    const mPrev = 0.5 * (ePrev - Math.abs(ePrev));
    const nMu = b * dMu - 2 * (a * ePrev + g * mPrev); // ePrev = 0 at t = 0
    const nW = 1 + b * dW;
    const nA = e2Prev + b * dA;
    const nG = negPrev + b * dG;
    const nB = fPrev + b * dB;
    const f = w + a * e2Prev + g * negPrev + b * fPrev;
    // a variance at a bound (rare): the general path clips it. Keeping the clipping code (a
    // Math.log call) out of this loop stops V8 boxing doubles: ~160 KB of garbage per call before.
    if (f < varBounds[2 * t] || f > varBounds[2 * t + 1]) return NaN;
    const e = y[t] - mu;
    let dLdf: number;
    let dLde: number;
    let sNu = 0;
    const invF = 1 / f; // one division per observation where the formulas have several
    if (studentT) {
      const q = e * e * invF * inm2;
      const wq = kk / (1 + q);
      dLde = -wq * 2 * e * inm2 * invF;
      dLdf = (wq * q - 0.5) * invF;
      sNu = wq * q * inm2;
      gNu += sNu;
      pq *= 1 + q;
      if (wantScores) sNu += dcObs - 0.5 * Math.log1p(q);
    } else {
      const r = e * invF;
      quad += e * r;
      dLde = -r;
      dLdf = 0.5 * (r * r - invF);
    }
    pf *= f;
    if ((t & 15) === 15) {
      logF += pf > 1e-300 && pf < 1e300 ? Math.log(pf) : NaN;
      pf = 1;
      if (studentT) {
        logQ += pq > 1e-300 && pq < 1e300 ? Math.log(pq) : NaN;
        pq = 1;
      }
    }
    gMu += dLdf * nMu - dLde; // de/dmu = -1
    gW += dLdf * nW;
    gA += dLdf * nA;
    gG += dLdf * nG;
    gB += dLdf * nB;
    if (wantScores) {
      let j = t * K;
      if (hasMean) scores[j++] = dLdf * nMu - dLde;
      scores[j++] = dLdf * nW;
      scores[j++] = dLdf * nA;
      if (hasG) scores[j++] = dLdf * nG;
      scores[j++] = dLdf * nB;
      if (studentT) scores[j] = sNu;
    }
    ePrev = e;
    e2Prev = e * e;
    const m = 0.5 * (e - Math.abs(e));
    negPrev = m * m;
    fPrev = f;
    dMu = nMu;
    dW = nW;
    dA = nA;
    dG = nG;
    dB = nB;
  }
  logF += Math.log(pf);
  if (studentT) logQ += Math.log(pq);
  if (!Number.isFinite(logF) || !Number.isFinite(logQ)) return NaN; // out-of-range block: caller falls back
  let ll: number;
  if (studentT) {
    const c = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
    const dc = 0.5 * digamma((nu + 1) / 2) - 0.5 * digamma(nu / 2) - 0.5 / (nu - 2);
    ll = n * c - 0.5 * logF - kk * logQ;
    gNu += n * dc - 0.5 * logQ;
  } else {
    ll = -0.5 * (n * LN_2PI + logF + quad);
  }
  let k = 0;
  if (hasMean) grad[k++] = gMu;
  grad[k++] = gW;
  grad[k++] = gA;
  if (o === 1) grad[k++] = gG;
  grad[k++] = gB;
  if (studentT) grad[k++] = gNu;
  return ll;
}

/**
 * Run every branch once on a short synthetic series when the module loads, so that V8's first
 * on-stack compilation of the loop sees type feedback for the code after it (without it, that
 * code deoptimises the kernel on every call; see fused/egarch11.ts).
 */
function warmUp(): void {
  const { y, vb } = warmUpSeries(0.1);
  const n = y.length;
  for (const studentT of [false, true]) {
    for (const o of [0, 1]) {
      for (const hasMean of [true, false]) {
        const theta = Float64Array.from([...(hasMean ? [0.05] : []), 0.01, 0.1, ...(o ? [0.05] : []), 0.85, ...(studentT ? [8] : [])]);
        const K = theta.length;
        garch11FusedLoglik(theta, y, hasMean, o, studentT, 1, vb, new Float64Array(K), new Float64Array(n * K));
        garch11FusedLoglik(theta, y, hasMean, o, studentT, 1, vb, new Float64Array(K));
      }
    }
  }
}
warmUp();
