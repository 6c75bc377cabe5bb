/**
 * Performance metrics of return series with empyrical 0.5.5's conventions: simple periodic
 * returns, 252 periods per year, sample standard deviation (ddof 1), Sortino's downside deviation
 * over all observations with required return 0, risk-free rate 0, drawdowns of wealth started at 1
 * (max drawdown is negative). Shared by the alpha, portfolio, risk and backtest modules.
 */
export * from './returns';
export * from './annual';
export * from './drawdown';
export * from './ratios';
export * from './tail';
export * from './trades';
export * from './stability';
export * from './summary';
export * from './json';
export * from './tiers';
