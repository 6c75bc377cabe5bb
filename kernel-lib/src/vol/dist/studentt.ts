/**
 * Standardised Student's t (unit variance), shape nu in [2.05, 500]:
 *   l_t = lnG((nu+1)/2) - lnG(nu/2) - ln(pi (nu-2))/2 - ln(sigma2_t)/2 - (nu+1)/2 ln(1 + e_t^2 / (sigma2_t (nu-2))).
 * Starting value from the kurtosis k of the standardised residuals: max((4k - 6)/(k - 3) if k > 3.75 else 12, 4).
 */
import type { Rng } from '../../math/rng';
import { digamma, lgamma, tCdf, tPdf, tPpf } from '../../math/special';
import type { Constraints, Distribution } from '../types';
import { BLOCK, logOfProduct, sumLogs } from './logsum';
import { warmUpLoglik } from './warmup';

export class StudentsT implements Distribution {
  readonly name = "Standardized Student's t";
  readonly numParams = 1;
  parameterNames(): string[] {
    return ['nu'];
  }
  bounds(): Array<[number, number]> {
    return [[2.05, 500]];
  }
  constraints(): Constraints {
    return { A: [[1], [-1]], b: [2.05, -500] };
  }
  startingValues(std: Float64Array): Float64Array {
    return Float64Array.of(kurtosisStart(std));
  }
  loglik(params: Float64Array, e: Float64Array, s2: Float64Array, n: number, dE: Float64Array | null, dS: Float64Array | null, dTheta: Float64Array | null): number {
    const nu = params[0];
    const c = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
    const dc = 0.5 * digamma((nu + 1) / 2) - 0.5 * digamma(nu / 2) - 0.5 / (nu - 2);
    const k = (nu + 1) / 2;
    const inm2 = 1 / (nu - 2);
    let logV = 0;
    let logQ = 0;
    const grad = dE !== null && dS !== null && dTheta !== null;
    for (let t0 = 0; t0 < n; t0 += BLOCK) {
      const t1 = t0 + BLOCK < n ? t0 + BLOCK : n;
      let pv = 1;
      let pq = 1;
      for (let t = t0; t < t1; t++) {
        const v = s2[t];
        const q = ((e[t] * e[t]) / v) * inm2;
        pv *= v;
        pq *= 1 + q;
        if (grad) {
          const w = k / (1 + q);
          (dE as Float64Array)[t] = (-w * 2 * e[t] * inm2) / v;
          (dS as Float64Array)[t] = -0.5 / v + (w * q) / v;
          (dTheta as Float64Array)[t] = dc - 0.5 * Math.log1p(q) + w * q * inm2;
        }
      }
      const lv = logOfProduct(pv);
      logV += lv === lv ? lv : sumLogs(s2, t0, t1);
      const lq = logOfProduct(pq);
      if (lq === lq) logQ += lq;
      else for (let t = t0; t < t1; t++) logQ += Math.log1p(((e[t] * e[t]) / s2[t]) * inm2);
    }
    return -0.5 * logV - k * logQ + n * c;
  }
  ppf(p: number, params: Float64Array): number {
    const nu = params[0];
    return tPpf(p, nu) * Math.sqrt((nu - 2) / nu);
  }
  cdf(x: number, params: Float64Array): number {
    const nu = params[0];
    return tCdf(x * Math.sqrt(nu / (nu - 2)), nu);
  }
  draw(rng: Rng, params: Float64Array): number {
    const nu = params[0];
    return rng.studentT(nu) * Math.sqrt((nu - 2) / nu);
  }
  /** E[z | z <= q_alpha] = s E[T | T <= t_alpha], s = sqrt((nu-2)/nu), by `tTailMean`. */
  tailMean(alpha: number, params: Float64Array): number {
    const nu = params[0];
    return Math.sqrt((nu - 2) / nu) * tTailMean(tPpf(alpha, nu), nu, alpha);
  }
}

warmUpLoglik(new StudentsT(), Float64Array.of(8));

/** arch's moment starting value for t-type shapes from the (Pearson) kurtosis of standardised residuals. */
export function kurtosisStart(x: Float64Array): number {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] - m) * (x[i] - m);
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  const k = m4 / (m2 * m2);
  return Math.max(k > 3.75 ? (4 * k - 6) / (k - 3) : 12, 4);
}

/**
 * E[T | T <= t] for the classical Student t with nu > 1 degrees of freedom and P(T <= t) = p:
 * int_{-inf}^t x f(x) dx = -(nu + t^2) / (nu - 1) f(t).
 */
export function tTailMean(t: number, nu: number, p: number): number {
  return (-(nu + t * t) / (nu - 1)) * tPdf(t, nu) / p;
}
