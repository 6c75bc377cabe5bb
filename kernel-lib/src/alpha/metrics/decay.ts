/**
 * IC decay: the mean IC and RankIC of one factor against forward returns of several
 * horizons (label_h(t) = price(t + h) / price(t) - 1), showing how long its signal lasts.
 */
import { dailyIC, dailyRankIC, type CrossSectionOptions } from './ic';
import { forwardReturnFromPrices } from './label';
import { summarizeSeries } from './summary';

export interface DecayPoint {
  horizon: number;
  ic: number;
  icir: number;
  rankIC: number;
  rankICIR: number;
  days: number;
}

export const DEFAULT_DECAY_HORIZONS: readonly number[] = [1, 2, 5, 10, 20];

export function icDecay(
  factor: Float64Array,
  prices: Float64Array,
  nAssets: number,
  horizons: readonly number[] = DEFAULT_DECAY_HORIZONS,
  opts?: CrossSectionOptions,
): DecayPoint[] {
  return horizons.map((h) => {
    const label = forwardReturnFromPrices(prices, nAssets, h);
    const ic = summarizeSeries(dailyIC(factor, label, nAssets, opts));
    const ric = summarizeSeries(dailyRankIC(factor, label, nAssets, opts));
    return { horizon: h, ic: ic.mean, icir: ic.ir, rankIC: ric.mean, rankICIR: ric.ir, days: ic.days };
  });
}
