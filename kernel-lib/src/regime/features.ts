import { InvalidArgumentError } from '../errors';

/** Names of the five regime features, in column order. */
export const REGIME_FEATURES = ['mean_return', 'volatility', 'return_to_vol', 'momentum', 'range'] as const;

/**
 * The reference's RegimeDetector features over a trailing window (default 20), one row per date t
 * from `window` on (prices up to and including t), with `r = diff(log p)` over the last `window`
 * returns: mean(r), std(r) (population, ddof 0), mean / (std + 1e-8), momentum
 * `(p_t - p_{t-window+1}) / p_{t-window+1}` and range `max / min - 1` of the last `window` prices.
 */
export function regimeFeatures(prices: ArrayLike<number>, window = 20): number[][] {
  if (!(window >= 2) || !Number.isInteger(window)) throw new InvalidArgumentError(`window must be an integer >= 2, got ${window}`);
  if (prices.length < window + 1) throw new InvalidArgumentError(`regimeFeatures needs at least ${window + 1} prices, got ${prices.length}`);
  for (let i = 0; i < prices.length; i++) if (!(prices[i] > 0)) throw new InvalidArgumentError(`regimeFeatures: price at index ${i} is ${prices[i]} (must be > 0)`);
  const out: number[][] = [];
  for (let t = window; t < prices.length; t++) {
    let s = 0;
    for (let k = t - window + 1; k <= t; k++) s += Math.log(prices[k] / prices[k - 1]);
    const m = s / window;
    let q = 0;
    for (let k = t - window + 1; k <= t; k++) q += (Math.log(prices[k] / prices[k - 1]) - m) ** 2;
    const sd = Math.sqrt(q / window);
    let hi = -Infinity;
    let lo = Infinity;
    for (let k = t - window + 1; k <= t; k++) {
      hi = Math.max(hi, prices[k]);
      lo = Math.min(lo, prices[k]);
    }
    const p0 = prices[t - window + 1];
    out.push([m, sd, m / (sd + 1e-8), (prices[t] - p0) / p0, hi / lo - 1]);
  }
  return out;
}
