import { InvalidArgumentError } from '../errors';
import type { Matrix } from '../math/linalg';
import { riskContributions } from './contributions';
import { historicalVaR, normalVaR, type VaREstimate, type VaROptions } from './var';

/** Portfolio returns `r_t = sum_i w_i R[t, i]` of a T x N date-major return matrix (NaN is an error naming the cell). */
export function portfolioReturns(R: ArrayLike<number>, nAssets: number, w: ArrayLike<number>): Float64Array {
  if (w.length !== nAssets) throw new InvalidArgumentError(`portfolioReturns: ${w.length} weights for ${nAssets} assets`);
  if (R.length % nAssets !== 0) throw new InvalidArgumentError(`portfolioReturns: ${R.length} returns is not a multiple of ${nAssets} assets`);
  const T = R.length / nAssets;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = 0; i < nAssets; i++) {
      const v = R[t * nAssets + i];
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`portfolioReturns: return at row ${t}, asset ${i} is ${v}`);
      s += w[i] * v;
    }
    out[t] = s;
  }
  return out;
}

/** Historical VaR/CVaR of the portfolio return series (the reference's `historical_var(w, R)`). */
export function historicalPortfolioVaR(R: ArrayLike<number>, nAssets: number, w: ArrayLike<number>, opts: VaROptions = {}): VaREstimate {
  return historicalVaR(portfolioReturns(R, nAssets, w), opts);
}

/**
 * Parametric normal portfolio VaR/CVaR (the reference's `parametric_var(w, R)` with its sqrt-h defect
 * fixed): mean `w^T mu`, deviation `sqrt(w^T Sigma w)`, then {@link normalVaR}.
 */
export function parametricPortfolioVaR(w: ArrayLike<number>, mu: ArrayLike<number>, cov: Matrix, opts: VaROptions = {}): VaREstimate {
  if (mu.length !== w.length) throw new InvalidArgumentError(`parametricPortfolioVaR: ${w.length} weights but ${mu.length} means`);
  let m = 0;
  for (let i = 0; i < w.length; i++) m += w[i] * mu[i];
  return normalVaR(m, riskContributions(w, cov).volatility, opts);
}
