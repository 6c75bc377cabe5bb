/**
 * Constant variance: sigma2_t = sigma2 (parameter `sigma2`), bounded in [var(e)/1e5, 10 (var(e) + mean(e)^2)].
 */
import type { Constraints, RecursionIO, VolatilityProcess, VolatilitySimulator } from '../types';

export class ConstantVariance implements VolatilityProcess {
  readonly name = 'Constant Variance';
  readonly numParams = 1;
  readonly power = 2;

  parameterNames(): string[] {
    return ['sigma2'];
  }

  bounds(resids: Float64Array): Array<[number, number]> {
    const { mean, variance } = moments(resids);
    return [[variance / 100000, 10 * (variance + mean * mean)]];
  }

  constraints(): Constraints {
    return { A: [[1]], b: [0] };
  }

  backcast(resids: Float64Array): number {
    return moments(resids).variance;
  }

  varianceBounds(resids: Float64Array): Float64Array {
    const out = new Float64Array(2 * resids.length);
    for (let t = 0; t < resids.length; t++) out[2 * t + 1] = Infinity;
    return out;
  }

  startingValues(resids: Float64Array): Float64Array {
    return Float64Array.of(moments(resids).variance);
  }

  recursion(io: RecursionIO): void {
    const { params, n, K, offset, sigma2, dSigma2: D } = io;
    sigma2.fill(params[0], 0, n);
    if (D) {
      D.fill(0, 0, n * K);
      for (let t = 0; t < n; t++) D[t * K + offset] = 1;
    }
  }

  analyticForecast(params: Float64Array, _r: Float64Array, _s: Float64Array, _next: number, _b: number, horizon: number): Float64Array {
    return new Float64Array(horizon).fill(params[0]);
  }

  simulator(params: Float64Array): VolatilitySimulator {
    const s = params[0];
    const sim: VolatilitySimulator = { next: () => s, push: () => undefined, clone: () => sim };
    return sim;
  }
}

function moments(x: Float64Array): { mean: number; variance: number } {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) * (x[i] - m);
  return { mean: m, variance: v / x.length };
}
