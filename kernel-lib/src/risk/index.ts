/**
 * Risk: VaR/CVaR (historical, parametric normal and Student t, Monte Carlo with correlated draws),
 * risk contributions and component VaR, diversification ratio, the pre-trade risk manager with its
 * emergency latch and audit log, order-conflict netting, stop-loss, per-trade size cap and
 * volatility-target sizing. Losses are reported as positive numbers.
 */
export * from './clock';
export * from './orders';
export * from './var';
export * from './montecarlo';
export * from './contributions';
export * from './limits';
export * from './pretrade';
export * from './conflicts';
export * from './sizing';
export * from './backtest-var';
export * from './report';
export * from './drawdown-limit';
export * from './portfolio-var';
