import type { LibraryAlpha } from './types';

/**
 * The five basic alphas of the starter library (momentum 5d and 20d, mean reversion, volume spike,
 * volatility breakout). Windows are trading days; signs are chosen so that a higher value is a
 * stronger buy in the signal's own logic.
 */
export const BASIC_ALPHAS: readonly LibraryAlpha[] = [
  {
    name: 'momentum_5d',
    formula: 'close / delay(close, 5) - 1',
    family: 'basic',
    description: '5-day price momentum: the return over the last 5 days',
  },
  {
    name: 'momentum_20d',
    formula: 'close / delay(close, 20) - 1',
    family: 'basic',
    description: '20-day price momentum: the return over the last 20 days',
  },
  {
    name: 'mean_reversion',
    formula: '-(close / ts_mean(close, 20) - 1)',
    family: 'basic',
    description: 'distance below the 20-day moving average (positive when the price is below its mean)',
  },
  {
    name: 'volume_spike',
    formula: 'volume / adv(20) - 1',
    family: 'basic',
    description: "today's volume relative to its 20-day average, minus 1",
  },
  {
    name: 'volatility_breakout',
    formula: '(close - delay(ts_max(high, 20), 1)) / (ts_std(returns, 20) * close)',
    family: 'basic',
    description: "close above the previous 20-day high, in units of the 20-day daily volatility (in price terms)",
  },
];
