/**
 * Build the zoo's input for one factor from its values and the label: metrics (IC, ICIR,
 * RankIC, RankICIR, t, turnover), finite ratio, uniqueness and the daily series.
 */
import { evaluateFactor, type EvaluateOptions } from '../metrics/report';
import { finiteRatio, uniqueness } from './admission';
import type { ZooAddInput } from './zoo';

export function zooEntryFromFactor(
  formula: string,
  factor: Float64Array,
  label: Float64Array,
  nAssets: number,
  opts: EvaluateOptions & Omit<Partial<ZooAddInput>, 'formula' | 'metrics' | 'series'> = {},
): ZooAddInput & { finiteRatio: number; uniqueness: number } {
  const r = evaluateFactor(factor, label, nAssets, opts);
  return {
    formula,
    name: opts.name,
    canonical: opts.canonical,
    provenance: opts.provenance,
    tags: opts.tags,
    status: opts.status,
    metrics: {
      ic: r.ic.mean,
      icir: r.ic.ir,
      rankIC: r.rankIC.mean,
      rankICIR: r.rankIC.ir,
      tStat: r.ic.tStat,
      turnover: r.turnover,
    },
    series: { ic: r.dailyIC, rankIC: r.dailyRankIC, factorReturn: r.dailyFactorReturn },
    finiteRatio: finiteRatio(factor, label),
    uniqueness: uniqueness(factor),
  };
}
