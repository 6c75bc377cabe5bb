/**
 * Thresholds of the validation gate. Defaults follow the alpha-factory pipeline of the
 * reference (IC >= 0.02, t >= 2, cost < 30% of gross, liquidity >= 0.7, |corr| <= 0.8).
 */
export interface GateThresholds {
  /** Minimum mean daily IC (signed: flip a factor whose IC is negative). Default 0.02. */
  minIC: number;
  /** Minimum t-statistic of the daily IC series. Default 2.0. */
  minTStat: number;
  /** Cost drag must stay below this share of the expected gross return. Default 0.3. */
  maxCostShare: number;
  /** Minimum liquidity score in [0, 1]. Default 0.7. */
  minLiquidity: number;
  /** Maximum |correlation| to any active zoo member. Default 0.8. */
  maxZooCorrelation: number;
}

export const DEFAULT_GATE_THRESHOLDS: Readonly<GateThresholds> = Object.freeze({
  minIC: 0.02,
  minTStat: 2.0,
  maxCostShare: 0.3,
  minLiquidity: 0.7,
  maxZooCorrelation: 0.8,
});

/** Cost per unit of gross book traded: 10 bps, the mean of the backtest's 5 bps to open and 15 bps to close. */
export const DEFAULT_COST_PER_UNIT_TRADED = 0.001;
