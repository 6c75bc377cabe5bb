/**
 * The evaluator's sub-expression sharing: counted operator runs (closed-form counts of the
 * distinct sub-formulas), cache keys by canonical form, and ownership of returned arrays.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluateFormula, FormulaEvaluator } from '../../src/alpha';
import { fixturePanel, readFixture } from './helpers';
import type { OperatorFixture } from './helpers';

const panel = fixturePanel(readFixture<OperatorFixture>('operators.json'));

test('evaluateMany computes each distinct sub-formula once', () => {
  const ev = new FormulaEvaluator(panel);
  // distinct call nodes: delta(close,1), add(.,1), mul(.,2), cs_rank(delta) -> 4 runs
  const out = ev.evaluateMany(['delta(close, 1) + 1', 'delta(close, 1) * 2', 'rank(delta(close, 1))']);
  assert.equal(ev.stats.computed, 4);
  assert.equal(out.length, 3);
  const d = evaluateFormula(panel, 'delta(close, 1)');
  for (let c = 0; c < d.length; c++) {
    if (Number.isNaN(d[c])) assert.ok(Number.isNaN(out[0][c]));
    else assert.equal(out[1][c], 2 * d[c]);
  }
});

test('spellings with the same canonical form share one cache entry', () => {
  const ev = new FormulaEvaluator(panel);
  const a = ev.evaluate('Ref($close, 1) + $open');
  const before = ev.stats.computed;
  const b = ev.evaluate('open + delay(close, 1)');
  assert.equal(ev.stats.computed, before, 'nothing recomputed');
  assert.deepEqual([...b], [...a]);
  assert.equal(ev.canonical('Ref($close, 1) + $open'), ev.canonical('open + delay(close, 1)'));
});

test('returned arrays belong to the caller; the cache and the panel are not affected by writes', () => {
  const ev = new FormulaEvaluator(panel);
  const first = ev.evaluate('ts_mean(close, 3)');
  const keep = first.slice();
  first.fill(0);
  assert.deepEqual([...ev.evaluate('ts_mean(close, 3)')], [...keep]);
  const c = ev.evaluate('close');
  c[0] = -1;
  assert.notEqual(panel.field('close')[0], -1);
});

test('with the cache off every evaluation is computed afresh and gives the same numbers', () => {
  const off = new FormulaEvaluator(panel, { cacheBytes: 0 });
  const on = new FormulaEvaluator(panel);
  for (const f of ['ts_corr(close, volume, 5) * rank(returns)', 'returns < 0 ? ts_std(returns, 5) : close']) {
    assert.deepEqual([...off.evaluate(f)], [...on.evaluate(f)]);
  }
  assert.equal(off.stats.cachedArrays, 0);
});

test('recycled arrays never change results: a small cache that evicts all the time, derived fields, many formulas', () => {
  // The evaluator recycles intermediates and evicted cache entries (ops/pool.ts). A derived field
  // is cached under its name and its formula: evicting one of the two must not recycle an array
  // the other still holds. Every result must equal a fresh evaluation of the formula on its own.
  const formulas = [
    'rank(vwap - ts_min(vwap, 5)) * -1',
    '(1 + rank(1 + ts_sum(returns, 10))) * sign(delta(close, 3))',
    'vwap / close',
    'ts_rank(volume / adv(5), 4) * rank(returns)',
    'ts_corr(vwap, delay(close, 2), 6) + rank(vwap - close)',
    '(returns < 0 ? ts_std(returns, 5) : close) ^ 2',
    'ts_argmax(vwap, 7) - ts_argmin(returns, 5)',
    'rank(vwap - close) / rank(vwap + close)',
  ];
  const cell = panel.nDates * panel.nAssets * 8;
  const small = new FormulaEvaluator(panel, { cacheBytes: 4 * cell });
  for (let round = 0; round < 3; round++) {
    for (const f of formulas) {
      const got = small.evaluate(f);
      const want = evaluateFormula(panel, f);
      assert.deepEqual([...got], [...want], `round ${round}: ${f}`);
      got.fill(7); // the caller owns its result: scribbling on it must not reach the evaluator
    }
  }
  assert.ok(small.stats.hits > 0, 'the cache was used');
});
