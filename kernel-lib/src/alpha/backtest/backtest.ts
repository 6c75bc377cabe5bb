/**
 * Signal backtest: turn a signal panel into daily portfolio returns with trading costs.
 *
 * Timing: weights w(t) are set at the close of date t from signal(t) and earn
 * forwardReturn(t) = close(t + 1) / close(t) - 1 (pass `forwardReturn(panel, 1)`). A held
 * asset with a missing forward return earns 0 that day (stated, not hidden: `missingReturns`
 * counts them).
 * Costs, charged on date t on the change from w(t - 1) to w(t): opening (raising |w|) costs
 * `openCost` (default 5 bps) per unit, closing (lowering |w|) `closeCost` (default 15 bps);
 * a sign flip closes the old position and opens the new one.
 * net(t) = sum_i w(t, i) r(t, i) - cost(t); turnover(t) = sum_i |w(t, i) - w(t - 1, i)|.
 * The evaluated span runs from the first date with a position to the last date with any
 * forward return. Performance metrics are empyrical's (kernel-lib/src/metrics): Sharpe
 * (annualised, 252), max drawdown (negative, compounded wealth), annual return (CAGR).
 * Cumulative return is reported both ways, labelled: additive = sum of net returns,
 * compounded = prod(1 + net) - 1.
 */
import { InvalidArgumentError } from '../../errors';
import { sharpe, maxDrawdown, cagr, annualVolatility } from '../../metrics';
import { checkSameShape } from '../metrics/pairs';
import { num, nums } from '../metrics/json';
import { quantilesOf } from '../metrics/quantile';
import { quantileLongShortWeights, topKDropoutStep, topKWeights } from './positions';

export type BacktestStrategy = 'topk' | 'quantile-long-short' | 'topk-dropout';

export interface BacktestOptions {
  strategy?: BacktestStrategy;
  /** Names held by top-k and top-k-dropout (default 50). */
  k?: number;
  /** Names top-k-dropout may replace per day (default 5). */
  nDrop?: number;
  /** Buckets of the quantile long-short (default 5). */
  quantiles?: number;
  /** Cost per unit of position opened (default 0.0005 = 5 bps). */
  openCost?: number;
  /** Cost per unit of position closed (default 0.0015 = 15 bps). */
  closeCost?: number;
  dates?: readonly string[];
}

export class BacktestResult {
  constructor(
    readonly strategy: BacktestStrategy,
    readonly params: { k: number; nDrop: number; quantiles: number; openCost: number; closeCost: number },
    readonly start: number,
    readonly end: number,
    readonly gross: Float64Array,
    readonly costs: Float64Array,
    readonly net: Float64Array,
    readonly turnover: Float64Array,
    readonly missingReturns: number,
    readonly dates?: readonly string[],
  ) {}

  /** Net returns over the evaluated span. */
  get returns(): Float64Array {
    return this.net.slice(this.start, this.end + 1);
  }

  get cumulativeAdditive(): number {
    let s = 0;
    for (const r of this.returns) s += r;
    return s;
  }

  get cumulativeCompounded(): number {
    let w = 1;
    for (const r of this.returns) w *= 1 + r;
    return w - 1;
  }

  /** Additive (sum) and compounded (product) cumulative net return paths over the span. */
  cumulativePaths(): { additive: Float64Array; compounded: Float64Array } {
    const r = this.returns;
    const additive = new Float64Array(r.length);
    const compounded = new Float64Array(r.length);
    let s = 0;
    let w = 1;
    r.forEach((x, k) => {
      s += x;
      w *= 1 + x;
      additive[k] = s;
      compounded[k] = w - 1;
    });
    return { additive, compounded };
  }

  kpis(): { sharpe: number; maxDrawdown: number; annualReturn: number; annualVolatility: number; meanTurnover: number; cumulativeAdditive: number; cumulativeCompounded: number; days: number } {
    const r = this.returns;
    let tsum = 0;
    for (let t = this.start; t <= this.end; t++) tsum += this.turnover[t];
    return {
      sharpe: r.length > 1 ? sharpe(r) : NaN,
      maxDrawdown: r.length > 0 ? maxDrawdown(r) : NaN,
      annualReturn: r.length > 0 ? cagr(r) : NaN,
      annualVolatility: r.length > 1 ? annualVolatility(r) : NaN,
      meanTurnover: r.length > 0 ? tsum / r.length : NaN,
      cumulativeAdditive: this.cumulativeAdditive,
      cumulativeCompounded: this.cumulativeCompounded,
      days: r.length,
    };
  }

  toPayload(): SignalBacktestPayload {
    const k = this.kpis();
    const p = this.cumulativePaths();
    return {
      kind: 'signal-backtest',
      version: 1,
      strategy: this.strategy,
      params: { ...this.params },
      kpis: {
        sharpe: num(k.sharpe),
        maxDrawdown: num(k.maxDrawdown),
        annualReturn: num(k.annualReturn),
        annualVolatility: num(k.annualVolatility),
        meanTurnover: num(k.meanTurnover),
        cumulativeAdditive: num(k.cumulativeAdditive),
        cumulativeCompounded: num(k.cumulativeCompounded),
        days: k.days,
      },
      dates: this.dates ? this.dates.slice(this.start, this.end + 1) : null,
      net: nums(this.returns),
      cumulativeAdditive: nums(p.additive),
      cumulativeCompounded: nums(p.compounded),
      turnover: nums(this.turnover.slice(this.start, this.end + 1)),
      missingReturns: this.missingReturns,
    };
  }

