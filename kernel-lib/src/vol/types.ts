/**
 * The three small protocols a univariate volatility model is made of (after `arch`):
 * a mean model (residuals e_t = y_t - x_t'b), a volatility process (sigma2_t from past
 * residuals and variances) and a standardised distribution for z_t = e_t / sigma_t.
 *
 * Parameter vectors are laid out [mean..., volatility..., distribution...]. Constraints are
 * linear inequalities A theta - b >= 0 on a component's own parameters; bounds are boxes.
 * Derivatives are exact (forward mode through the recursions): every component returns
 * d/dtheta of what it computes, so the likelihood gradient and the per-observation scores
 * used for robust standard errors are analytic.
 */
import type { Rng } from '../math/rng';

/** How the pre-sample variance (the "backcast") is set. */
export type BackcastMode = 'arch' | 'sample';

export interface Constraints {
  /** Row-major coefficient rows, each of the component's parameter count. */
  A: number[][];
  b: number[];
}

export interface MeanModel {
  /** `Constant Mean`, `Zero Mean`, `AR`. */
  readonly name: string;
  readonly numParams: number;
  /** Observations dropped at the start (the AR lags). */
  readonly holdBack: number;
  parameterNames(): string[];
  /**
   * Regressors for the fitted sample: n x numParams row-major (n = y.length - holdBack), so that
   * e_t = y[t + holdBack] - sum_j X[t, j] b_j.
   */
  regressors(y: Float64Array): Float64Array;
  /** Least-squares starting values. */
  startingValues(yFit: Float64Array, X: Float64Array): Float64Array;
}

/** Inputs and outputs of one pass of a variance recursion (all arrays preallocated). */
export interface RecursionIO {
  /** Volatility parameters (this component's slice). */
  params: Float64Array;
  /** Residuals e_t, t = 0..n-1. */
  resids: Float64Array;
  n: number;
  /** Regressors of the mean (n x kMean); de_t/db_j = -X[t, j]. */
  X: Float64Array;
  kMean: number;
  /** True when the mean is a constant (X is a column of ones), enabling fast paths. */
  constantMean: boolean;
  /** Total parameter count K of the joint vector (row stride of dSigma2). */
  K: number;
  /** Offset of this process's parameters in the joint vector (= kMean). */
  offset: number;
  backcast: number;
  /** Lower/upper bounds per observation, interleaved [lo0, hi0, lo1, hi1, ...], in the recursion's units. */
  varBounds: Float64Array;
  /** Output: conditional variances. */
  sigma2: Float64Array;
  /** Output (optional): n x K derivatives d sigma2_t / d theta. */
  dSigma2: Float64Array | null;
  /** Scratch space of n x K doubles (processes that need a second derivative array). */
  scratch: Float64Array | null;
}

/**
 * Builds a RecursionIO with every field present in one fixed order, so all recursion inputs share
 * one hidden class (a second shape would de-optimise the hot recursion functions).
 */
export function makeRecursionIO(f: {
  params: Float64Array;
  resids: Float64Array;
  X?: Float64Array;
  kMean?: number;
  constantMean?: boolean;
  K?: number;
  offset?: number;
  backcast: number;
  varBounds: Float64Array;
  sigma2: Float64Array;
  dSigma2?: Float64Array | null;
  scratch?: Float64Array | null;
}): RecursionIO {
  return {
    params: f.params,
    resids: f.resids,
    n: f.resids.length,
    X: f.X ?? EMPTY,
    kMean: f.kMean ?? 0,
    constantMean: f.constantMean ?? false,
    K: f.K ?? 0,
    offset: f.offset ?? 0,
    backcast: f.backcast,
    varBounds: f.varBounds,
    sigma2: f.sigma2,
    dSigma2: f.dSigma2 ?? null,
    scratch: f.scratch ?? null,
  };
}

const EMPTY = new Float64Array(0);

export interface VolatilityProcess {
  /** Name as arch prints it (`GARCH`, `GJR-GARCH`, `TARCH/ZARCH`, `EGARCH`, `EWMA/RiskMetrics`, `Constant Variance`). */
  readonly name: string;
  readonly numParams: number;
  /** 2 for processes in variances, 1 for TARCH (absolute values). */
  readonly power: number;
  parameterNames(): string[];
  bounds(resids: Float64Array): Array<[number, number]>;
  constraints(): Constraints;
  /** Pre-sample value in the recursion's units (variance, |e|^power, or log variance). */
  backcast(resids: Float64Array, mode: BackcastMode): number;
  /** arch's per-observation variance bounds in the recursion's units (interleaved lo/hi). */
  varianceBounds(resids: Float64Array): Float64Array;
  /** Grid starting values (arch's grid, scored by the Gaussian likelihood). */
  startingValues(resids: Float64Array, backcast: number, varBounds: Float64Array): Float64Array;
  /** sigma2_t for t = 0..n-1 and optionally its derivatives. */
  recursion(io: RecursionIO): void;
  /**
   * Analytic variance forecasts for h = 1..horizon from the end of the sample (null if the
   * process has none beyond h = 1). `sigma2Next` is the one-step forecast already computed.
   */
  analyticForecast(params: Float64Array, resids: Float64Array, sigma2: Float64Array, sigma2Next: number, backcast: number, horizon: number): Float64Array | null;
  /** Simulation state after the sample, advanced one step at a time with drawn shocks. */
  simulator(params: Float64Array, resids: Float64Array, sigma2: Float64Array, backcast: number): VolatilitySimulator;
}

/** Steps a volatility process forward: `next()` gives sigma2 for the next period, `push(e)` records its residual. */
export interface VolatilitySimulator {
  next(): number;
  push(resid: number): void;
  clone(): VolatilitySimulator;
}

export interface Distribution {
  /** `Normal`, `Standardized Student's t`, `Standardized Skew Student's t`, `Generalized Error Distribution`. */
  readonly name: string;
  readonly numParams: number;
  parameterNames(): string[];
  bounds(): Array<[number, number]>;
  constraints(): Constraints;
  startingValues(stdResids: Float64Array): Float64Array;
  /**
   * Sum of log densities of e_t given sigma2_t. When `dE` is given, fills dl_t/de_t, dl_t/dsigma2_t
   * and (n x numParams) dl_t/dtheta_dist.
   */
  loglik(params: Float64Array, resids: Float64Array, sigma2: Float64Array, n: number, dE: Float64Array | null, dS: Float64Array | null, dTheta: Float64Array | null): number;
  /** Quantile of the standardised (unit variance) distribution. */
  ppf(p: number, params: Float64Array): number;
  /** Distribution function of the standardised distribution. */
  cdf(x: number, params: Float64Array): number;
  /** One standardised draw. */
  draw(rng: Rng, params: Float64Array): number;
  /**
   * E[z | z <= F^{-1}(alpha)] in closed form where the distribution has one (NaN where it does not
   * apply); `risk/var.ts` integrates the quantile function otherwise.
   */
  tailMean?(alpha: number, params: Float64Array): number;
}
