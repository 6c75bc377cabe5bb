/**
 * Portfolio construction: returns and expected returns, covariance estimators (sample,
 * Ledoit-Wolf, shrinkage, EWMA), allocators behind one interface (weights + cash under budget,
 * bounds and turnover constraints), strategy-level allocation (dynamic scores, Kelly, drawdown
 * guard, regime overlay, VaR budget, sleeves).
 */
export * from './table';
export * from './returns';
export * from './covariance';
export * from './allocators';
export { optimizePortfolio, compareAllocators, OPTIMIZE_METHODS, type OptimizeOptions } from './optimize';
