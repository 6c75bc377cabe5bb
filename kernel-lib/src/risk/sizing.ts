import { InvalidArgumentError } from '../errors';
import { sampleStd, simpleReturns } from '../metrics/returns';

/** Default stop distance: 10 % below the entry for a long (above for a short). */
export const DEFAULT_STOP_LOSS = 0.1;
/** Default cap on one trade: 2 % of capital. */
export const DEFAULT_MAX_TRADE_FRACTION = 0.02;
/** Default risk budget per trade for volatility-target sizing. */
export const DEFAULT_RISK_PER_TRADE = 0.01;

/** Stop price: `entry (1 - stop)` for a long, `entry (1 + stop)` for a short. */
export function stopLossPrice(entry: number, side: 'long' | 'short' = 'long', stop = DEFAULT_STOP_LOSS): number {
  if (!(entry > 0)) throw new InvalidArgumentError(`entry price must be > 0, got ${entry}`);
  if (!(stop > 0 && stop < 1)) throw new InvalidArgumentError(`stop-loss fraction must be in (0, 1), got ${stop}`);
  return side === 'long' ? entry - entry * stop : entry + entry * stop;
}

/** True when `price` has reached the stop (<= stop for a long, >= stop for a short). */
export function stopLossTriggered(entry: number, price: number, side: 'long' | 'short' = 'long', stop = DEFAULT_STOP_LOSS): boolean {
  const s = stopLossPrice(entry, side, stop);
  return side === 'long' ? price <= s : price >= s;
}

/**
 * Caps an order so its notional is at most `maxFraction` (2 %) of capital:
 * `min(quantity, maxFraction capital / price)`.
 */
export function capOrderQuantity(quantity: number, price: number, capital: number, maxFraction = DEFAULT_MAX_TRADE_FRACTION): number {
  if (!(quantity >= 0) || !(price > 0) || !(capital > 0)) throw new InvalidArgumentError(`capOrderQuantity needs quantity >= 0, price > 0, capital > 0 (got ${quantity}, ${price}, ${capital})`);
  if (!(maxFraction > 0 && maxFraction <= 1)) throw new InvalidArgumentError(`maxFraction must be in (0, 1], got ${maxFraction}`);
  return Math.min(quantity, (maxFraction * capital) / price);
}

/**
 * Volatility-target size `riskPerTrade / sigma` (default risk 0.01): sigma = 0.02 gives 0.5. A
 * NaN, infinite, zero or negative sigma raises an error instead of returning Infinity or NaN.
 */
export function volatilityTargetSize(sigma: number, riskPerTrade = DEFAULT_RISK_PER_TRADE): number {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new InvalidArgumentError(`volatility must be finite and > 0 for volatility-target sizing, got ${sigma}`);
  if (!(riskPerTrade > 0)) throw new InvalidArgumentError(`riskPerTrade must be > 0, got ${riskPerTrade}`);
  return riskPerTrade / sigma;
}

/**
 * Port of the reference's `RealTimeRiskManagement.position_sizing`: simple returns of the closes,
 * rolling sample standard deviation (ddof 1, pandas' default) over the last `window` (20) returns,
 * not annualised, and size `riskPerTrade / sigma_last`. Needs at least window + 1 prices (pandas
 * would give NaN); a zero volatility raises an error.
 */
export function rollingVolatilitySize(closes: ArrayLike<number>, riskPerTrade = DEFAULT_RISK_PER_TRADE, window = 20): { sigma: number; size: number } {
  if (!(window >= 2) || !Number.isInteger(window)) throw new InvalidArgumentError(`window must be an integer >= 2, got ${window}`);
  if (closes.length < window + 1) throw new InvalidArgumentError(`rolling volatility over ${window} returns needs at least ${window + 1} prices, got ${closes.length}`);
  const r = simpleReturns(closes);
  const sigma = sampleStd(r.subarray(r.length - window));
  return { sigma, size: volatilityTargetSize(sigma, riskPerTrade) };
}
