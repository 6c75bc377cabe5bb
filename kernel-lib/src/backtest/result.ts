import { drawdownSeries } from '../metrics/drawdown';
import { jsonArray, jsonNumber } from '../metrics/json';
import { performanceSummary, type PerformanceSummary } from '../metrics/summary';

/** Every executed trade, columnar: date row, asset column, signed quantity, fill price, cost paid. */
export interface TradeLog {
  count: number;
  dateIndex: Int32Array;
  assetIndex: Int32Array;
  quantity: Float64Array;
  price: Float64Array;
  cost: Float64Array;
}

export interface BacktestResultInit {
  name: string;
  assets: readonly string[];
  dates?: readonly string[];
  initialCapital: number;
  equity: Float64Array;
  /** Post-trade holdings value q_i p_i (currency), T x N date-major, or a function computing it on first use. */
  values: Float64Array | (() => Float64Array);
  turnover: Float64Array;
  costs: Float64Array;
  trades: TradeLog | (() => TradeLog);
  ruinedAt: number | null;
  sleeves?: { name: string; equity: Float64Array }[];
}

export interface EquityPayload {
  kind: 'equity';
  version: 1;
  name: string;
  initial_capital: number;
  dates: string[] | null;
  equity: (number | null)[];
  drawdown: (number | null)[];
  metrics: Record<string, number | null>;
  turnover_total: number | null;
  costs_total: number | null;
  n_trades: number;
  ruined_at: number | null;
  assets: string[];
  final_weights: (number | null)[];
  sleeves: { name: string; equity: (number | null)[] }[];
}

/** Output of a backtest: equity, returns, drawdown, weights and trades over time, and metrics. */
export class BacktestResult {
  readonly name: string;
  readonly assets: readonly string[];
  readonly dates?: readonly string[];
  readonly initialCapital: number;
  /** Equity after trading at each date. */
  readonly equity: Float64Array;
  private valuesSource: Float64Array | (() => Float64Array);
  private tradesSource: TradeLog | (() => TradeLog);
  private weightCache?: Float64Array;
  /** Traded notional / pre-trade equity per date. */
  readonly turnover: Float64Array;
  /** Costs paid per date (commission, slippage, borrow). */
  readonly costs: Float64Array;
  /** First date row where equity reached zero (trading stopped), or null. */
  readonly ruinedAt: number | null;
  readonly sleeves: { name: string; equity: Float64Array }[];

  constructor(init: BacktestResultInit) {
    this.name = init.name;
    this.assets = init.assets;
    this.dates = init.dates;
    this.initialCapital = init.initialCapital;
    this.equity = init.equity;
    this.valuesSource = init.values;
    this.turnover = init.turnover;
    this.costs = init.costs;
    this.tradesSource = init.trades;
    this.ruinedAt = init.ruinedAt;
    this.sleeves = init.sleeves ?? [];
  }

  /** Post-trade holdings value q_i p_i (currency), T x N date-major. */
  get values(): Float64Array {
    if (typeof this.valuesSource === 'function') this.valuesSource = this.valuesSource();
    return this.valuesSource;
  }

  /** Every executed trade (date row, asset column, signed quantity, fill price, cost). */
  get trades(): TradeLog {
    if (typeof this.tradesSource === 'function') this.tradesSource = this.tradesSource();
    return this.tradesSource;
  }

  /** Post-trade weights q_i p_i / equity over time, T x N date-major (computed on first use). */
  get weights(): Float64Array {
    if (!this.weightCache) {
      const N = this.assets.length;
      const w = new Float64Array(this.values.length);
      for (let t = 0; t < this.equity.length; t++) {
        const e = this.equity[t];
        for (let i = 0; i < N; i++) w[t * N + i] = e !== 0 ? this.values[t * N + i] / e : 0;
      }
      this.weightCache = w;
    }
    return this.weightCache;
  }

  /** Period returns `r_t = E_t / E_{t-1} - 1`, with `E_{-1}` = initial capital (so r_0 includes the first trades' costs). */
  get returns(): Float64Array {
    const r = new Float64Array(this.equity.length);
    let prev = this.initialCapital;
    for (let t = 0; t < r.length; t++) {
      r[t] = this.equity[t] / prev - 1;
      prev = this.equity[t];
    }
    return r;
  }

  /** Drawdown of equity from its running peak, the initial capital counting as the first peak (<= 0). */
  get drawdown(): Float64Array {
    return drawdownSeries(this.returns);
  }

  /** Weights after trading at date row t. */
  weightsAt(t: number): Float64Array {
    const N = this.assets.length;
    const e = this.equity[t];
    return Float64Array.from(this.values.subarray(t * N, (t + 1) * N), (v) => (e !== 0 ? v / e : 0));
  }

  /** Performance metrics of the return series (empyrical conventions, see metrics). */
  get metrics(): PerformanceSummary {
    return performanceSummary(this.returns);
  }

  get totalCosts(): number {
    let s = 0;
    for (const c of this.costs) s += c;
    return s;
  }

  toPayload(maxPoints = 5000): EquityPayload {
    const T = this.equity.length;
    const step = Math.max(1, Math.ceil(T / maxPoints));
    const pick = <X>(xs: ArrayLike<X>): X[] => {
      const out: X[] = [];
      for (let t = 0; t < T; t += step) out.push(xs[t]);
      if ((T - 1) % step !== 0) out.push(xs[T - 1]);
      return out;
    };
    let turnover = 0;
    for (const x of this.turnover) turnover += x;
    const m = T >= 2 ? this.metrics : null;
    return {
      kind: 'equity',
      version: 1,
      name: this.name,
      initial_capital: this.initialCapital,
      dates: this.dates ? pick(this.dates) : null,
      equity: jsonArray(pick(this.equity)),
      drawdown: jsonArray(pick(this.drawdown)),
      metrics: m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, jsonNumber(v)])) : {},
      turnover_total: jsonNumber(turnover),
      costs_total: jsonNumber(this.totalCosts),
      n_trades: this.trades.count,
      ruined_at: this.ruinedAt,
      assets: [...this.assets],
      final_weights: jsonArray(this.weightsAt(T - 1)),
      sleeves: this.sleeves.map((s) => ({ name: s.name, equity: jsonArray(pick(s.equity)) })),
    };
  }

  toString(): string {
    const T = this.equity.length;
    const lines = [`Backtest "${this.name}": ${this.assets.length} assets x ${T} dates${this.dates ? ` (${this.dates[0]} .. ${this.dates[T - 1]})` : ''}, ${this.trades.count} trades, costs ${this.totalCosts.toFixed(2)}`];
    lines.push(`  equity ${this.initialCapital.toFixed(2)} -> ${this.equity[T - 1].toFixed(2)}${this.ruinedAt !== null ? ` (RUINED at row ${this.ruinedAt})` : ''}`);
    if (T >= 2) {
      const m = this.metrics;
      lines.push(`  CAGR ${(m.cagr * 100).toFixed(2)}%, vol ${(m.annual_volatility * 100).toFixed(2)}%, Sharpe ${m.sharpe.toFixed(3)}, Sortino ${m.sortino.toFixed(3)}, max drawdown ${(m.max_drawdown * 100).toFixed(2)}%`);
    }
    for (const s of this.sleeves) lines.push(`  sleeve ${s.name}: ${s.equity[T - 1].toFixed(2)}`);
    return lines.join('\n');
  }
}
