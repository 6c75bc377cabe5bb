/**
 * Equal risk contribution (risk parity) and general risk budgeting.
 *
 * Risk budgets b (default 1/n): find w > 0 with w_i (Σw)_i / wᵀΣw = b_i. Spinu (2013): y* =
 * argmin ½ yᵀΣy - Σ b_i log y_i is unique for PD Σ and satisfies y_i (Σy)_i = b_i, so
 * w = budget · y* / Σ y*. Solved by cyclical coordinate descent (Griveau-Billion, Richard &
 * Roncalli 2013): each coordinate has the closed form
 *   y_i = (-c_i + sqrt(c_i² + 4 σ_ii b_i)) / (2 σ_ii),  c_i = (Σy)_i - σ_ii y_i,
 * with Σy updated in O(n) per coordinate, until max_i |y_i (Σy)_i - b_i| / b_i <= tol (1e-12),
 * so the risk contributions are equal to ~1e-12 relative. Bounds other than the budget are
 * applied by projecting the ERC weights (`info.projected`), which then no longer have exactly
 * equal contributions.
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import type { Matrix } from '../../math/linalg';
import { Allocation } from './allocation';
import { resolveConstraints } from './constraints';
import { requireCov } from './inputs';
import { finishTarget } from './simple';
import type { AllocationInput } from './types';

export interface RiskBudgetOptions {
  /** Risk budgets (positive, normalised to sum 1); default equal. */
  budgets?: ArrayLike<number>;
  /** Relative tolerance on y_i (Σy)_i = b_i (default 1e-12). */
  tol?: number;
  maxSweeps?: number;
}

/** Spinu's y* (unnormalised) by cyclical coordinate descent. */
export function riskBudgetY(cov: Matrix, budgets: Float64Array, tol = 1e-12, maxSweeps = 20000): { y: Float64Array; sweeps: number } {
  const n = cov.rows;
  const S = cov.data;
  const y = new Float64Array(n);
  // start from inverse-volatility scaled so that yᵀΣy = 1
  for (let i = 0; i < n; i++) {
    const v = S[i * n + i];
    if (!(v > 0)) throw new InvalidArgumentError(`risk parity needs positive variances; asset ${i} has ${v}`);
    y[i] = 1 / Math.sqrt(v);
  }
  const Sy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += S[i * n + j] * y[j];
    Sy[i] = s;
  }
  let q = 0;
  for (let i = 0; i < n; i++) q += y[i] * Sy[i];
  const scale = 1 / Math.sqrt(q);
  for (let i = 0; i < n; i++) {
    y[i] *= scale;
    Sy[i] *= scale;
  }
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    for (let i = 0; i < n; i++) {
      const sii = S[i * n + i];
      const ci = Sy[i] - sii * y[i];
      const yi = (-ci + Math.sqrt(ci * ci + 4 * sii * budgets[i])) / (2 * sii);
      const d = yi - y[i];
      if (d !== 0) {
        y[i] = yi;
        // Σ is symmetric: column i = row i
        const o = i * n;
        for (let j = 0; j < n; j++) Sy[j] += S[o + j] * d;
      }
    }
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(y[i] * Sy[i] - budgets[i]) / budgets[i]);
    if (worst <= tol) {
      return { y, sweeps: sweep };
    }
  }
  throw new AlphaFactoryError('no_convergence', `risk parity did not converge in ${maxSweeps} sweeps`);
}

export function riskBudgeting(input: AllocationInput, opts: RiskBudgetOptions = {}): Allocation {
  const cov = requireCov(input, 'erc');
  const c = resolveConstraints(input.constraints, input.assets);
  const n = c.n;
  const b = new Float64Array(n);
  if (opts.budgets) {
    if (opts.budgets.length !== n) throw new InvalidArgumentError(`risk budgets have ${opts.budgets.length} values for ${n} assets`);
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (!(opts.budgets[i] > 0)) throw new InvalidArgumentError(`risk budget of "${input.assets[i]}" must be > 0`, { column: input.assets[i] });
      s += opts.budgets[i];
    }
    for (let i = 0; i < n; i++) b[i] = opts.budgets[i] / s;
  } else b.fill(1 / n);
  const { y, sweeps } = riskBudgetY(cov, b, opts.tol ?? 1e-12, opts.maxSweeps);
  let k = 0;
  for (let i = 0; i < n; i++) k += y[i];
  const t = y.map((v) => (c.budget * v) / k);
  const { w, projected } = finishTarget(t, c, input.assets);
  return new Allocation({
    method: opts.budgets ? 'risk_budgeting' : 'erc', assets: input.assets, weights: w, cov, expectedReturns: input.expectedReturns,
    riskFreeRate: input.riskFreeRate, info: { sweeps, projected },
  });
}

/** Equal risk contribution: every asset contributes 1/n of the portfolio volatility. */
export function equalRiskContribution(input: AllocationInput, opts: Omit<RiskBudgetOptions, 'budgets'> = {}): Allocation {
  return riskBudgeting(input, opts);
}
