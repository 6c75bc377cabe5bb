/**
 * Mean-variance weights with a turnover penalty:
 *   maximise  w'mu - lambda w'Sigma w - gamma ||w - w_prev||_1
 * over the factors' daily returns per unit of z-score exposure in the realised window
 * (dates where all have one): mu = mean, Sigma = sample covariance shrunk toward
 * (trace / K) I with intensity `shrinkage` (default 0.1). w_prev = the previous rebalance's
 * weights (0 at the first), so gamma charges for changing weights. Solved by proximal
 * gradient (ISTA) with step 1 / (2 lambda ||Sigma||_F); with gamma = 0 the solution is
 * Sigma^-1 mu / (2 lambda).
 */
import { InvalidArgumentError } from '../../errors';
import type { CombinerRule } from './engine';
import { completeSeries, rowCovariance, rowMeans, shrinkCovariance } from './windowSeries';

export interface MeanVarianceOptions {
  riskAversion?: number;
  turnoverPenalty?: number;
  shrinkage?: number;
  maxIterations?: number;
}

export function meanVarianceSolve(
  mu: Float64Array,
  Sigma: Float64Array,
  prev: Float64Array,
  lambda: number,
  gamma: number,
  maxIterations = 20000,
): Float64Array {
  const K = mu.length;
  let fro = 0;
  for (const v of Sigma) fro += v * v;
  const L = 2 * lambda * Math.sqrt(fro);
  if (!(L > 0)) return prev.slice();
  const step = 1 / L;
  let w = prev.slice();
  const g = new Float64Array(K);
  for (let it = 0; it < maxIterations; it++) {
    for (let a = 0; a < K; a++) {
      let s = 0;
      for (let b = 0; b < K; b++) s += Sigma[a * K + b] * w[b];
      g[a] = -mu[a] + 2 * lambda * s;
    }
    let change = 0;
    const next = new Float64Array(K);
    for (let a = 0; a < K; a++) {
      const v = w[a] - step * g[a] - prev[a];
      const th = step * gamma;
      next[a] = prev[a] + Math.sign(v) * Math.max(0, Math.abs(v) - th);
      change = Math.max(change, Math.abs(next[a] - w[a]));
    }
    w = next;
    if (change < 1e-14 * (1 + Math.max(...w.map(Math.abs)))) break;
  }
  return w;
}

export function meanVarianceWeights(opts: MeanVarianceOptions = {}): CombinerRule {
  const lambda = opts.riskAversion ?? 1;
  const gamma = opts.turnoverPenalty ?? 1e-4;
  const shrink = opts.shrinkage ?? 0.1;
  if (!(lambda > 0)) throw new InvalidArgumentError(`riskAversion must be > 0, got ${lambda}`);
  if (!(gamma >= 0)) throw new InvalidArgumentError(`turnoverPenalty must be >= 0, got ${gamma}`);
  return {
    method: 'mean-variance',
    weights: (ctx) => {
      const { R, P } = completeSeries(ctx, 'factorReturn');
      if (P < 3) return null;
      const mu = rowMeans(R, ctx.K, P);
      const Sigma = shrinkCovariance(rowCovariance(R, ctx.K, P), ctx.K, shrink);
      const prev = ctx.prev ?? new Float64Array(ctx.K);
      return { weights: meanVarianceSolve(mu, Sigma, prev, lambda, gamma, opts.maxIterations) };
    },
  };
}
