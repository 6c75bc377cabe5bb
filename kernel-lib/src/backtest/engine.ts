import { InvalidArgumentError } from '../errors';
import { resolveCosts, type CostModel, type ResolvedCosts } from './costs';
import { rebalanceMask, type RebalanceSchedule } from './schedule';
import { BacktestResult, type TradeLog } from './result';

/**
 * Target weights: a T x N date-major matrix (row t is used on rebalance dates; NaN means 0), or a
 * function called on each rebalance date that returns N weights, or null to skip that rebalance.
 * Weights are fractions of current equity; the remainder 1 - sum(w) is cash (negative cash =
 * leverage). Row t is traded at the close of date t and earns the return from t to t + 1, so
 * weights at t must only use information up to t.
 */
export type TargetWeights = Float64Array | ((t: number) => ArrayLike<number> | null);

export interface BacktestInput {
  assets: readonly string[];
  /** ISO dates (needed for weekly/monthly/quarterly schedules and payloads). */
  dates?: readonly string[];
  /** Close prices, T x N date-major (index t * N + i); NaN = no price (not tradable that day). */
  prices: Float64Array;
  weights: TargetWeights;
}

export interface BacktestOptions {
  name?: string;
  /** Starting equity in currency; default 1,000,000. */
  initialCapital?: number;
  schedule?: RebalanceSchedule;
  costs?: CostModel;
  /** Allow negative weights (short positions); default false. */
  allowShort?: boolean;
  /** Maximum gross exposure sum |w| per rebalance; default Infinity. */
  maxLeverage?: number;
  /** Interest on cash per period (negative cash pays it); default 0. */
  cashRate?: number;
  /** Keep the trade log (rebuilt on first use from the quantity path); default true. */
  recordTrades?: boolean;
  /** Skip trades smaller than this notional; default 1e-9 x equity. */
  minTradeNotional?: number;
}

/**
 * Event-free vectorised-in-time simulation of a multi-asset portfolio with share holdings and cash.
 * For each date t: cash accrues `cashRate`, shorts pay borrow; the book is marked at the last valid
 * prices, `V = cash + sum_i q_i p_i`; on a rebalance date each tradable asset moves to
 * `q_i* = w_i V / p_i` at the fill price `p_i (1 +/- slippage)` paying `max(commission |notional|,
 * minCommission)`; assets without a price that day keep their holding. Equity is recorded after
 * trading; weights over time are `q_i p_i / equity`. Equity at or below zero stops trading (ruin).
 */