  toString(): string {
    const k = this.kpis();
    const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : 'n/a');
    return [
      `SignalBacktest ${this.strategy} (${k.days} days, open ${this.params.openCost * 1e4} bp / close ${this.params.closeCost * 1e4} bp)`,
      `  cumulative return: additive (sum) ${pct(k.cumulativeAdditive)}, compounded ${pct(k.cumulativeCompounded)}`,
      `  Sharpe ${Number.isFinite(k.sharpe) ? k.sharpe.toFixed(3) : 'n/a'}  max drawdown ${pct(k.maxDrawdown)}  annual return ${pct(k.annualReturn)}  turnover ${k.meanTurnover.toFixed(3)}/day`,
    ].join('\n');
  }
}

export interface SignalBacktestPayload {
  kind: 'signal-backtest';
  version: 1;
  strategy: BacktestStrategy;
  params: { k: number; nDrop: number; quantiles: number; openCost: number; closeCost: number };
  kpis: {
    sharpe: number | null;
    maxDrawdown: number | null;
    annualReturn: number | null;
    annualVolatility: number | null;
    meanTurnover: number | null;
    cumulativeAdditive: number | null;
    cumulativeCompounded: number | null;
    days: number;
  };
  dates: string[] | null;
  net: (number | null)[];
  cumulativeAdditive: (number | null)[];
  cumulativeCompounded: (number | null)[];
  turnover: (number | null)[];
  missingReturns: number;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(`${name} must be an integer >= 1, got ${v}`);
  return v;
}

export function signalBacktest(signal: Float64Array, forwardReturns: Float64Array, nAssets: number, opts: BacktestOptions = {}): BacktestResult {
  const T = checkSameShape(signal, forwardReturns, nAssets, 'forward returns');
  const strategy = opts.strategy ?? 'topk';
  if (!['topk', 'quantile-long-short', 'topk-dropout'].includes(strategy)) {
    throw new InvalidArgumentError(`unknown strategy "${strategy}" (use topk, quantile-long-short, topk-dropout)`);
  }
  const k = positiveInt('k', opts.k ?? 50);
  const nDrop = opts.nDrop ?? 5;
  if (!Number.isInteger(nDrop) || nDrop < 0) throw new InvalidArgumentError(`nDrop must be an integer >= 0, got ${nDrop}`);
  const quantiles = quantilesOf(opts);
  const openCost = opts.openCost ?? 0.0005;
  const closeCost = opts.closeCost ?? 0.0015;
  if (!(openCost >= 0) || !(closeCost >= 0)) throw new InvalidArgumentError(`costs must be >= 0 (open ${openCost}, close ${closeCost})`);
  const N = nAssets;
  const gross = new Float64Array(T);
  const costs = new Float64Array(T);
  const net = new Float64Array(T);
  const turnover = new Float64Array(T);
  let prev = new Float64Array(N);
  let cur = new Float64Array(N);
  let held: number[] = [];
  let start = -1;
  let end = -1;
  let missing = 0;
  for (let t = 0; t < T; t++) {
    const base = t * N;
    if (strategy === 'topk') topKWeights(signal, base, N, k, cur);
    else if (strategy === 'quantile-long-short') quantileLongShortWeights(signal, base, N, quantiles, cur);
    else {
      held = topKDropoutStep(signal, base, N, k, nDrop, held);
      cur.fill(0);
      for (const i of held) cur[i] = 1 / k;
    }
    let g = 0;
    let c = 0;
    let to = 0;
    let invested = false;
    let anyReturn = false;
    for (let i = 0; i < N; i++) {
      const w = cur[i];
      const p = prev[i];
      const r = forwardReturns[base + i];
      if (Number.isFinite(r)) anyReturn = true;
      if (w !== 0) {
        invested = true;
        if (Number.isFinite(r)) g += w * r;
        else missing++;
      }
      to += Math.abs(w - p);
      if (Math.sign(w) === Math.sign(p) || p === 0 || w === 0) {
        const d = Math.abs(w) - Math.abs(p);
        c += d > 0 ? openCost * d : -closeCost * d;
      } else {
        c += closeCost * Math.abs(p) + openCost * Math.abs(w);
      }
    }
    gross[t] = g;
    costs[t] = c;
    net[t] = g - c;
    turnover[t] = to;
    if (start < 0 && invested) start = t;
    if (anyReturn) end = t;
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  if (start < 0 || end < start) {
    throw new InvalidArgumentError('signal backtest never held a position on a date with forward returns (is the signal all NaN?)');
  }
  return new BacktestResult(strategy, { k, nDrop, quantiles, openCost, closeCost }, start, end, gross, costs, net, turnover, missing, opts.dates);
}
