/**
 * `evaluateFactor`: every standard metric of one factor against one label, in one object.
 *
 * Conventions (see the files of this folder for each definition): dates with fewer than
 * `minAssets` assets where factor and label are both finite are skipped; ICIR = mean / std
 * (ddof 1) of the daily IC, not annualised; t = ICIR * sqrt(days); `turnover` is the mean daily
 * weight turnover of the factor portfolio (fraction of the gross book traded per day).
 */
import { dailyIC, dailyRankIC } from './ic';
import { dailyFactorReturn } from './factorReturn';
import { quantileReturns, type QuantileOptions, type QuantileReturns } from './quantile';
import { quantileTurnover, rankAutocorrelation, weightTurnover } from './turnover';
import { summarizeSeries, type SeriesSummary } from './summary';
import { num, nums, numsOf } from './json';
import type { DecayPoint } from './decay';

export interface EvaluateOptions extends QuantileOptions {
  /** Label horizon in days (recorded in the report). */
  horizon?: number;
  name?: string;
  formula?: string;
  /** Dates of the panel (length T), for the payload's series. */
  dates?: readonly string[];
  /** IC decay points to attach (from `icDecay`). */
  decay?: DecayPoint[];
}

export class FactorReport {
  readonly name: string;
  readonly formula?: string;
  readonly horizon: number;
  readonly dates?: readonly string[];
  readonly dailyIC: Float64Array;
  readonly dailyRankIC: Float64Array;
  readonly dailyFactorReturn: Float64Array;
  readonly dailyTurnover: Float64Array;
  readonly dailyRankAutocorrelation: Float64Array;
  readonly dailyQuantileTurnover: Float64Array;
  readonly ic: SeriesSummary;
  readonly rankIC: SeriesSummary;
  readonly factorReturn: SeriesSummary;
  readonly spread: SeriesSummary;
  readonly quantiles: QuantileReturns;
  readonly decay?: DecayPoint[];
  /** Validation gate outcome (`GateResult.toJSON()`), attached by whoever ran the gate. */
  gate?: GatePlain;

  constructor(factor: Float64Array, label: Float64Array, nAssets: number, opts: EvaluateOptions = {}) {
    this.name = opts.name ?? opts.formula ?? 'factor';
    this.formula = opts.formula;
    this.horizon = opts.horizon ?? 1;
    this.dates = opts.dates;
    this.dailyIC = dailyIC(factor, label, nAssets, opts);
    this.dailyRankIC = dailyRankIC(factor, label, nAssets, opts);
    this.dailyFactorReturn = dailyFactorReturn(factor, label, nAssets, opts);
    this.dailyTurnover = weightTurnover(factor, nAssets, opts);
    this.dailyRankAutocorrelation = rankAutocorrelation(factor, nAssets, 1, opts);
    this.dailyQuantileTurnover = quantileTurnover(factor, nAssets, opts);
    this.ic = summarizeSeries(this.dailyIC);
    this.rankIC = summarizeSeries(this.dailyRankIC);
    this.factorReturn = summarizeSeries(this.dailyFactorReturn);
    this.quantiles = quantileReturns(factor, label, nAssets, opts);
    this.spread = summarizeSeries(this.quantiles.spread);
    this.decay = opts.decay;
  }

  /** Mean daily weight turnover of the factor portfolio. */
  get turnover(): number {
    return summarizeSeries(this.dailyTurnover).mean;
  }

  get rankAutocorrelation(): number {
    return summarizeSeries(this.dailyRankAutocorrelation).mean;
  }

  /** The CLI's summary: `{ic, icir, rank_ic, rank_icir, t_stat, days, turnover}`. */
  summary(): { ic: number | null; icir: number | null; rank_ic: number | null; rank_icir: number | null; t_stat: number | null; days: number; turnover: number | null } {
    return {
      ic: num(this.ic.mean),
      icir: num(this.ic.ir),
      rank_ic: num(this.rankIC.mean),
      rank_icir: num(this.rankIC.ir),
      t_stat: num(this.ic.tStat),
      days: this.ic.days,
      turnover: num(this.turnover),
    };
  }

