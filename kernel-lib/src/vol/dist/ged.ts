/**
 * Generalised error distribution (unit variance), shape nu in [1.01, 500]:
 *   l = ln nu - ln c - lnG(1/nu) - (1 + 1/nu) ln 2 - ln(sigma2)/2 - |e / (c sigma)|^nu / 2,
 *   ln c = (-2/nu ln 2 + lnG(1/nu) - lnG(3/nu)) / 2.  Starting value 1.5.
 */
import type { Rng } from '../../math/rng';
import { digamma, gammaP, lgamma } from '../../math/special';
import type { Constraints, Distribution } from '../types';
import { warmUpLoglik } from './warmup';

const LN2 = Math.LN2;

export class GeneralizedError implements Distribution {
  readonly name = 'Generalized Error Distribution';
  readonly numParams = 1;
  parameterNames(): string[] {
    return ['nu'];
  }
  bounds(): Array<[number, number]> {
    return [[1.01, 500]];
  }
  constraints(): Constraints {
    return { A: [[1], [-1]], b: [1.01, -500] };
  }
  startingValues(): Float64Array {
    return Float64Array.of(1.5);
  }
  loglik(params: Float64Array, e: Float64Array, s2: Float64Array, n: number, dE: Float64Array | null, dS: Float64Array | null, dTheta: Float64Array | null): number {
    const nu = params[0];
    const lc = 0.5 * ((-2 / nu) * LN2 + lgamma(1 / nu) - lgamma(3 / nu));
    const c = Math.exp(lc);
    const inu2 = 1 / (nu * nu);
    const dlc = 0.5 * (2 * LN2 * inu2 - digamma(1 / nu) * inu2 + 3 * digamma(3 / nu) * inu2);
    const konst = Math.log(nu) - lc - lgamma(1 / nu) - (1 + 1 / nu) * LN2;
    const dkonst = 1 / nu - dlc + digamma(1 / nu) * inu2 + LN2 * inu2;
    let ll = 0;
    for (let t = 0; t < n; t++) {
      const v = s2[t];
      const x = Math.abs(e[t]) / (Math.sqrt(v) * c);
      const xn = Math.pow(x, nu);
      ll += -0.5 * Math.log(v) - 0.5 * xn;
      if (dE && dS && dTheta) {
        dE[t] = e[t] === 0 ? 0 : (-0.5 * nu * xn) / e[t];
        dS[t] = -0.5 / v + (0.25 * nu * xn) / v;
        const lx = x > 0 ? Math.log(x) : 0;
        dTheta[t] = dkonst - 0.5 * xn * (lx - nu * dlc);
      }
    }
    return ll + n * konst;
  }
  /** Quantile: symmetric, |X| c^-1 ... via the regularised gamma: P(|X| <= x) = P(1/nu, (x/(c sqrt 2^(2/nu)))^nu ...). */
  ppf(p: number, params: Float64Array): number {
    const nu = params[0];
    // bisection on the cdf (monotone), enough for VaR quantiles
    if (p <= 0) return -Infinity;
    if (p >= 1) return Infinity;
    let lo = -1;
    let hi = 1;
    while (this.cdf(lo, params) > p) lo *= 2;
    while (this.cdf(hi, params) < p) hi *= 2;
    for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
      const mid = 0.5 * (lo + hi);
      if (this.cdf(mid, params) < p) lo = mid;
      else hi = mid;
    }
    void nu;
    return 0.5 * (lo + hi);
  }
  /** F(x) = 1/2 + sgn(x) P(1/nu, |x/(c)|^nu / 2) / 2 with the unit-variance scale c. */
  cdf(x: number, params: Float64Array): number {
    const nu = params[0];
    const lc = 0.5 * ((-2 / nu) * LN2 + lgamma(1 / nu) - lgamma(3 / nu));
    const y = 0.5 * Math.pow(Math.abs(x) / Math.exp(lc), nu);
    const half = 0.5 * gammaP(1 / nu, y);
    return x < 0 ? 0.5 - half : 0.5 + half;
  }
  draw(rng: Rng, params: Float64Array): number {
    const nu = params[0];
    const lc = 0.5 * ((-2 / nu) * LN2 + lgamma(1 / nu) - lgamma(3 / nu));
    // |X| = c (2 G)^(1/nu), G ~ Gamma(1/nu)
    const g = rng.gamma(1 / nu);
    const mag = Math.exp(lc) * Math.pow(2 * g, 1 / nu);
    return rng.uniform() < 0.5 ? -mag : mag;
  }
}

warmUpLoglik(new GeneralizedError(), Float64Array.of(1.5));
