import { InvalidArgumentError } from '../errors';

/** A series of periodic simple returns (0.01 = +1 %), oldest first. */
export type Returns = ArrayLike<number>;

/**
 * Conventions shared by every metric, matching empyrical 0.5.5 (quantopian/empyrical):
 * - `periods`: periods per year used to annualise (252 for daily data);
 * - `riskFree`: per-period risk-free rate subtracted before the Sharpe ratio (default 0);
 * - `requiredReturn`: per-period minimum acceptable return for Sortino / downside risk (default 0).
 */
export interface MetricOptions {
  periods?: number;
  riskFree?: number;
  requiredReturn?: number;
}

/** Periods per year for daily data, as empyrical's `APPROX_BDAYS_PER_YEAR`. */
export const TRADING_DAYS = 252;

/** Reads `periods` (default 252) and checks it is a positive finite number. */
export function periodsOf(opts: MetricOptions | undefined): number {
  const p = opts?.periods ?? TRADING_DAYS;
  if (!(p > 0) || !Number.isFinite(p)) throw new InvalidArgumentError(`periods must be a positive number, got ${p}`);
  return p;
}

/**
 * Checks that a return series is usable: at least `minLength` values, all finite, none <= -1
 * is allowed (a -100 % period is a total loss and is kept). Missing values are not skipped
 * silently: a NaN raises an error naming its position, so the caller decides how to fill.
 */
export function checkReturns(r: Returns, what: string, minLength = 1): void {
  if (r === null || r === undefined || typeof r.length !== 'number') {
    throw new InvalidArgumentError(`${what}: expected an array of returns`);
  }
  if (r.length < minLength) {
    throw new InvalidArgumentError(`${what}: needs at least ${minLength} return(s), got ${r.length}`);
  }
  for (let i = 0; i < r.length; i++) {
    const x = r[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new InvalidArgumentError(`${what}: return at index ${i} is ${String(x)} (fill or drop missing values first)`);
    }
  }
}

/** Arithmetic mean. */
export function mean(r: Returns): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i];
  return s / r.length;
}

/** Sample standard deviation (ddof = 1), two-pass for accuracy. */
export function sampleStd(r: Returns): number {
  const m = mean(r);
  let ss = 0;
  for (let i = 0; i < r.length; i++) {
    const d = r[i] - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (r.length - 1));
}

/**
 * Cumulative compounded return path: `c_t = prod_{s<=t} (1 + r_s) - 1` (empyrical `cum_returns`,
 * starting value 0). With `startingValue` > 0 the path is the wealth `startingValue * prod(1 + r_s)`.
 */
export function cumulativeReturns(r: Returns, startingValue = 0): Float64Array {
  checkReturns(r, 'cumulativeReturns', 0);
  const out = new Float64Array(r.length);
  let w = 1;
  for (let i = 0; i < r.length; i++) {
    w *= 1 + r[i];
    out[i] = startingValue === 0 ? w - 1 : w * startingValue;
  }
  return out;
}

/** Total compounded return `prod(1 + r_t) - 1` (empyrical `cum_returns_final`). */
export function totalReturn(r: Returns): number {
  checkReturns(r, 'totalReturn', 1);
  let w = 1;
  for (let i = 0; i < r.length; i++) w *= 1 + r[i];
  return w - 1;
}

/**
 * Simple returns from prices: `r_t = p_t / p_{t-1} - 1` (length n - 1). Prices must be finite
 * and positive.
 */
export function simpleReturns(prices: ArrayLike<number>): Float64Array {
  if (prices.length < 2) throw new InvalidArgumentError(`simpleReturns: needs at least 2 prices, got ${prices.length}`);
  const out = new Float64Array(prices.length - 1);
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    if (!(p > 0) || !Number.isFinite(p)) throw new InvalidArgumentError(`simpleReturns: price at index ${i} is ${p} (must be finite and > 0)`);
    if (i > 0) out[i - 1] = p / prices[i - 1] - 1;
  }
  return out;
}

/** Log returns from prices: `r_t = ln(p_t / p_{t-1})`. */
export function logReturns(prices: ArrayLike<number>): Float64Array {
  const s = simpleReturns(prices);
  for (let i = 0; i < s.length; i++) s[i] = Math.log1p(s[i]);
  return s;
}
