import { checkReturns, periodsOf, sampleStd, type MetricOptions, type Returns } from './returns';

/**
 * Compound annual growth rate (empyrical `cagr` = `annual_return`):
 * `CAGR = (prod(1 + r_t))^(periods / n) - 1` with n the number of returns.
 */
export function cagr(r: Returns, opts?: MetricOptions): number {
  checkReturns(r, 'cagr', 1);
  let w = 1;
  for (let i = 0; i < r.length; i++) w *= 1 + r[i];
  return Math.pow(w, periodsOf(opts) / r.length) - 1;
}

/** Alias of {@link cagr} under empyrical's other name. */
export const annualReturn = cagr;

/**
 * Annualised volatility (empyrical `annual_volatility`): `std(r, ddof = 1) * sqrt(periods)`.
 * Needs at least 2 returns.
 */
export function annualVolatility(r: Returns, opts?: MetricOptions): number {
  checkReturns(r, 'annualVolatility', 2);
  return sampleStd(r) * Math.sqrt(periodsOf(opts));
}
