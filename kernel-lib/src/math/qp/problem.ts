import type { Matrix } from '../linalg';

/**
 * A convex quadratic programme
 *
 *   minimise   ½ xᵀ P x + qᵀ x
 *   subject to Aeq x = beq,  Aineq x <= bineq,  lower <= x <= upper
 *
 * P symmetric positive semidefinite (n x n). Bounds may be ±Infinity. Box bounds are handled by
 * elimination (they cost nothing); equality and general inequality rows enter a small Schur
 * complement, so keep their number modest.
 */
export interface QpProblem {
  P: Matrix;
  q?: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
  Aeq?: Matrix;
  beq?: Float64Array;
  Aineq?: Matrix;
  bineq?: Float64Array;
  /** Names of the variables, used in error messages. */
  names?: readonly string[];
}

export interface QpOptions {
  /** Feasibility / optimality tolerance (scaled by the data). Default 1e-10. */
  tol?: number;
  /** Maximum active-set iterations. Default 500. */
  maxIter?: number;
  /** Starting point used to guess the initial active set. */
  x0?: Float64Array;
}

export interface QpResult {
  x: Float64Array;
  objective: number;
  /** Active-set iterations used (all proximal rounds together). */
  iterations: number;
  /** Multipliers of the equality rows (sign: ∇f + Aeqᵀ λ + ... = 0). */
  lambdaEq: Float64Array;
  /** Multipliers (>= 0) of the inequality rows. */
  lambdaIneq: Float64Array;
  /** Bound multipliers: > 0 at an active lower bound, < 0 at an active upper bound, 0 when free. */
  lambdaBox: Float64Array;
  /** Largest constraint violation of the returned x. */
  primalResidual: number;
}
