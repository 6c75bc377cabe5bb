/**
 * Hansen's (1994) skewed Student's t, standardised to unit variance; shape eta in [2.05, 300],
 * skew lambda in [-1, 1]. With z = e / sigma,
 *   l = ln b + ln c - ln(sigma2)/2 - (eta+1)/2 ln(1 + r^2 / (eta - 2)),  r = (b z + a) / (1 + sgn(z + a/b) lambda),
 *   ln c = lnG((eta+1)/2) - lnG(eta/2) - ln(pi (eta-2))/2,  a = 4 lambda c (eta-2)/(eta-1),  b = sqrt(1 + 3 lambda^2 - a^2).
 */
import type { Rng } from '../../math/rng';
import { digamma, lgamma, tCdf, tPpf } from '../../math/special';
import { kurtosisStart, tTailMean } from './studentt';
import type { Constraints, Distribution } from '../types';
import { BLOCK, logOfProduct, sumLogs } from './logsum';
import { warmUpLoglik } from './warmup';

export interface SkewConstants {
  lc: number;
  a: number;
  b: number;
  dlc: number;
  aEta: number;
  aLam: number;
  bEta: number;
  bLam: number;
}

/** Hansen's constants ln c, a, b and their derivatives in eta and lambda. */
export function skewConstants(eta: number, lam: number): SkewConstants {
  const lc = lgamma((eta + 1) / 2) - lgamma(eta / 2) - 0.5 * Math.log(Math.PI * (eta - 2));
  const dlc = 0.5 * digamma((eta + 1) / 2) - 0.5 * digamma(eta / 2) - 0.5 / (eta - 2);
  const c = Math.exp(lc);
  const a = (4 * lam * c * (eta - 2)) / (eta - 1);
  const b = Math.sqrt(1 + 3 * lam * lam - a * a);
  const aLam = (4 * c * (eta - 2)) / (eta - 1);
  const aEta = a * (dlc + 1 / (eta - 2) - 1 / (eta - 1));
  const bLam = (3 * lam - a * aLam) / b;
  const bEta = (-a * aEta) / b;
  return { lc, a, b, dlc, aEta, aLam, bEta, bLam };
}

