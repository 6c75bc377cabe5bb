import { InvalidArgumentError } from '../errors';
import { resolveCosts, type CostModel } from './costs';
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
  /** Keep the trade log; default true. */
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
  const weights = new Float64Array(T * N);
  const turnover = new Float64Array(T);
  const costPaid = new Float64Array(T);
  const trades = new TradeLogBuilder(record ? Math.min(T * N, 1 << 20) : 0);
  let cash = capital;
  let ruinedAt = -1;

  for (let t = 0; t < T; t++) {
    const row = t * N;
    if (t > 0) cash *= 1 + cashRate;
    let V = cash;
    let shortNotional = 0;
    for (let i = 0; i < N; i++) {
      const p = prices[row + i];
      if (p > 0) last[i] = p;
      else if (!Number.isNaN(p)) throw new InvalidArgumentError(`price of ${input.assets[i]} at row ${t} is ${p} (must be > 0 or NaN)`);
      if (q[i] !== 0) {
        const v = q[i] * last[i];
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
    if (mask[t] && ruinedAt < 0) {
      const w = W instanceof Float64Array ? W.subarray(row, row + N) : W(t);
      if (w !== null) {
        if (w.length !== N) throw new InvalidArgumentError(`weights at row ${t} have ${w.length} values, expected ${N}`);
        let gross = 0;
        for (let i = 0; i < N; i++) {
          const wi = w[i];
          if (wi !== wi) continue; // NaN = 0 for matrices
          if (!Number.isFinite(wi)) throw new InvalidArgumentError(`weight of ${input.assets[i]} at row ${t} is ${wi}`);
          if (wi < 0 && !allowShort) throw new InvalidArgumentError(`weight of ${input.assets[i]} at row ${t} is ${wi} < 0 but shorting is off (allowShort)`);
          if (wi !== 0 && !(last[i] > 0)) throw new InvalidArgumentError(`weight of ${input.assets[i]} at row ${t} is ${wi} but the asset has no price yet`);
          gross += Math.abs(wi);
        }
        if (gross > maxLev + 1e-12) throw new InvalidArgumentError(`gross exposure ${gross.toFixed(4)} at row ${t} exceeds maxLeverage ${maxLev}`);
        const minTrade = opts.minTradeNotional ?? 1e-9 * V;
        let traded = 0;
        let paid = 0;
        for (let i = 0; i < N; i++) {
          const p = prices[row + i];
          if (!(p > 0)) continue; // not tradable today
          const wi = w[i] === w[i] ? w[i] : 0;
          const target = (wi * V) / p;
          const dq = target - q[i];
          const notional = Math.abs(dq) * p;
          if (notional <= minTrade) continue;
          const fill = dq > 0 ? p * (1 + costs.slippage) : p * (1 - costs.slippage);
          const commission = Math.max(costs.commission * Math.abs(dq) * fill, costs.minCommission);
          cash -= dq * fill + commission;
          q[i] = target;
          const cost = commission + Math.abs(dq) * Math.abs(fill - p);
          paid += cost;
          traded += notional;
          if (record) trades.push(t, i, dq, fill, cost);
        }
        turnover[t] = traded / V;
        costPaid[t] += paid;
      }
    }
    let post = cash;
    for (let i = 0; i < N; i++) if (q[i] !== 0) post += q[i] * last[i];
    equity[t] = post;
    if (post !== 0) for (let i = 0; i < N; i++) if (q[i] !== 0) weights[row + i] = (q[i] * last[i]) / post;
  }
  return new BacktestResult({
    name: opts.name ?? 'backtest',
    assets: input.assets,
    dates: input.dates,
    initialCapital: capital,
    equity,
    weights,
    turnover,
    costs: costPaid,
    trades: trades.build(),
    ruinedAt: ruinedAt < 0 ? null : ruinedAt,
  });
}

/** Growable columnar trade log. */
class TradeLogBuilder {
  private n = 0;
  private t: Int32Array;
  private a: Int32Array;
  private qty: Float64Array;
  private px: Float64Array;
  private cost: Float64Array;
  constructor(cap: number) {
    this.t = new Int32Array(cap);
    this.a = new Int32Array(cap);
    this.qty = new Float64Array(cap);
    this.px = new Float64Array(cap);
    this.cost = new Float64Array(cap);
  }
  push(t: number, a: number, qty: number, px: number, cost: number): void {
    if (this.n === this.t.length) this.grow();
    this.t[this.n] = t;
    this.a[this.n] = a;
    this.qty[this.n] = qty;
    this.px[this.n] = px;
    this.cost[this.n] = cost;
    this.n++;
  }
  private grow(): void {
    const cap = Math.max(16, this.t.length * 2);
    const g = <A extends Int32Array | Float64Array>(x: A, C: new (n: number) => A): A => {
      const y = new C(cap);
      y.set(x);
      return y;
    };
    this.t = g(this.t, Int32Array);
    this.a = g(this.a, Int32Array);
    this.qty = g(this.qty, Float64Array);
    this.px = g(this.px, Float64Array);
    this.cost = g(this.cost, Float64Array);
  }
  build(): TradeLog {
    return {
      count: this.n,
      dateIndex: this.t.subarray(0, this.n),
      assetIndex: this.a.subarray(0, this.n),
      quantity: this.qty.subarray(0, this.n),
      price: this.px.subarray(0, this.n),
      cost: this.cost.subarray(0, this.n),
    };
  }
}
