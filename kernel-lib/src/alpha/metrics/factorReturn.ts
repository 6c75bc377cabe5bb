/**
 * Factor return: the daily cross-sectional OLS slope of the label on the factor.
 *
 * For each date, over the assets where both are finite, fit label = a + b * factor by least
 * squares and report b = cov(factor, label) / var(factor) (scipy `linregress(...).slope`).
 * It is the return of a portfolio with unit exposure to the factor. Dates with fewer than
 * `minAssets` assets or a constant factor give NaN.
 */
import { perDatePairs, type CrossSectionOptions } from './ic';

export function dailyFactorReturn(
  factor: Float64Array,
  label: Float64Array,
  nAssets: number,
  opts?: CrossSectionOptions,
): Float64Array {
  return perDatePairs(factor, label, nAssets, opts, olsSlope);
}

/** b = cov(x, y) / var(x) over the first m pairs; NaN for a constant x. */
function olsSlope(xs: Float64Array, ys: Float64Array, m: number): number {
  let mx = 0;
  let my = 0;
  // a constant x is NaN exactly: its rounded mean would leave a tiny sxx and a huge slope
  let constX = true;
  const x0 = xs[0];
  for (let k = 0; k < m; k++) {
    mx += xs[k];
    my += ys[k];
    if (xs[k] !== x0) constX = false;
  }
  if (constX) return NaN;
  mx /= m;
  my /= m;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < m; k++) {
    const dx = xs[k] - mx;
    sxy += dx * (ys[k] - my);
    sxx += dx * dx;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}
