/**
 * Portfolio constraints shared by every allocator, and their resolution to per-asset bounds.
 *
 * - budget: Σ w = budget (default 1); cash = 1 - budget. (`maxBudget` instead makes it Σ w <= budget.)
 * - long-only (default): lower bound 0; `longOnly: false` without explicit bounds gives [-1, 1].
 * - lower / upper: one number for every asset or one per asset.
 * - maxTurnover with current weights: Σ |w - current| <= maxTurnover.
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';

export interface Constraints {
  longOnly?: boolean;
  lower?: number | ArrayLike<number>;
  upper?: number | ArrayLike<number>;
  /** Σ w (default 1). The rest is cash. */
  budget?: number;
  /** When true, Σ w may fall short of the budget (the shortfall is cash). */
  budgetIsCap?: boolean;
  /** Largest Σ |w - current| (needs `current`). */
  maxTurnover?: number;
  /** Current weights (for turnover). */
  current?: ArrayLike<number>;
}

export interface ResolvedConstraints {
  n: number;
  lower: Float64Array;
  upper: Float64Array;
  budget: number;
  budgetIsCap: boolean;
  maxTurnover?: number;
  current?: Float64Array;
}

function perAsset(v: number | ArrayLike<number> | undefined, n: number, dflt: number, what: string, assets: readonly string[]): Float64Array {
  const out = new Float64Array(n);
  if (v === undefined) return out.fill(dflt);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new InvalidArgumentError(`${what} bound is NaN`);
    return out.fill(v);
  }
  if (v.length !== n) throw new InvalidArgumentError(`${what} bounds have ${v.length} values for ${n} assets`);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(v[i])) throw new InvalidArgumentError(`${what} bound of "${assets[i]}" is NaN`, { column: assets[i] });
    out[i] = v[i];
  }
  return out;
}

/** Resolve and check for obvious infeasibility (lower > upper, bounds that cannot meet the budget). */
export function resolveConstraints(c: Constraints | undefined, assets: readonly string[]): ResolvedConstraints {
  const n = assets.length;
  const longOnly = c?.longOnly ?? true;
  const lower = perAsset(c?.lower, n, longOnly ? 0 : -1, 'lower', assets);
  const upper = perAsset(c?.upper, n, 1, 'upper', assets);
  if (longOnly) for (let i = 0; i < n; i++) lower[i] = Math.max(lower[i], 0);
  const budget = c?.budget ?? 1;
  if (!Number.isFinite(budget)) throw new InvalidArgumentError(`budget must be finite, got ${budget}`);
  const budgetIsCap = c?.budgetIsCap ?? false;
  let sumL = 0;
  let sumU = 0;
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) {
      throw new AlphaFactoryError('infeasible', `infeasible bounds for "${assets[i]}": lower ${lower[i]} > upper ${upper[i]}`, { column: assets[i] });
    }
    sumL += lower[i];
    sumU += upper[i];
  }
  const eps = 1e-12 * Math.max(1, Math.abs(budget));
  if (sumL > budget + eps) {
    throw new AlphaFactoryError('infeasible', `infeasible constraints: lower bounds sum to ${+sumL.toPrecision(6)} > budget ${budget}`);
  }
  if (!budgetIsCap && sumU < budget - eps) {
    throw new AlphaFactoryError('infeasible', `infeasible constraints: upper bounds sum to ${+sumU.toPrecision(6)} < budget ${budget}`);
  }
  let current: Float64Array | undefined;
  if (c?.current) {
    current = perAsset(c.current, n, 0, 'current weight', assets);
  }
  if (c?.maxTurnover !== undefined) {
    if (!(c.maxTurnover >= 0)) throw new InvalidArgumentError(`maxTurnover must be >= 0, got ${c.maxTurnover}`);
    if (!current) throw new InvalidArgumentError('maxTurnover needs the current weights (constraints.current)');
  }
  return { n, lower, upper, budget, budgetIsCap, maxTurnover: c?.maxTurnover, current };
}

/** Whether w satisfies the constraints to tol. */
export function satisfies(w: ArrayLike<number>, c: ResolvedConstraints, tol = 1e-9): boolean {
  let s = 0;
  let turn = 0;
  for (let i = 0; i < c.n; i++) {
    if (w[i] < c.lower[i] - tol || w[i] > c.upper[i] + tol) return false;
    s += w[i];
    if (c.current) turn += Math.abs(w[i] - c.current[i]);
  }
  if (c.budgetIsCap ? s > c.budget + tol : Math.abs(s - c.budget) > tol) return false;
  if (c.maxTurnover !== undefined && turn > c.maxTurnover + tol) return false;
  return true;
}