export function runBacktest(input: BacktestInput, opts: BacktestOptions = {}): BacktestResult {
  const N = input.assets.length;
  if (N === 0) throw new InvalidArgumentError('backtest needs at least one asset');
  const prices = input.prices;
  if (prices.length % N !== 0) throw new InvalidArgumentError(`prices hold ${prices.length} values, not a multiple of ${N} assets`);
  const T = prices.length / N;
  if (T < 1) throw new InvalidArgumentError('backtest needs at least one date');
  if (input.dates && input.dates.length !== T) throw new InvalidArgumentError(`${input.dates.length} dates but ${T} rows of prices`);
  const W = input.weights;
  if (W instanceof Float64Array && W.length !== T * N) throw new InvalidArgumentError(`weights hold ${W.length} values, expected ${T} x ${N}`);
  const capital = opts.initialCapital ?? 1_000_000;
  if (!(capital > 0)) throw new InvalidArgumentError(`initialCapital must be > 0, got ${capital}`);
  const costs = resolveCosts(opts.costs);
  const allowShort = opts.allowShort ?? false;
  const maxLev = opts.maxLeverage ?? Infinity;
  const cashRate = opts.cashRate ?? 0;
  const record = opts.recordTrades ?? true;
  const mask = rebalanceMask(opts.schedule ?? 'daily', T, input.dates);

  const q = new Float64Array(N);
  const last = new Float64Array(N).fill(NaN);
  const equity = new Float64Array(T);
  const Q = new Float64Array(T * N); // post-trade quantities
  const turnover = new Float64Array(T);
  const costPaid = new Float64Array(T);
  const { commission: cRate, slippage: sRate, minCommission } = costs;
  let cash = capital;
  let ruinedAt = -1;

  for (let t = 0; t < T; t++) {
    const row = t * N;
    if (t > 0) cash *= 1 + cashRate;
    // mark to market at the last valid prices
    let V = cash;
    let shortNotional = 0;
    for (let i = 0; i < N; i++) {
      const p = prices[row + i];
      if (p > 0) last[i] = p;
      else if (p === p) throw new InvalidArgumentError(`price of ${input.assets[i]} at row ${t} is ${p} (must be > 0 or NaN)`);
      const qi = q[i];
      if (qi !== 0) {
        const v = qi * last[i];
        Q[row + i] = qi;
        V += v;
        if (v < 0) shortNotional -= v;
      }
    }
    if (t > 0 && costs.borrowPerPeriod > 0 && shortNotional > 0) {
      const b = costs.borrowPerPeriod * shortNotional;
      cash -= b;
      V -= b;
      costPaid[t] += b;
    }
    if (ruinedAt < 0 && V <= 0) ruinedAt = t;
    let paid = 0;
    if (mask[t] && ruinedAt < 0) {
      const w = W instanceof Float64Array ? W.subarray(row, row + N) : W(t);
      if (w !== null) {
        if (w.length !== N) throw new InvalidArgumentError(`weights at row ${t} have ${w.length} values, expected ${N}`);
        const minTrade = opts.minTradeNotional ?? 1e-9 * V;
        let gross = 0;
        let traded = 0;
        for (let i = 0; i < N; i++) {
          let wi = w[i];
          if (wi !== wi) wi = 0; // NaN = 0 for matrices
          else if (wi !== 0) {
            if (wi === Infinity || wi === -Infinity) throw new InvalidArgumentError(`weight of ${input.assets[i]} at row ${t} is ${wi}`);
            if (wi < 0 && !allowShort) throw new InvalidArgumentError(`weight of ${input.assets[i]} at row ${t} is ${wi} < 0 but shorting is off (allowShort)`);
            if (!(last[i] > 0)) throw new InvalidArgumentError(`weight of ${input.assets[i]} at row ${t} is ${wi} but the asset has no price yet`);
            gross += wi < 0 ? -wi : wi;
          }
          const p = prices[row + i];
          if (!(p > 0)) continue; // not tradable today: the holding stays
          const target = (wi * V) / p;
          const dq = target - q[i];
          const adq = dq < 0 ? -dq : dq;
          const notional = adq * p;
          if (notional <= minTrade) continue;
          const fill = dq > 0 ? p * (1 + sRate) : p * (1 - sRate);
          let commission = cRate * adq * fill;
          if (commission < minCommission) commission = minCommission;
          cash -= dq * fill + commission;
          q[i] = target;
          Q[row + i] = target;
          const cost = commission + adq * (fill > p ? fill - p : p - fill);
          paid += cost;
          traded += notional;
        }
        if (gross > maxLev + 1e-12) throw new InvalidArgumentError(`gross exposure ${gross.toFixed(4)} at row ${t} exceeds maxLeverage ${maxLev}`);
        turnover[t] = traded / V;
        costPaid[t] += paid;
      }
    }
    // trading at fill prices moves equity only by the costs paid
    equity[t] = V - paid;
  }
  return new BacktestResult({
    name: opts.name ?? 'backtest',
    assets: input.assets,
    dates: input.dates,
    initialCapital: capital,
    equity,
    values: () => holdingsValues(Q, prices, N),
    turnover,
    costs: costPaid,
    trades: record ? () => tradesFromQuantities(Q, prices, N, costs) : emptyTradeLog(),
    ruinedAt: ruinedAt < 0 ? null : ruinedAt,
  });
}

/** Holdings value q_i x (last valid price of i) per date, T x N. */
function holdingsValues(Q: Float64Array, prices: Float64Array, N: number): Float64Array {
  const T = Q.length / N;
  const out = new Float64Array(Q.length);
  const last = new Float64Array(N).fill(NaN);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      const p = prices[t * N + i];
      if (p > 0) last[i] = p;
      const q = Q[t * N + i];
      if (q !== 0) out[t * N + i] = q * last[i];
    }
  }
  return out;
}

/**
 * The trade log, rebuilt from the quantity path: a trade happened at (t, i) exactly when the
 * post-trade quantity changed, at the fill price p (1 +/- slippage) with the cost the engine charged.
 */
function tradesFromQuantities(Q: Float64Array, prices: Float64Array, N: number, c: ResolvedCosts): TradeLog {
  const T = Q.length / N;
  let n = 0;
  for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) if (Q[t * N + i] !== (t > 0 ? Q[(t - 1) * N + i] : 0)) n++;
  const log: TradeLog = { count: n, dateIndex: new Int32Array(n), assetIndex: new Int32Array(n), quantity: new Float64Array(n), price: new Float64Array(n), cost: new Float64Array(n) };
  let k = 0;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      const dq = Q[t * N + i] - (t > 0 ? Q[(t - 1) * N + i] : 0);
      if (dq === 0) continue;
      const p = prices[t * N + i];
      const fill = dq > 0 ? p * (1 + c.slippage) : p * (1 - c.slippage);
      const adq = Math.abs(dq);
      log.dateIndex[k] = t;
      log.assetIndex[k] = i;
      log.quantity[k] = dq;
      log.price[k] = fill;
      log.cost[k] = Math.max(c.commission * adq * fill, c.minCommission) + adq * Math.abs(fill - p);
      k++;
    }
  }
  return log;
}

function emptyTradeLog(): TradeLog {
  return { count: 0, dateIndex: new Int32Array(0), assetIndex: new Int32Array(0), quantity: new Float64Array(0), price: new Float64Array(0), cost: new Float64Array(0) };
}
