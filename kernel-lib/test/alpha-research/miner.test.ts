/**
 * CPU miner on a synthetic panel with planted signals (next-day return driven by hidden
 * features visible through volume and high/close, correlation 0.1 and -0.08 by construction):
 * it must admit formulas whose out-of-sample IC exceeds 0.03, deterministically per seed.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mineFormulas, mineFormulasAsync, MINER_METRICS, plantedSignalPanel, randomTree, mutate, crossover, DEFAULT_GRAMMAR, checkGrammar } from '../../src/alpha/miner';
import { dailyIC, dailyRankIC, forwardReturn, summarizeSeries } from '../../src/alpha/metrics';
import { FormulaEvaluator } from '../../src/alpha/eval';
import { formulaDepth, formulaSize, formatFormula, parseFormula } from '../../src/alpha/dsl';
import { Rng } from '../../src/math/rng';

const panel = plantedSignalPanel({ seed: 3, nAssets: 40, nDates: 250 });

test('mined formulas recover the planted signals out of sample (IC > 0.03)', () => {
  const progress: number[] = [];
  const r = mineFormulas(panel, { seed: 1, population: 24, generations: 4, onProgress: (p) => progress.push(p.zooSize) });
  assert.equal(progress.length, 4);
  assert.ok(r.zoo.size >= 1, r.toString());
  const label = forwardReturn(panel, 1);
  const ev = new FormulaEvaluator(panel);
  const N = panel.nAssets;
  const cut = r.trainDates * N;
  const testIC = r.zoo.list().map((e) => summarizeSeries(dailyIC(ev.evaluate(e.formula).subarray(cut), label.subarray(cut), N)).mean);
  assert.ok(Math.max(...testIC) > 0.03, `test ICs ${testIC.join(', ')}`);
  for (const e of r.zoo.list()) {
    assert.ok(e.metrics.ic > 0.03, 'admitted with a positive IC above 0.03 (negated when needed)');
    assert.equal(e.provenance.seed, 1);
    assert.equal(e.provenance.source, 'miner');
    assert.ok(/volume|high|vwap/.test(e.formula), `${e.formula} should read a field carrying a planted signal`);
  }
});

test('the same seed gives the same zoo; another seed explores differently', () => {
  const a = mineFormulas(panel, { seed: 9, population: 10, generations: 2 });
  const b = mineFormulas(panel, { seed: 9, population: 10, generations: 2 });
  assert.deepEqual(a.zoo.list().map((e) => e.formula), b.zoo.list().map((e) => e.formula));
  assert.deepEqual(a.best, b.best);
});

test('the async miner reports each generation in order from separate macrotasks and gives the sync zoo', async () => {
  // a setImmediate ticker: if the run yields to the event loop between generations, the
  // ticker advances between consecutive progress events
  let ticks = 0;
  let ticking = true;
  const tick = (): void => {
    ticks++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const events: { generation: number; ticks: number; zooSize: number; bestFitness: number; generations: number }[] = [];
  const opts = { seed: 9, population: 10, generations: 3 };
  const r = await mineFormulasAsync(panel, {
    ...opts,
    onProgress: (p) => events.push({ generation: p.generation, generations: p.generations, ticks, zooSize: p.zooSize, bestFitness: p.bestFitness }),
  });
  ticking = false;
  assert.deepEqual(events.map((e) => e.generation), [1, 2, 3]);
  assert.ok(events.every((e) => e.generations === 3 && Number.isFinite(e.bestFitness) && e.zooSize >= 0));
  for (let k = 1; k < events.length; k++) assert.ok(events[k].ticks > events[k - 1].ticks, `event loop ran between generations ${k} and ${k + 1}`);
  assert.equal(r.cancelled, false);
  const s = mineFormulas(panel, opts);
  assert.deepEqual(r.zoo.list().map((e) => e.formula), s.zoo.list().map((e) => e.formula));
  assert.deepEqual(r.best, s.best);
  assert.deepEqual(r.history, s.history);
});

test('an AbortSignal cancels the async miner between generations; the zoo so far is returned, flagged', async () => {
  const ac = new AbortController();
  const seen: number[] = [];
  const r = await mineFormulasAsync(panel, {
    seed: 1,
    population: 24,
    generations: 6,
    signal: ac.signal,
    onProgress: (p) => {
      seen.push(p.generation);
      if (p.generation === 2) ac.abort();
    },
  });
  assert.deepEqual(seen, [1, 2]);
  assert.equal(r.cancelled, true);
  assert.equal(r.history.length, 2);
  assert.match(r.toString(), /cancelled/);
  // the zoo so far is the zoo the same run holds after two generations
  const two = mineFormulas(panel, { seed: 1, population: 24, generations: 2 });
  assert.deepEqual(r.zoo.list().map((e) => e.formula), two.zoo.list().map((e) => e.formula));
  const before = new AbortController();
  before.abort();
  const none = await mineFormulasAsync(panel, { seed: 1, population: 4, generations: 2, signal: before.signal });
  assert.equal(none.cancelled, true);
  assert.equal(none.history.length, 0);
  assert.equal(none.zoo.size, 0);
  await assert.rejects(mineFormulasAsync(panel, { seed: 1, population: 1 }), /population must be an integer >= 2/);
});

test('genetic operators keep formulas well-typed and within limits', () => {
  const rng = new Rng(5);
  const g = { ...DEFAULT_GRAMMAR };
  checkGrammar(g);
  const lim = { maxDepth: 4, maxSize: 20 };
  for (let k = 0; k < 200; k++) {
    const a = randomTree(rng, g, 4);
    const b = randomTree(rng, g, 4);
    for (const t of [mutate(rng, g, a, lim), crossover(rng, g, a, b, lim)]) {
      assert.ok(formulaDepth(t) <= 4 && formulaSize(t) <= 20);
      parseFormula(formatFormula(t)); // prints and re-parses: arity and windows valid
    }
  }
  assert.throws(() => checkGrammar({ ...g, unary: ['ts_mean'] }), /takes \(series, window\)/);
});

test('fitness follows the metric: |mean IC|, |mean RankIC|, |ICIR|, |RankICIR| as the metrics module computes them', () => {
  const label = forwardReturn(panel, 1);
  const ev = new FormulaEvaluator(panel);
  const N = panel.nAssets;
  const expected = {
    IC: (f: Float64Array, y: Float64Array) => summarizeSeries(dailyIC(f, y, N)).mean,
    RankIC: (f: Float64Array, y: Float64Array) => summarizeSeries(dailyRankIC(f, y, N)).mean,
    ICIR: (f: Float64Array, y: Float64Array) => summarizeSeries(dailyIC(f, y, N)).ir,
    RankICIR: (f: Float64Array, y: Float64Array) => summarizeSeries(dailyRankIC(f, y, N)).ir,
  };
  for (const metric of MINER_METRICS) {
    const events: { metric: string; bestFitness: number; bestFormula: string }[] = [];
    const r = mineFormulas(panel, { seed: 4, population: 12, generations: 2, metric, onProgress: (p) => events.push(p) });
    assert.equal(r.metric, metric);
    assert.ok(events.length === 2 && events.every((e) => e.metric === metric), 'progress events name the metric');
    assert.match(r.toString(), new RegExp(`best fitness \\|${metric}\\|`));
    const cut = r.trainDates * N;
    const y = label.subarray(0, cut);
    let scored = 0;
    for (const b of r.best) {
      const f = ev.evaluate(b.formula).subarray(0, cut);
      const v = expected[metric](f, y);
      if (b.fitness === 0) continue; // too few finite values (or no finite metric): scored 0 by rule
      scored++;
      assert.ok(Math.abs(b.fitness - Math.abs(v)) <= 1e-12 * Math.max(1, Math.abs(v)), `${metric} of ${b.formula}: fitness ${b.fitness}, metrics module ${v}`);
    }
    assert.ok(scored >= 3, `${metric}: ${scored} scored formulas checked`);
    const last = events[events.length - 1];
    assert.equal(last.bestFitness, r.best[0].fitness, 'the progress "best" is the best by this metric');
    assert.ok(Math.abs(last.bestFitness - Math.abs(expected[metric](ev.evaluate(last.bestFormula).subarray(0, cut), y))) <= 1e-12);
    // a zoo member enters with its metric positive (negated when needed)
    for (const e of r.zoo.list()) assert.ok(expected[metric](ev.evaluate(e.formula).subarray(0, cut), y) > 0, `${metric}: ${e.formula}`);
  }
  assert.throws(() => mineFormulas(panel, { seed: 1, metric: 'Sharpe' as never }), /metric must be one of IC, RankIC, ICIR, RankICIR, got "Sharpe"/);
});

test('the default metric is RankIC: the same zoo, best list and history as metric RankIC given explicitly', async () => {
  const a = mineFormulas(panel, { seed: 1, population: 24, generations: 3 });
  const b = mineFormulas(panel, { seed: 1, population: 24, generations: 3, metric: 'RankIC' });
  const c = await mineFormulasAsync(panel, { seed: 1, population: 24, generations: 3 });
  assert.ok(a.zoo.size >= 1);
  for (const other of [b, c]) {
    assert.deepEqual(a.zoo.list().map((e) => e.formula), other.zoo.list().map((e) => e.formula));
    assert.deepEqual(a.best, other.best);
    assert.deepEqual(a.history, other.history);
  }
  assert.ok(a.history.every((p) => p.metric === 'RankIC'));
  // and RankIC's fitness is |mean daily Spearman RankIC| (not the IC's)
  const N = panel.nAssets;
  const cut = a.trainDates * N;
  const y = forwardReturn(panel, 1).subarray(0, cut);
  const f = new FormulaEvaluator(panel).evaluate(a.best[0].formula).subarray(0, cut);
  assert.ok(Math.abs(a.best[0].fitness - Math.abs(summarizeSeries(dailyRankIC(f, y, N)).mean)) <= 1e-12);
});
