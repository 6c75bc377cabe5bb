/**
 * Backtester: multi-asset share/cash simulation with rebalance schedules, commission, slippage,
 * borrow costs, shorting and leverage caps; multi-strategy sleeves; walk-forward folds. Outputs
 * equity, returns, drawdown, weights, turnover, costs and trades over time.
 */
export * from './schedule';
export * from './costs';
export * from './engine';
export * from './result';
export * from './multi';
export * from './walkforward';
