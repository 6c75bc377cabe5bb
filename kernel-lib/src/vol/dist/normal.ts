/**
 * Standard normal innovations: l_t = -1/2 (ln 2 pi + ln sigma2_t + e_t^2 / sigma2_t).
 */
import type { Rng } from '../../math/rng';
import { normCdf, normPdf, normPpf } from '../../math/special';
import type { Constraints, Distribution } from '../types';
import { BLOCK, logOfProduct, sumLogs } from './logsum';
import { warmUpLoglik } from './warmup';

const LN_2PI = Math.log(2 * Math.PI);

export class Normal implements Distribution {
  readonly name = 'Normal';
  readonly numParams = 0;
  parameterNames(): string[] {
    return [];
  }
  bounds(): Array<[number, number]> {
    return [];
  }
  constraints(): Constraints {
    return { A: [], b: [] };
  }
  startingValues(): Float64Array {
    return new Float64Array(0);
  }
  loglik(_params: Float64Array, e: Float64Array, s2: Float64Array, n: number, dE: Float64Array | null, dS: Float64Array | null): number {
    let quad = 0;
    let logs = 0;
    for (let t0 = 0; t0 < n; t0 += BLOCK) {
      const t1 = t0 + BLOCK < n ? t0 + BLOCK : n;
      let prod = 1;
      for (let t = t0; t < t1; t++) {
        const v = s2[t];
        const r = e[t] / v;
        prod *= v;
        quad += e[t] * r;
        if (dE && dS) {
          dE[t] = -r;
          dS[t] = 0.5 * (r * r - 1 / v);
        }
      }
      const l = logOfProduct(prod);
      logs += l === l ? l : sumLogs(s2, t0, t1);
    }
    return -0.5 * (n * LN_2PI + logs + quad);
  }
  ppf(p: number): number {
    return normPpf(p);
  }
  cdf(x: number): number {
    return normCdf(x);
  }
  draw(rng: Rng): number {
    return rng.normal();
  }
  /** E[z | z <= q_alpha] = -phi(q_alpha) / alpha. */
  tailMean(alpha: number): number {
    return -normPdf(normPpf(alpha)) / alpha;
  }
}

warmUpLoglik(new Normal(), new Float64Array(0));
