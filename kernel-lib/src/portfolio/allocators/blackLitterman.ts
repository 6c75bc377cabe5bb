/**
 * Black-Litterman (He & Litterman 1999), as PyPortfolioOpt's `BlackLittermanModel`:
 *
 *   prior (market-implied)  Π = δ Σ w_mkt + rf,  w_mkt = caps / Σ caps
 *   default view uncertainty Ω = diag(τ P Σ Pᵀ)
 *   posterior returns  μ_BL = Π + τΣPᵀ (P τΣ Pᵀ + Ω)⁻¹ (Q - PΠ)
 *   posterior cov      Σ_BL = Σ + τΣ - τΣPᵀ (P τΣ Pᵀ + Ω)⁻¹ P τΣ
 *   closed-form weights w ∝ (δ Σ)⁻¹ μ_BL, normalised to sum 1 (PyPortfolioOpt `bl_weights`)
 *
 * The allocator then either returns those closed-form weights scaled to the budget
 * (`weighting: 'closed_form'`, bounds not applied: this is the unconstrained formula) or, by
 * default, maximises the mean-variance utility μ_BLᵀw - δ/2 wᵀΣ_BL w under the constraints.
 */
import { InvalidArgumentError } from '../../errors';
import { matMul, matVec, solve, transpose, type Matrix } from '../../math/linalg';
import { Allocation } from './allocation';
import { requireCov } from './inputs';
import { meanVariance } from './minVariance';
import type { AllocationInput } from './types';

/** Π = δ Σ w_mkt + rf. */
export function marketImpliedPriorReturns(marketCaps: ArrayLike<number>, riskAversion: number, cov: Matrix, riskFreeRate = 0): Float64Array {
  const n = cov.rows;
  if (marketCaps.length !== n) throw new InvalidArgumentError(`${marketCaps.length} market caps for ${n} assets`);
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (!(marketCaps[i] >= 0)) throw new InvalidArgumentError(`market cap ${i} must be >= 0, got ${marketCaps[i]}`);
    s += marketCaps[i];
  }
  if (!(s > 0)) throw new InvalidArgumentError('market caps sum to 0');
  const w = Float64Array.from(marketCaps, (v) => v / s);
  return matVec(cov, w).map((v) => riskAversion * v + riskFreeRate);
}

/** Market-implied risk aversion δ = (E[r_m] - rf) / Var(r_m) from market returns, annualised. */
export function marketImpliedRiskAversion(marketReturns: ArrayLike<number>, frequency = 252, riskFreeRate = 0): number {
  const r = Array.from(marketReturns).filter((v) => !Number.isNaN(v));
  if (r.length < 2) throw new InvalidArgumentError('market-implied risk aversion needs at least 2 returns');
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  const v = r.reduce((a, b) => a + (b - m) * (b - m), 0) / (r.length - 1);
  return (m * frequency - riskFreeRate) / (v * frequency);
}

export interface Views {
  /** K x n picking matrix (rows: views). */
  P: Matrix;
  /** K view returns. */
  Q: ArrayLike<number>;
  /** K x K view uncertainty (default diag(τ P Σ Pᵀ)). */
  omega?: Matrix;
}

export interface BlackLittermanPosterior {
  prior: Float64Array;
  returns: Float64Array;
  cov: Matrix;
  omega: Matrix;
}

