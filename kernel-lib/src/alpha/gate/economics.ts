/**
 * Gross return and cost drag of a factor, in the same units: fraction of gross capital per day.
 *
 * The factor portfolio holds w(t, i) (`factorWeights`: demeaned factor scaled to gross 1).
 * - expected gross return per day = mean_t sum_i w(t, i) * label(t, i) / horizon
 *   (the label is an h-day return, so its portfolio return is spread over h days);
 * - cost drag per day = mean daily weight turnover (sum_i |w(t, i) - w(t-1, i)|) x cost per
 *   unit traded (default 0.001 = 10 bps).
 * The gate then requires costDrag < maxCostShare x grossReturn (and grossReturn > 0).
 */
import { factorWeights, weightTurnover } from '../metrics/turnover';
import { checkSameShape } from '../metrics/pairs';
import { summarizeSeries } from '../metrics/summary';
import type { CrossSectionOptions } from '../metrics/ic';
import { InvalidArgumentError } from '../../errors';
import { DEFAULT_COST_PER_UNIT_TRADED } from './thresholds';

export interface FactorEconomics {
  grossReturn: number;
  turnover: number;
  costPerUnitTraded: number;
  costDrag: number;
}

export function factorEconomics(
  factor: Float64Array,
  label: Float64Array,
  nAssets: number,
  horizon = 1,
  costPerUnitTraded = DEFAULT_COST_PER_UNIT_TRADED,
  opts?: CrossSectionOptions,
): FactorEconomics {
  const T = checkSameShape(factor, label, nAssets);
  if (!(costPerUnitTraded >= 0)) throw new InvalidArgumentError(`costPerUnitTraded must be >= 0, got ${costPerUnitTraded}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new InvalidArgumentError(`horizon must be an integer >= 1, got ${horizon}`);
  const w = factorWeights(factor, nAssets, opts);
  const daily = new Float64Array(T).fill(NaN);
  for (let t = 0; t < T; t++) {
    let s = 0;
    let any = false;
    for (let i = 0; i < nAssets; i++) {
      const wi = w[t * nAssets + i];
      const y = label[t * nAssets + i];
      if (wi !== 0 && Number.isFinite(y)) {
        s += wi * y;
        any = true;
      }
    }
    if (any) daily[t] = s / horizon;
  }
  const grossReturn = summarizeSeries(daily).mean;
  const turnover = summarizeSeries(weightTurnover(factor, nAssets, opts)).mean;
  return { grossReturn, turnover, costPerUnitTraded, costDrag: turnover * costPerUnitTraded };
}
