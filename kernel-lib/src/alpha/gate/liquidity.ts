/**
 * Liquidity score of a factor: the share of its gross position held outside the least
 * liquid fifth of the universe.
 *
 * ADV(t, i) = mean of dollar volume (close x volume) over the `window` days ending at t
 * (all must be present). On each date the assets with an ADV are split into 5 buckets by the
 * quantile tie rule, and score(t) = sum_i |w(t, i)| over the assets NOT in the bottom
 * bucket (w = `factorWeights`, gross 1; an asset without ADV counts as illiquid). The score is
 * the mean over dates with a position; an evenly spread factor scores about 0.8, one that
 * lives in the smallest names scores near 0.
 */
import { bucketsOf } from '../metrics/quantile';
import { factorWeights } from '../metrics/turnover';
import { checkSameShape } from '../metrics/pairs';
import type { CrossSectionOptions } from '../metrics/ic';
import { InvalidArgumentError } from '../../errors';

/** Rolling mean over `window` dates of a date-major array (NaN unless all observations are finite). */
export function rollingMeanByAsset(values: Float64Array, nAssets: number, window: number): Float64Array {
  const T = values.length / nAssets;
  const out = new Float64Array(values.length).fill(NaN);
  for (let i = 0; i < nAssets; i++) {
    let s = 0;
    let bad = 0;
    for (let t = 0; t < T; t++) {
      const v = values[t * nAssets + i];
      if (Number.isFinite(v)) s += v;
      else bad++;
      if (t >= window) {
        const old = values[(t - window) * nAssets + i];
        if (Number.isFinite(old)) s -= old;
        else bad--;
      }
      if (t >= window - 1 && bad === 0) out[t * nAssets + i] = s / window;
    }
  }
  return out;
}

export function liquidityScore(
  factor: Float64Array,
  dollarVolume: Float64Array,
  nAssets: number,
  window = 20,
  opts?: CrossSectionOptions,
): number {
  const T = checkSameShape(factor, dollarVolume, nAssets, 'dollar volume');
  if (!Number.isInteger(window) || window < 1) throw new InvalidArgumentError(`ADV window must be an integer >= 1, got ${window}`);
  const adv = rollingMeanByAsset(dollarVolume, nAssets, window);
  const w = factorWeights(factor, nAssets, opts);
  let total = 0;
  let days = 0;
  for (let t = 0; t < T; t++) {
    const idx: number[] = [];
    const vals: number[] = [];
    let gross = 0;
    for (let i = 0; i < nAssets; i++) {
      gross += Math.abs(w[t * nAssets + i]);
      const a = adv[t * nAssets + i];
      if (Number.isFinite(a)) {
        idx.push(i);
        vals.push(a);
      }
    }
    if (!(gross > 0) || idx.length < 5) continue;
    const b = bucketsOf(Float64Array.from(vals), 5);
    let liquid = 0;
    for (let k = 0; k < idx.length; k++) if (b[k] > 0) liquid += Math.abs(w[t * nAssets + idx[k]]);
    total += liquid / gross;
    days++;
  }
  return days > 0 ? total / days : NaN;
}
