/**
 * Maximum Sharpe and maximum diversification: maximise aᵀw / sqrt(wᵀΣw) with a = μ - rf (Sharpe)
 * or a = σ (diversification ratio), fully invested, within bounds.
 *
 * Both ratios are homogeneous of degree 0 in w, so (Cornuejols & Tütüncü; PyPortfolioOpt's
 * `max_sharpe`) with y = k w, k = Σ y > 0:
 *
 *   minimise yᵀΣy  subject to  aᵀy = 1,  (l_i / b) Σy <= y_i <= (u_i / b) Σy,
 *
 * then w = b y / Σy. Rows that are implied (l = 0, u >= b with y >= 0) become plain bounds.
 * A turnover limit is not expressible after this change of variables and is rejected.
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { matrix, scale, type Matrix } from '../../math/linalg';
import { solveQp } from '../../math/qp';
import { Allocation } from './allocation';
import { resolveConstraints, type ResolvedConstraints } from './constraints';
import { requireCov, requireMu } from './inputs';
import type { AllocationInput } from './types';

function maxRatio(cov: Matrix, a: Float64Array, c: ResolvedConstraints, assets: readonly string[], method: string): Float64Array {
  if (c.maxTurnover !== undefined) throw new InvalidArgumentError(`${method} does not support a turnover limit (the ratio is not convex in w)`);
  const n = c.n;
  const b = c.budget;
  if (!(b > 0)) throw new InvalidArgumentError(`${method} needs a positive budget, got ${b}`);
  const lower = new Float64Array(n).fill(-Infinity);
  const upper = new Float64Array(n).fill(Infinity);
  const rows: number[][] = [];
  const rhs: number[] = [];
  let nonneg = true;
  for (let i = 0; i < n; i++) if (c.lower[i] < 0) nonneg = false;
  for (let i = 0; i < n; i++) {
    const l = c.lower[i] / b;
    const u = c.upper[i] / b;
    if (l === 0) lower[i] = 0;
    else {
      const r = new Array(n).fill(l);
      r[i] = l - 1; // l Σy - y_i <= 0
      rows.push(r);
      rhs.push(0);
    }
    if (!(nonneg && u >= 1)) {
      const r = new Array(n).fill(-u);
      r[i] = 1 - u; // y_i - u Σy <= 0
      rows.push(r);
      rhs.push(0);
    }
  }
  // k = Σ y >= 0
  rows.push(new Array(n).fill(-1));
  rhs.push(0);
  const P = scale(cov, 2);
  const G = matrix(rows.length, n, Float64Array.from(rows.flat()));
  const res = solveQp({
    P, lower, upper, Aeq: matrix(1, n, a), beq: Float64Array.of(1), Aineq: G, bineq: Float64Array.from(rhs), names: assets,
  });
  let k = 0;
  for (let i = 0; i < n; i++) k += res.x[i];
  if (!(k > 0)) throw new AlphaFactoryError('infeasible', `${method}: no portfolio with a positive ratio satisfies the constraints`);
  return res.x.map((v) => (b * v) / k);
}

/** Tangency portfolio: maximum (wᵀμ - rf) / σ_p (PyPortfolioOpt `max_sharpe`). */
export function maxSharpe(input: AllocationInput): Allocation {
  const cov = requireCov(input, 'max_sharpe');
  const mu = requireMu(input, 'max_sharpe');
  const rf = input.riskFreeRate ?? 0;
  const c = resolveConstraints(input.constraints, input.assets);
  const a = mu.map((v) => v - rf);
  if (a.every((v) => v <= 0)) {
    throw new AlphaFactoryError('infeasible', `max_sharpe: no asset has an expected return above the risk-free rate ${rf}`);
  }
  const w = maxRatio(cov, a, c, input.assets, 'max_sharpe');
  return new Allocation({ method: 'max_sharpe', assets: input.assets, weights: w, cov, expectedReturns: mu, riskFreeRate: rf });
}

/** Maximum diversification ratio Σ w_i σ_i / σ_p (Choueifaty & Coignard 2008). */
export function maxDiversification(input: AllocationInput): Allocation {
  const cov = requireCov(input, 'max_diversification');
  const c = resolveConstraints(input.constraints, input.assets);
  const n = c.n;
  const sig = new Float64Array(n);
  for (let i = 0; i < n; i++) sig[i] = Math.sqrt(cov.data[i * n + i]);
  if (sig.every((v) => v === 0)) throw new InvalidArgumentError('max_diversification: every asset has zero variance');
  const w = maxRatio(cov, sig, c, input.assets, 'max_diversification');
  let num = 0;
  for (let i = 0; i < n; i++) num += w[i] * sig[i];
  const alloc = new Allocation({
    method: 'max_diversification', assets: input.assets, weights: w, cov, expectedReturns: input.expectedReturns, riskFreeRate: input.riskFreeRate,
  });
  alloc.info.diversification_ratio = num / (alloc.volatility as number);
  return alloc;
}
