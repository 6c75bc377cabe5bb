/**
 * Mean models: constant (`mu`), zero, and AR(p) with a constant (`Const`, `y[1]`, ..., `y[p]`,
 * arch's ARX names). Residuals are e_t = y_t - x_t'b; AR(p) holds back the first p observations.
 * Starting values are least squares.
 */
import { solveDense } from '../../math/optim/dense';
import type { MeanModel } from '../types';

export class ConstantMean implements MeanModel {
  readonly name = 'Constant Mean';
  readonly numParams = 1;
  readonly holdBack = 0;
  parameterNames(): string[] {
    return ['mu'];
  }
  regressors(y: Float64Array): Float64Array {
    return new Float64Array(y.length).fill(1);
  }
  startingValues(yFit: Float64Array): Float64Array {
    let s = 0;
    for (let i = 0; i < yFit.length; i++) s += yFit[i];
    return Float64Array.of(s / yFit.length);
  }
}

export class ZeroMean implements MeanModel {
  readonly name = 'Zero Mean';
  readonly numParams = 0;
  readonly holdBack = 0;
  parameterNames(): string[] {
    return [];
  }
  regressors(): Float64Array {
    return new Float64Array(0);
  }
  startingValues(): Float64Array {
    return new Float64Array(0);
  }
}

export class ArMean implements MeanModel {
  readonly name = 'AR';
  readonly numParams: number;
  readonly holdBack: number;
  constructor(readonly lags: number) {
    if (!(Number.isInteger(lags) && lags >= 1)) throw new RangeError(`AR lags must be a positive integer, got ${lags}`);
    this.numParams = lags + 1;
    this.holdBack = lags;
  }
  parameterNames(): string[] {
    const names = ['Const'];
    for (let i = 1; i <= this.lags; i++) names.push(`y[${i}]`);
    return names;
  }
  regressors(y: Float64Array): Float64Array {
    const p = this.lags;
    const n = y.length - p;
    const k = p + 1;
    const X = new Float64Array(n * k);
    for (let t = 0; t < n; t++) {
      X[t * k] = 1;
      for (let j = 1; j <= p; j++) X[t * k + j] = y[t + p - j];
    }
    return X;
  }
  startingValues(yFit: Float64Array, X: Float64Array): Float64Array {
    return leastSquares(yFit, X, this.numParams);
  }
}

/** OLS coefficients solving X'X b = X'y (X is n x k row-major). */
export function leastSquares(y: Float64Array, X: Float64Array, k: number): Float64Array {
  const n = y.length;
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < k; i++) {
      const xi = X[t * k + i];
      xty[i] += xi * y[t];
      for (let j = 0; j < k; j++) xtx[i * k + j] += xi * X[t * k + j];
    }
  }
  const b = solveDense(xtx, xty, k);
  if (!b) throw new RangeError('mean regressors are collinear');
  return b;
}
