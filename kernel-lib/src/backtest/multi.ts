import { InvalidArgumentError } from '../errors';
import { runBacktest, type BacktestInput, type BacktestOptions, type TargetWeights } from './engine';
import { BacktestResult } from './result';

/** One strategy sleeve: its target weights (of the sleeve's own equity) and its share of capital. */
export interface Sleeve {
  name: string;
  weights: TargetWeights;
  /** Fraction of initial capital given to the sleeve; fractions sum to <= 1 (the rest stays in cash). */
  capital: number;
  /** Overrides of the shared options (schedule, costs, shorting) for this sleeve. */
  options?: BacktestOptions;
}

/**
 * Multi-strategy backtest: each sleeve trades its own capital (`capital x initialCapital`) as an
 * isolated book with the shared prices; the portfolio equity is the sum of the sleeves plus the
 * unallocated cash, portfolio weights are holdings summed over sleeves over portfolio equity, and
 * trades and costs are concatenated. Per-sleeve equity curves are kept in `sleeves`.
 */
export function runMultiStrategyBacktest(
  input: Omit<BacktestInput, 'weights'>,
  sleeves: readonly Sleeve[],
  opts: BacktestOptions = {},
): BacktestResult {
  if (sleeves.length === 0) throw new InvalidArgumentError('multi-strategy backtest needs at least one sleeve');
  let total = 0;
  for (const s of sleeves) {
    if (!(s.capital >= 0)) throw new InvalidArgumentError(`sleeve ${s.name}: capital fraction must be >= 0, got ${s.capital}`);
    total += s.capital;
  }
  if (total > 1 + 1e-12) throw new InvalidArgumentError(`sleeve capital fractions sum to ${total} > 1`);
  const capital = opts.initialCapital ?? 1_000_000;
  const runs = sleeves.map((s) =>
    runBacktest({ ...input, weights: s.weights }, { ...opts, ...s.options, name: s.name, initialCapital: Math.max(s.capital * capital, 1e-12) }),
  );
  const N = input.assets.length;
  const T = runs[0].equity.length;
  const idle = (1 - total) * capital;
  const equity = new Float64Array(T).fill(idle);
  const values = new Float64Array(T * N);
  const turnover = new Float64Array(T);
  const costs = new Float64Array(T);
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (sleeves[k].capital === 0) continue;
    for (let t = 0; t < T; t++) {
      equity[t] += r.equity[t];
      costs[t] += r.costs[t];
    }
  }
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (sleeves[k].capital === 0) continue;
    for (let t = 0; t < T; t++) {
      turnover[t] += (r.turnover[t] * r.equity[t]) / equity[t];
      for (let i = 0; i < N; i++) values[t * N + i] += r.values[t * N + i];
    }
  }
  const count = runs.reduce((a, r) => a + r.trades.count, 0);
  const cat = <A extends Int32Array | Float64Array>(pick: (r: BacktestResult) => A, C: new (n: number) => A): A => {
    const out = new C(count);
    let o = 0;
    for (const r of runs) {
      out.set(pick(r), o);
      o += r.trades.count;
    }
    return out;
  };
  return new BacktestResult({
    name: opts.name ?? 'multi-strategy',
    assets: input.assets,
    dates: input.dates,
    initialCapital: capital,
    equity,
    values,
    turnover,
    costs,
    trades: {
      count,
      dateIndex: cat((r) => r.trades.dateIndex, Int32Array),
      assetIndex: cat((r) => r.trades.assetIndex, Int32Array),
      quantity: cat((r) => r.trades.quantity, Float64Array),
      price: cat((r) => r.trades.price, Float64Array),
      cost: cat((r) => r.trades.cost, Float64Array),
    },
    ruinedAt: null,
    sleeves: runs.map((r, k) => ({ name: sleeves[k].name, equity: r.equity })),
  });
}