  toPayload(): FactorReportPayload {
    return {
      kind: 'factor-report',
      version: 1,
      name: this.name,
      formula: this.formula ?? null,
      horizon: this.horizon,
      ic: numsOf(this.ic),
      rankIC: numsOf(this.rankIC),
      factorReturn: numsOf(this.factorReturn),
      spread: numsOf(this.spread),
      turnover: num(this.turnover),
      rankAutocorrelation: num(this.rankAutocorrelation),
      quantileTurnover: num(summarizeSeries(this.dailyQuantileTurnover).mean),
      quantileMeanReturns: nums(this.quantiles.mean),
      decay: (this.decay ?? []).map((d) => ({
        horizon: d.horizon,
        ic: num(d.ic),
        icir: num(d.icir),
        rankIC: num(d.rankIC),
        rankICIR: num(d.rankICIR),
        days: d.days,
      })),
      ...(this.gate ? { gate: this.gate } : {}),
      series: {
        dates: this.dates ? this.dates.slice() : null,
        ic: nums(this.dailyIC),
        rankIC: nums(this.dailyRankIC),
        factorReturn: nums(this.dailyFactorReturn),
        spread: nums(this.quantiles.spread),
      },
    };
  }

  toString(): string {
    const f = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
    const q = Array.from(this.quantiles.mean, (v) => f(v * 1e4, 1)).join(' ');
    return [
      `FactorReport ${this.name} (horizon ${this.horizon}d, ${this.ic.days} days)`,
      `  IC      ${f(this.ic.mean)}  ICIR ${f(this.ic.ir)}  t ${f(this.ic.tStat, 2)}  p ${f(this.ic.pValue)}`,
      `  RankIC  ${f(this.rankIC.mean)}  RankICIR ${f(this.rankIC.ir)}`,
      `  factor return (OLS slope) ${f(this.factorReturn.mean, 6)}  long-short spread ${f(this.spread.mean * 1e4, 2)} bp per ${this.horizon}d label`,
      `  quantile mean returns (bp, low..high): ${q}`,
      `  turnover ${f(this.turnover)}  rank autocorrelation ${f(this.rankAutocorrelation)}`,
      ...(this.decay && this.decay.length > 0
        ? [`  IC decay: ` + this.decay.map((d) => `${d.horizon}d ${f(d.ic)}`).join('  ')]
        : []),
      ...(this.gate ? [`  gate ${this.gate.pass ? 'PASS' : 'FAIL'}: ` + this.gate.checks.map((c) => `${c.name} ${c.status}`).join(', ')] : []),
    ].join('\n');
  }
}

/** Plain form of a gate result (see alpha/gate). */
export interface GatePlain {
  pass: boolean;
  checks: { name: string; value: number | null; threshold: number | null; comparison: string; status: 'pass' | 'fail' | 'skipped'; detail: string }[];
}

type Summ = { mean: number | null; std: number | null; ir: number | null; tStat: number | null; pValue: number | null; days: number | null };

export interface FactorReportPayload {
  kind: 'factor-report';
  version: 1;
  name: string;
  formula: string | null;
  horizon: number;
  ic: Summ;
  rankIC: Summ;
  factorReturn: Summ;
  spread: Summ;
  turnover: number | null;
  rankAutocorrelation: number | null;
  quantileTurnover: number | null;
  quantileMeanReturns: (number | null)[];
  gate?: GatePlain;
  decay: { horizon: number; ic: number | null; icir: number | null; rankIC: number | null; rankICIR: number | null; days: number }[];
  series: {
    dates: string[] | null;
    ic: (number | null)[];
    rankIC: (number | null)[];
    factorReturn: (number | null)[];
    spread: (number | null)[];
  };
}

/** Evaluate a factor (dates x nAssets, date-major) against a label of the same shape. */
export function evaluateFactor(factor: Float64Array, label: Float64Array, nAssets: number, opts: EvaluateOptions = {}): FactorReport {
  return new FactorReport(factor, label, nAssets, opts);
}
