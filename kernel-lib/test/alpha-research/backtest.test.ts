/**
 * Signal backtest against a pandas + empyrical implementation (scripts/fixtures/alpha_backtest.py)
 * on 40 S&P 500 names x 160 days, and closed-form cost cases.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { signalBacktest, topKDropoutStep, type BacktestStrategy } from '../../src/alpha/backtest';
import { arr, assertClose, assertNum, readFixture, schemaValidator } from './helpers';

interface R {
  strategy: BacktestStrategy;
  start: number;
  end: number;
  net: number[];
  turnover: number[];
  sharpe: number;
  maxDrawdown: number;
  annualReturn: number;
  annualVolatility: number;
  cumulativeAdditive: number;
  cumulativeCompounded: number;
  meanTurnover: number;
}
const fx = readFixture<{ nAssets: number; signal: (number | null)[]; forwardReturns: (number | null)[]; results: R[] }>('backtest.json');

for (const e of fx.results) {
  test(`${e.strategy}: net returns, turnover and empyrical KPIs match`, () => {
    const r = signalBacktest(arr(fx.signal), arr(fx.forwardReturns), fx.nAssets, { strategy: e.strategy, k: 10, nDrop: 2 });
    assert.equal(r.start, e.start);
    assert.equal(r.end, e.end);
    assertClose(r.returns, e.net, 1e-12, 'net');
    assertClose(r.turnover.slice(r.start, r.end + 1), e.turnover, 1e-12, 'turnover');
    const k = r.kpis();
    assertNum(k.sharpe, e.sharpe, 1e-9, 'sharpe');
    assertNum(k.maxDrawdown, e.maxDrawdown, 1e-9, 'maxDrawdown');
    assertNum(k.annualReturn, e.annualReturn, 1e-9, 'annualReturn');
    assertNum(k.annualVolatility, e.annualVolatility, 1e-9, 'annualVolatility');
    assertNum(k.cumulativeAdditive, e.cumulativeAdditive, 1e-12, 'additive');
    assertNum(k.cumulativeCompounded, e.cumulativeCompounded, 1e-9, 'compounded');
    assertNum(k.meanTurnover, e.meanTurnover, 1e-12, 'meanTurnover');
    schemaValidator('signal-backtest.v1.schema.json')(r.toPayload());
    assert.match(r.toString(), /additive \(sum\).*compounded/);
  });
}

test('costs: 5 bps to open, 15 bps to close, a flip pays both (closed form)', () => {
  // 2 dates x 2 assets; signal picks asset 0 then asset 1 (top-1); returns 0
  const sig = Float64Array.from([2, 1, 1, 2]);
  const ret = new Float64Array(4);
  const r = signalBacktest(sig, ret, 2, { strategy: 'topk', k: 1 });
  assert.ok(Math.abs(r.costs[0] - 0.0005) < 1e-15); // open 1.0
  assert.ok(Math.abs(r.costs[1] - (0.0015 + 0.0005)) < 1e-15); // close 1.0, open 1.0
  assert.equal(r.turnover[1], 2);
  // long-short flip: +1 -> -1 on one asset costs close 1 + open 1
  const ls = signalBacktest(Float64Array.from([2, 1, 1, 2]), ret, 2, { strategy: 'quantile-long-short', quantiles: 2 });
  assert.ok(Math.abs(ls.costs[1] - 2 * (0.0015 + 0.0005)) < 1e-15);
});

test('top-k-dropout replaces at most nDrop names per day and keeps k', () => {
  const N = 8;
  const sig = Float64Array.from([8, 7, 6, 5, 4, 3, 2, 1]);
  let held = topKDropoutStep(sig, 0, N, 4, 1, []);
  assert.deepEqual(held.slice().sort(), [0, 1, 2, 3]);
  // reverse the ranking: only one name (the worst held) may be swapped for the best outsider
  const rev = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  held = topKDropoutStep(rev, 0, N, 4, 1, held);
  assert.deepEqual(held.slice().sort(), [1, 2, 3, 7]);
});

test('bad arguments raise typed errors', () => {
  const s = new Float64Array(20);
  assert.throws(() => signalBacktest(s, new Float64Array(10), 2), /forward returns has 10/);
  assert.throws(() => signalBacktest(s, s, 2, { k: 0 }), /k must be an integer >= 1/);
  assert.throws(() => signalBacktest(s, s, 2, { strategy: 'x' as BacktestStrategy }), /unknown strategy/);
  assert.throws(() => signalBacktest(new Float64Array(20).fill(NaN), s, 2), /never held a position/);
});
