/**
 * Sums of logarithms computed as the logarithm of products over blocks of 16 terms: one
 * `Math.log` per block instead of one per term. The relative rounding error of a block product is
 * ~16 ulp (~4e-15 absolute in the sum). A block whose product leaves [1e-300, 1e300] is redone
 * term by term by the caller's fallback.
 */
export const BLOCK = 16;

/** ln(prod) when the product is safely representable, else NaN (the caller then sums logs term by term). */
export function logOfProduct(prod: number): number {
  return prod > 1e-300 && prod < 1e300 ? Math.log(prod) : NaN;
}

/** sum_{t0 <= t < t1} ln x_t, term by term. */
export function sumLogs(x: Float64Array, t0: number, t1: number): number {
  let s = 0;
  for (let t = t0; t < t1; t++) s += Math.log(x[t]);
  return s;
}