export class SkewStudent implements Distribution {
  readonly name = "Standardized Skew Student's t";
  readonly numParams = 2;
  parameterNames(): string[] {
    return ['eta', 'lambda'];
  }
  bounds(): Array<[number, number]> {
    return [
      [2.05, 300],
      [-1, 1],
    ];
  }
  constraints(): Constraints {
    return {
      A: [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ],
      b: [2.05, -300, -1, -1],
    };
  }
  startingValues(std: Float64Array): Float64Array {
    return Float64Array.of(kurtosisStart(std), 0);
  }
  loglik(params: Float64Array, e: Float64Array, s2: Float64Array, n: number, dE: Float64Array | null, dS: Float64Array | null, dTheta: Float64Array | null): number {
    const eta = params[0];
    let lam = params[1];
    const K = skewConstants(eta, lam);
    const { a, b } = K;
    if (Math.abs(lam) >= 1) lam = Math.sign(lam) * (1 - 1e-6);
    const k = (eta + 1) / 2;
    const inm2 = 1 / (eta - 2);
    const ab = a / b;
    const lb = Math.log(b);
    let logV = 0;
    let logU = 0;
    const grad = dE !== null && dS !== null && dTheta !== null;
    for (let t0 = 0; t0 < n; t0 += BLOCK) {
      const t1 = t0 + BLOCK < n ? t0 + BLOCK : n;
      let pv = 1;
      let pu = 1;
      for (let t = t0; t < t1; t++) {
        const v = s2[t];
        const sd = Math.sqrt(v);
        const z = e[t] / sd;
        const sg = z + ab > 0 ? 1 : z + ab < 0 ? -1 : 0;
        const w = 1 + sg * lam;
        const r = (b * z + a) / w;
        const u = 1 + r * r * inm2;
        pv *= v;
        pu *= u;
        if (grad) {
          const lu = Math.log(u);
          const common = (k * 2 * r * inm2) / u; // d(k ln u)/dr
          const dz = (-common * b) / w;
          (dE as Float64Array)[t] = dz / sd;
          (dS as Float64Array)[t] = -0.5 / v + dz * ((-0.5 * z) / v);
          const rEta = (K.bEta * z + K.aEta) / w;
          const rLam = (K.bLam * z + K.aLam) / w - (r * sg) / w;
          (dTheta as Float64Array)[2 * t] = K.bEta / b + K.dlc - 0.5 * lu - (k * (2 * r * rEta * inm2 - r * r * inm2 * inm2)) / u;
          (dTheta as Float64Array)[2 * t + 1] = K.bLam / b - common * rLam;
        }
      }
      const lv = logOfProduct(pv);
      logV += lv === lv ? lv : sumLogs(s2, t0, t1);
      const lu = logOfProduct(pu);
      if (lu === lu) logU += lu;
      else {
        for (let t = t0; t < t1; t++) {
          const z = e[t] / Math.sqrt(s2[t]);
          const r = (b * z + a) / (1 + (z + ab > 0 ? 1 : z + ab < 0 ? -1 : 0) * lam);
          logU += Math.log(1 + r * r * inm2);
        }
      }
    }
    return -0.5 * logV - k * logU + n * (lb + K.lc);
  }
  /** Quantile (arch's `SkewStudent.ppf`). */
  ppf(p: number, params: Float64Array): number {
    const [eta, lam] = params;
    const { a, b } = skewConstants(eta, lam);
    const cut = (1 - lam) / 2;
    const icdf = p < cut ? tPpf(p / (1 - lam), eta) : tPpf(0.5 + (p - cut) / (1 + lam), eta);
    return (icdf * (1 + Math.sign(p - cut) * lam) * Math.sqrt(1 - 2 / eta) - a) / b;
  }
  /** Distribution function (arch's `SkewStudent.cdf`). */
  cdf(x: number, params: Float64Array): number {
    const [eta, lam] = params;
    const { a, b } = skewConstants(eta, lam);
    const sv = Math.sqrt(eta / (eta - 2));
    if (x < -a / b) return (1 - lam) * tCdf(((b * x + a) / (1 - lam)) * sv, eta);
    return (1 - lam) / 2 + (1 + lam) * (tCdf(((b * x + a) / (1 + lam)) * sv, eta) - 0.5);
  }
  /**
   * E[z | z <= q_alpha] in closed form on the left branch (alpha <= (1 - lambda)/2, which holds for
   * VaR levels): there z = ((1 - lambda) u - a)/b with u of unit-variance t density (mass
   * 1 - lambda), so with T = u / s, s = sqrt((eta-2)/eta), t_q = F_T^{-1}(alpha / (1 - lambda)):
   *   E[z | z <= q] = ((1 - lambda) s E[T | T <= t_q] - a) / b.
   * NaN on the right branch (the caller integrates the quantile function).
   */
  tailMean(alpha: number, params: Float64Array): number {
    const [eta, lam] = params;
    if (!(alpha <= 0.5 * (1 - lam))) return NaN;
    const { a, b } = skewConstants(eta, lam);
    const p = alpha / (1 - lam);
    const s = Math.sqrt((eta - 2) / eta);
    return ((1 - lam) * s * tTailMean(tPpf(p, eta), eta, p) - a) / b;
  }
  /**
   * One draw by Hansen's construction (no quantile function per draw): with X a unit-variance
   * Student-t variate (shape eta) and an independent side chosen left with probability
   * (1 - lambda)/2, z = (-(1 - lambda)|X| - a)/b on the left and ((1 + lambda)|X| - a)/b on the
   * right. Substituting u = (b z + a)/(1 -+ lambda) in Hansen's density gives exactly the
   * unit-variance t density of u on each half, with masses (1 -+ lambda)/2. The constants a, b
   * are cached for the last (eta, lambda).
   */
  draw(rng: Rng, params: Float64Array): number {
    const eta = params[0];
    const lam = params[1];
    if (eta !== this.drawEta || lam !== this.drawLam) {
      const { a, b } = skewConstants(eta, lam);
      this.drawEta = eta;
      this.drawLam = lam;
      this.drawA = a;
      this.drawB = b;
      this.drawScale = Math.sqrt((eta - 2) / eta);
    }
    const x = Math.abs(rng.studentT(eta)) * this.drawScale;
    const left = rng.uniform() < 0.5 * (1 - lam);
    return ((left ? -(1 - lam) * x : (1 + lam) * x) - this.drawA) / this.drawB;
  }
  private drawEta = NaN;
  private drawLam = NaN;
  private drawA = 0;
  private drawB = 1;
  private drawScale = 1;
}

warmUpLoglik(new SkewStudent(), Float64Array.of(8, -0.1));
