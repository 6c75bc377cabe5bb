import { InvalidArgumentError } from '../errors';
import { runBacktest, type BacktestInput, type BacktestOptions } from './engine';
import type { BacktestResult } from './result';
import { rebalanceMask } from './schedule';

/** One walk-forward fold: fit on [trainStart, trainEnd), trade on [testStart, testEnd). */
export interface WalkForwardSplit {
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
}

/**
 * Walk-forward folds over T dates: train windows of `train` dates followed by test windows of
 * `test` dates, advancing by `step` (default `test`); `anchored` keeps trainStart at 0 (expanding
 * window). Test windows never overlap and never precede their training data.
 */
export function walkForwardSplits(T: number, opts: { train: number; test: number; step?: number; anchored?: boolean }): WalkForwardSplit[] {
  const { train, test } = opts;
  const step = opts.step ?? test;
  for (const [k, v] of Object.entries({ train, test, step })) {
    if (!(Number.isInteger(v) && v >= 1)) throw new InvalidArgumentError(`walk-forward ${k} must be an integer >= 1, got ${v}`);
  }
  if (step < test) throw new InvalidArgumentError(`walk-forward step ${step} < test ${test} would overlap test windows`);
  if (train + test > T) throw new InvalidArgumentError(`walk-forward needs train + test <= ${T} dates, got ${train} + ${test}`);
  const out: WalkForwardSplit[] = [];
  for (let s = train; s + test <= T; s += step) {
    out.push({ trainStart: opts.anchored ? 0 : s - train, trainEnd: s, testStart: s, testEnd: s + test });
  }
  return out;
}

/**
 * Walk-forward backtest: for each fold, `fit(split)` sees only the training rows and returns target
 * weights, which are traded (on the schedule's rebalance dates) through the test window; before
 * the first test window the book is in cash. Returns the folds and the stitched out-of-sample run.
 */
export function runWalkForward(
  input: Omit<BacktestInput, 'weights'>,
  split: { train: number; test: number; step?: number; anchored?: boolean },
  fit: (s: WalkForwardSplit) => ArrayLike<number>,
  opts: BacktestOptions = {},
): { splits: WalkForwardSplit[]; fitted: Float64Array[]; result: BacktestResult } {
  const N = input.assets.length;
  const T = input.prices.length / N;
  const splits = walkForwardSplits(T, split);
  const fitted = splits.map((s) => {
    const w = Float64Array.from(fit(s));
    if (w.length !== N) throw new InvalidArgumentError(`walk-forward fit for fold starting at ${s.testStart} returned ${w.length} weights, expected ${N}`);
    return w;
  });
  const foldOf = new Int32Array(T).fill(-1);
  splits.forEach((s, k) => foldOf.fill(k, s.testStart, s.testEnd));
  const cash = new Float64Array(N);
  const weights = (t: number): ArrayLike<number> => (foldOf[t] < 0 ? cash : fitted[foldOf[t]]);
  // a new fold always rebalances, besides the schedule
  const starts = new Set(splits.map((s) => s.testStart));
  const sched = opts.schedule ?? 'daily';
  const result = runBacktest(
    { ...input, weights },
    { ...opts, name: opts.name ?? 'walk-forward', schedule: sched === 'daily' ? 'daily' : { at: mergeAt(sched, starts, T, input.dates) } },
  );
  return { splits, fitted, result };
}

function mergeAt(sched: NonNullable<BacktestOptions['schedule']>, starts: Set<number>, T: number, dates?: readonly string[]): number[] {
  const m = rebalanceMask(sched, T, dates);
  const out: number[] = [];
  for (let t = 0; t < T; t++) if (m[t] || starts.has(t)) out.push(t);
  return out;
}
