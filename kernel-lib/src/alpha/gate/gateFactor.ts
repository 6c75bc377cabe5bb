/**
 * `gateFactor`: measure a factor on panels and run the validation gate.
 *
 * - IC and t from the daily Pearson IC (`metrics/ic.ts`, `metrics/summary.ts`);
 * - gross return and cost drag from `economics.ts` (fraction of capital per day);
 * - liquidity from `liquidity.ts` when `dollarVolume` is given (skipped otherwise);
 * - zoo correlation = max over `zooFactors` of |mean daily cross-sectional Pearson
 *   correlation| between the candidate's values and the member's values.
 */
import { dailyIC, dailyFactorCorrelation, type CrossSectionOptions } from '../metrics/ic';
import { summarizeSeries } from '../metrics/summary';
import { factorEconomics } from './economics';
import { liquidityScore } from './liquidity';
import { validateFactor, type GateResult } from './gate';
import { DEFAULT_COST_PER_UNIT_TRADED, type GateThresholds } from './thresholds';

export interface GateFactorOptions extends CrossSectionOptions {
  horizon?: number;
  /** close x volume, same shape as the factor. */
  dollarVolume?: Float64Array;
  advWindow?: number;
  costPerUnitTraded?: number;
  /** Values of the active zoo members, same shape as the factor. */
  zooFactors?: Float64Array[];
  thresholds?: Partial<GateThresholds>;
}

/** Mean daily cross-sectional correlation of two factors (NaN when no date qualifies). */
export function meanFactorCorrelation(a: Float64Array, b: Float64Array, nAssets: number, opts?: CrossSectionOptions): number {
  return summarizeSeries(dailyFactorCorrelation(a, b, nAssets, false, opts)).mean;
}

export function maxZooCorrelation(factor: Float64Array, zoo: Float64Array[], nAssets: number, opts?: CrossSectionOptions): number {
  let best = 0;
  for (const z of zoo) {
    const c = Math.abs(meanFactorCorrelation(factor, z, nAssets, opts));
    if (c > best) best = c;
  }
  return best;
}

export function gateFactor(factor: Float64Array, label: Float64Array, nAssets: number, opts: GateFactorOptions = {}): GateResult {
  const ic = summarizeSeries(dailyIC(factor, label, nAssets, opts));
  const eco = factorEconomics(factor, label, nAssets, opts.horizon ?? 1, opts.costPerUnitTraded ?? DEFAULT_COST_PER_UNIT_TRADED, opts);
  const liquidity = opts.dollarVolume ? liquidityScore(factor, opts.dollarVolume, nAssets, opts.advWindow ?? 20, opts) : undefined;
  return validateFactor(
    {
      ic: ic.mean,
      tStat: ic.tStat,
      grossReturn: eco.grossReturn,
      costDrag: eco.costDrag,
      liquidity,
      maxZooCorrelation: maxZooCorrelation(factor, opts.zooFactors ?? [], nAssets, opts),
    },
    opts.thresholds,
  );
}
