/**
 * EWMA / RiskMetrics variance: sigma2_t = (1 - lambda) e_{t-1}^2 + lambda sigma2_{t-1}, started at
 * the backcast. lambda is fixed (0.94 by default, no parameters) or estimated in [0, 1]
 * (parameter `lam`). No variance bounds are applied (as in arch).
 */
import type { BackcastMode, Constraints, RecursionIO, VolatilityProcess, VolatilitySimulator } from '../types';
import { backcastValue } from './common';
import { Garch } from './garch';

export class Ewma implements VolatilityProcess {
  readonly name = 'EWMA/RiskMetrics';
  readonly numParams: number;
  readonly power = 2;

  /** `lambda` fixed in (0, 1), or null to estimate it. */
  constructor(readonly lambda: number | null = 0.94) {
    if (lambda !== null && !(lambda > 0 && lambda < 1)) throw new RangeError('EWMA lambda must be strictly between 0 and 1');
    this.numParams = lambda === null ? 1 : 0;
  }

  parameterNames(): string[] {
    return this.lambda === null ? ['lam'] : [];
  }

  bounds(): Array<[number, number]> {
    return this.lambda === null ? [[0, 1]] : [];
  }

  constraints(): Constraints {
    return this.lambda === null ? { A: [[1]], b: [0] } : { A: [], b: [] };
  }

  backcast(resids: Float64Array, mode: BackcastMode): number {
    return backcastValue(resids, 2, mode);
  }

  varianceBounds(resids: Float64Array): Float64Array {
    const out = new Float64Array(2 * resids.length);
    for (let t = 0; t < resids.length; t++) {
      out[2 * t] = -1;
      out[2 * t + 1] = 1.7e308;
    }
    return out;
  }

  startingValues(): Float64Array {
    return this.lambda === null ? Float64Array.of(0.94) : new Float64Array(0);
  }

  private lam(params: Float64Array): number {
    return this.lambda === null ? params[0] : this.lambda;
  }

  recursion(io: RecursionIO): void {
    const lam = this.lam(io.params);
    const a = 1 - lam;
    const { resids, n, X, kMean, K, offset, backcast, sigma2, dSigma2: D } = io;
    const est = this.lambda === null;
    for (let t = 0; t < n; t++) {
      const row = t * K;
      const ePrev = t === 0 ? 0 : resids[t - 1];
      const fe = t === 0 ? backcast : ePrev * ePrev;
      const sPrev = t === 0 ? backcast : sigma2[t - 1];
      sigma2[t] = a * fe + lam * sPrev;
      if (D) {
        for (let k = 0; k < K; k++) D[row + k] = t === 0 ? 0 : lam * D[row - K + k];
        if (t > 0) for (let m = 0; m < kMean; m++) D[row + m] -= a * 2 * ePrev * X[(t - 1) * kMean + m];
        if (est) D[row + offset] += sPrev - fe;
      }
    }
  }

  analyticForecast(params: Float64Array, _resids: Float64Array, _sigma2: Float64Array, sigma2Next: number, _backcast: number, horizon: number): Float64Array | null {
    void params;
    return new Float64Array(horizon).fill(sigma2Next);
  }

  simulator(params: Float64Array, resids: Float64Array, sigma2: Float64Array, backcast: number): VolatilitySimulator {
    const lam = this.lam(params);
    return new Garch(1, 0, 1).simulator(Float64Array.of(0, 1 - lam, lam), resids, sigma2, backcast);
  }
}
