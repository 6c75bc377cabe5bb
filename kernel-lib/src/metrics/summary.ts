import { annualVolatility, cagr } from './annual';
import { maxDrawdown, maxDrawdownDuration } from './drawdown';
import { calmar, downsideRisk, omega, sharpe, sortino } from './ratios';
import { checkReturns, totalReturn, type MetricOptions, type Returns } from './returns';
import { stability } from './stability';
import { conditionalValueAtRisk, tailRatio, valueAtRisk } from './tail';
import { profitFactor, winRate } from './trades';

/** Every headline performance figure of a return series, keyed as the CLI prints them. */
export interface PerformanceSummary {
  n_obs: number;
  total_return: number;
  cagr: number;
  annual_volatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  max_drawdown: number;
  max_drawdown_duration: number;
  downside_risk: number;
  var_95: number;
  cvar_95: number;
  win_rate: number;
  profit_factor: number;
  omega: number;
  tail_ratio: number;
  stability: number;
}

/**
 * All metrics at once with empyrical's conventions (simple returns, 252 periods, ddof 1,
 * max drawdown negative, VaR/CVaR as returns at the 5 % cutoff). Needs at least 2 returns.
 */
export function performanceSummary(r: Returns, opts?: MetricOptions): PerformanceSummary {
  checkReturns(r, 'performanceSummary', 2);
  return {
    n_obs: r.length,
    total_return: totalReturn(r),
    cagr: cagr(r, opts),
    annual_volatility: annualVolatility(r, opts),
    sharpe: sharpe(r, opts),
    sortino: sortino(r, opts),
    calmar: calmar(r, opts),
    max_drawdown: maxDrawdown(r),
    max_drawdown_duration: maxDrawdownDuration(r),
    downside_risk: downsideRisk(r, opts),
    var_95: valueAtRisk(r, 0.05),
    cvar_95: conditionalValueAtRisk(r, 0.05),
    win_rate: winRate(r),
    profit_factor: profitFactor(r),
    omega: omega(r, { periods: opts?.periods }),
    tail_ratio: tailRatio(r),
    stability: stability(r),
  };
}
