/**
 * Cross-sections of two date-major panels restricted to the assets where both are finite.
 *
 * Every per-date metric in this folder (IC, RankIC, factor return, quantile returns) is
 * computed over exactly these assets, so the rule "a value counts only where the factor and
 * the label are both finite" lives in one place.
 */
import { InvalidArgumentError } from '../../errors';

/** Number of dates of a date-major array, checking that the length is a whole number of cross-sections. */
export function datesOf(values: Float64Array, nAssets: number, what = 'factor'): number {
  if (!Number.isInteger(nAssets) || nAssets < 1) throw new InvalidArgumentError(`nAssets must be a positive integer, got ${nAssets}`);
  if (values.length % nAssets !== 0) {
    throw new InvalidArgumentError(`${what} has ${values.length} values, not a multiple of ${nAssets} assets`);
  }
  return values.length / nAssets;
}

/** Throws unless `a` and `b` have the same length (same dates x assets). */
export function checkSameShape(a: Float64Array, b: Float64Array, nAssets: number, what = 'label'): number {
  if (a.length !== b.length) {
    throw new InvalidArgumentError(`factor has ${a.length} values but ${what} has ${b.length}; both must be dates x ${nAssets} assets`);
  }
  return datesOf(a, nAssets);
}

/**
 * Copies into `xs`/`ys` the values at date `t` where both are finite; returns how many.
 * `xs` and `ys` must have room for `nAssets` values.
 */
export function finitePairs(
  a: Float64Array,
  b: Float64Array,
  t: number,
  nAssets: number,
  xs: Float64Array,
  ys: Float64Array,
): number {
  const base = t * nAssets;
  let m = 0;
  for (let i = 0; i < nAssets; i++) {
    const x = a[base + i];
    const y = b[base + i];
    if (Number.isFinite(x) && Number.isFinite(y)) {
      xs[m] = x;
      ys[m] = y;
      m++;
    }
  }
  return m;
}

/** Pearson correlation of the first `m` values; NaN when either side has zero variance. Two-pass for accuracy. */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>, m: number): number {
  let mx = 0;
  let my = 0;
  // a constant side is NaN exactly: its rounded mean would leave sums of order 1e-33, not 0
  let constX = true;
  let constY = true;
  const x0 = xs[0];
  const y0 = ys[0];
  for (let k = 0; k < m; k++) {
    mx += xs[k];
    my += ys[k];
    if (xs[k] !== x0) constX = false;
    if (ys[k] !== y0) constY = false;
  }
  if (constX || constY) return NaN;
  mx /= m;
  my /= m;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < m; k++) {
    const dx = xs[k] - mx;
    const dy = ys[k] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}
