import { checkReturns, type Returns } from './returns';

/**
 * Win rate (quantstats `win_rate` convention): the share of NON-ZERO returns (or trade PnLs) that
 * are positive, `#(r > 0) / #(r != 0)`. NaN when every value is zero (there is nothing to rate).
 */
export function winRate(r: Returns): number {
  checkReturns(r, 'winRate', 1);
  let wins = 0;
  let nonZero = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i] !== 0) nonZero++;
    if (r[i] > 0) wins++;
  }
  return nonZero === 0 ? NaN : wins / nonZero;
}

/**
 * Profit factor: gross profit over gross loss, `sum(r > 0) / |sum(r < 0)|`. With no losses it is
 * Infinity when there is any profit and 0 otherwise (the rule in the multi-strategy reference).
 */
export function profitFactor(r: Returns): number {
  checkReturns(r, 'profitFactor', 1);
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i] > 0) gain += r[i];
    else loss -= r[i];
  }
  if (loss === 0) return gain > 0 ? Infinity : 0;
  return gain / loss;
}
