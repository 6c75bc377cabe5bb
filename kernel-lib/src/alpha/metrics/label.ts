/**
 * The forward-return label a factor is scored against.
 *
 * Default definition: label(t, i) = price(t + h, i) / price(t, i) - 1 with `price` the close,
 * i.e. the return earned by holding from the close of day t to the close of day t + h.
 * The last h dates have no label (NaN), and so does any (t, i) where either price is missing
 * or not positive. Any other label (e.g. AlphaForge's `Ref(vwap,-21)/Ref(vwap,-1)-1`) can be
 * built with the formula DSL and passed to the metrics directly; pass its look-ahead (21
 * there) wherever a function asks for the label's horizon.
 */
import { InvalidArgumentError } from '../../errors';
import type { Panel } from '../../data/panel';
import { datesOf } from './pairs';

/** Forward return over `horizon` days from a date-major price array. */
export function forwardReturnFromPrices(prices: Float64Array, nAssets: number, horizon: number): Float64Array {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InvalidArgumentError(`label horizon must be an integer >= 1, got ${horizon}`);
  }
  const T = datesOf(prices, nAssets, 'price');
  const out = new Float64Array(prices.length).fill(NaN);
  for (let t = 0; t + horizon < T; t++) {
    const a = t * nAssets;
    const b = (t + horizon) * nAssets;
    for (let i = 0; i < nAssets; i++) {
      const p0 = prices[a + i];
      const p1 = prices[b + i];
      if (p0 > 0 && p1 > 0 && Number.isFinite(p0) && Number.isFinite(p1)) out[a + i] = p1 / p0 - 1;
    }
  }
  return out;
}

/** Forward return of a panel field (default `close`) over `horizon` days. */
export function forwardReturn(panel: Panel, horizon = 1, field = 'close'): Float64Array {
  return forwardReturnFromPrices(panel.field(field), panel.nAssets, horizon);
}
