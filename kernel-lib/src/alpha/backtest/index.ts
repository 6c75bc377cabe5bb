export { signalBacktest, BacktestResult } from './backtest';
export type { BacktestOptions, BacktestStrategy, SignalBacktestPayload } from './backtest';
export { topKWeights, quantileLongShortWeights, topKDropoutStep, rankOrder } from './positions';