export function blackLittermanPosterior(cov: Matrix, prior: ArrayLike<number>, views: Views, tau = 0.05): BlackLittermanPosterior {
  const n = cov.rows;
  const { P } = views;
  const K = P.rows;
  if (!(tau > 0 && tau <= 1)) throw new InvalidArgumentError(`tau must lie in (0, 1], got ${tau}`);
  if (P.cols !== n) throw new InvalidArgumentError(`picking matrix P has ${P.cols} columns for ${n} assets`);
  if (views.Q.length !== K) throw new InvalidArgumentError(`Q has ${views.Q.length} views but P has ${K} rows`);
  if (prior.length !== n) throw new InvalidArgumentError(`prior has ${prior.length} returns for ${n} assets`);
  const tauSigma = { rows: n, cols: n, data: cov.data.map((v) => tau * v) };
  const tauSigmaPt = matMul(tauSigma, transpose(P)); // n x K
  const PtSP = matMul(P, tauSigmaPt); // K x K
  let omega = views.omega;
  if (!omega) {
    omega = { rows: K, cols: K, data: new Float64Array(K * K) };
    for (let k = 0; k < K; k++) omega.data[k * K + k] = PtSP.data[k * K + k];
  } else if (omega.rows !== K || omega.cols !== K) {
    throw new InvalidArgumentError(`omega must be ${K}x${K}, got ${omega.rows}x${omega.cols}`);
  }
  const A = { rows: K, cols: K, data: PtSP.data.map((v, k) => v + (omega as Matrix).data[k]) };
  const Ppi = matVec(P, prior);
  const b = Float64Array.from(views.Q, (q, k) => q - Ppi[k]);
  const sol = solve(A, b);
  const post = matVec(tauSigmaPt, sol).map((v, i) => v + prior[i]);
  const M = solve(A, transpose(tauSigmaPt)); // K x n
  const corr = matMul(tauSigmaPt, M);
  const postCov = { rows: n, cols: n, data: cov.data.map((v, k) => v + tauSigma.data[k] - corr.data[k]) };
  return { prior: Float64Array.from(prior), returns: post, cov: postCov, omega };
}

export interface BlackLittermanOptions {
  /** Market caps for the market-implied prior (default: the prior given as `prior`, else equal caps). */
  marketCaps?: ArrayLike<number>;
  /** A prior instead of the market-implied one. */
  prior?: ArrayLike<number>;
  views?: Views;
  /** δ (default 1, PyPortfolioOpt's default). */
  riskAversion?: number;
  tau?: number;
  weighting?: 'utility' | 'closed_form';
}

export function blackLitterman(input: AllocationInput, opts: BlackLittermanOptions = {}): Allocation {
  const cov = requireCov(input, 'black_litterman');
  const n = input.assets.length;
  const delta = opts.riskAversion ?? 1;
  if (!(delta > 0)) throw new InvalidArgumentError(`risk aversion must be > 0, got ${delta}`);
  const rf = input.riskFreeRate ?? 0;
  const prior = opts.prior ? Float64Array.from(opts.prior) : marketImpliedPriorReturns(opts.marketCaps ?? new Float64Array(n).fill(1), delta, cov, rf);
  const post = opts.views
    ? blackLittermanPosterior(cov, prior, opts.views, opts.tau ?? 0.05)
    : { prior, returns: prior, cov: { rows: n, cols: n, data: cov.data.map((v) => v * (1 + (opts.tau ?? 0.05))) }, omega: { rows: 0, cols: 0, data: new Float64Array(0) } };
  const info = { risk_aversion: delta, tau: opts.tau ?? 0.05, views: opts.views ? opts.views.P.rows : 0 };
  if ((opts.weighting ?? 'utility') === 'closed_form') {
    const raw = solve({ rows: n, cols: n, data: cov.data.map((v) => delta * v) }, post.returns);
    const s = raw.reduce((a, b) => a + b, 0);
    const budget = input.constraints?.budget ?? 1;
    const w = raw.map((v) => (budget * v) / s);
    return new Allocation({ method: 'black_litterman', assets: input.assets, weights: w, cov: post.cov, expectedReturns: post.returns, riskFreeRate: rf, info: { ...info, weighting: 'closed_form' } });
  }
  const a = meanVariance({ ...input, cov: post.cov, expectedReturns: post.returns }, { riskAversion: delta });
  return new Allocation({ method: 'black_litterman', assets: input.assets, weights: a.weights, cov: post.cov, expectedReturns: post.returns, riskFreeRate: rf, info: { ...info, weighting: 'utility' } });
}
