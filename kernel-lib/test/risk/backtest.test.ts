import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as bt from '../../src/backtest';
import { AlphaFactoryError } from '../../src/errors';
import { close, fixture, schemaValidator } from './helpers';

const fx = fixture('backtest.json');

describe('backtester', () => {
  it('equals an independent pandas simulation with costs, slippage, borrow, shorts and monthly rebalancing', () => {
    const r = bt.runBacktest(
      { assets: fx.assets, dates: fx.dates, prices: Float64Array.from(fx.prices), weights: Float64Array.from(fx.weights) },
      { schedule: 'monthly', allowShort: true, costs: { commissionBps: fx.commission_bps, slippageBps: fx.slippage_bps, borrowBpsPerYear: fx.borrow_bps_per_year } },
    );
    assert.equal(r.trades.count, fx.n_trades);
    (fx.equity as number[]).forEach((e, t) => close(r.equity[t], e, 1e-10, `equity[${t}]`));
    (fx.turnover as number[]).forEach((e, t) => close(r.turnover[t], e, 1e-10, `turnover[${t}]`));
    close(r.totalCosts, fx.costs_total, 1e-9, 'costs');
    const mask = bt.rebalanceMask('monthly', fx.dates.length, fx.dates);
    assert.deepEqual([...mask.keys()].filter((t) => mask[t]), fx.rebalance_rows);
    schemaValidator('equity.v1.schema.json')(r.toPayload());
    assert.match(r.toString(), /Sharpe/);
  });

  const prices = Float64Array.from([100, 50, 110, 50, 99, 55, 121, 55]); // 4 dates x 2 assets
  it('buy and hold without costs follows the price (closed form)', () => {
    const w = Float64Array.from([1, 0, NaN, NaN, NaN, NaN, NaN, NaN]);
    const r = bt.runBacktest({ assets: ['A', 'B'], prices, weights: w }, { schedule: { at: [0] }, initialCapital: 1000 });
    assert.deepEqual(Array.from(r.equity), [1000, 1100, 990, 1210]);
    close(r.drawdown[2], 990 / 1100 - 1, 1e-15, 'drawdown');
    assert.equal(r.trades.count, 1);
  });

  it('daily 50/50 rebalancing compounds the average return; costs are charged on traded notional', () => {
    const w = Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const r = bt.runBacktest({ assets: ['A', 'B'], prices, weights: w }, { initialCapital: 1000 });
    const g = [1, 1 + 0.5 * 0.1 + 0.5 * 0, 1 + 0.5 * (99 / 110 - 1) + 0.5 * (55 / 50 - 1), 1 + 0.5 * (121 / 99 - 1)];
    let e = 1000;
    g.forEach((x, t) => {
      e *= x;
      close(r.equity[t], e, 1e-12, `equity ${t}`);
    });
    close(r.weightsAt(0)[0], 0.5, 1e-15, 'w0');
    // 10 bp commission on the initial 1000 traded: equity 999 on day 0
    const c = bt.runBacktest({ assets: ['A', 'B'], prices, weights: w }, { initialCapital: 1000, costs: { commissionBps: 10 }, schedule: { at: [0] } });
    close(c.equity[0], 999, 1e-12, 'after commission');
    // 50 % cash earns 1 % per period
    const half = Float64Array.from([0.5, 0, NaN, NaN, NaN, NaN, NaN, NaN]);
    const k = bt.runBacktest({ assets: ['A', 'B'], prices, weights: half }, { initialCapital: 1000, cashRate: 0.01, schedule: { at: [0] } });
    close(k.equity[1], 500 * 1.1 + 500 * 1.01, 1e-12, 'cash interest');
  });

  it('multi-strategy sleeves sum to the portfolio; unallocated capital stays in cash', () => {
    const a = Float64Array.from([1, 0, 1, 0, 1, 0, 1, 0]);
    const b = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
    const m = bt.runMultiStrategyBacktest({ assets: ['A', 'B'], prices }, [{ name: 'a', weights: a, capital: 0.5 }, { name: 'b', weights: b, capital: 0.3 }], { initialCapital: 1000 });
    close(m.equity[3], 500 * 1.21 + 300 * 1.1 + 200, 1e-12, 'equity');
    assert.equal(m.sleeves.length, 2);
    close(m.weightsAt(3)[0], (500 * 1.21) / m.equity[3], 1e-12, 'weight');
    assert.throws(() => bt.runMultiStrategyBacktest({ assets: ['A', 'B'], prices }, [{ name: 'a', weights: a, capital: 0.8 }, { name: 'b', weights: b, capital: 0.3 }]), AlphaFactoryError);
  });

  it('walk-forward folds never look ahead and stitch the test windows', () => {
    const s = bt.walkForwardSplits(10, { train: 4, test: 2 });
    assert.deepEqual(s.map((x) => [x.trainStart, x.trainEnd, x.testStart, x.testEnd]), [[0, 4, 4, 6], [2, 6, 6, 8], [4, 8, 8, 10]]);
    assert.equal(bt.walkForwardSplits(10, { train: 4, test: 2, anchored: true })[2].trainStart, 0);
    const T = 10;
    const px = new Float64Array(T * 2);
    for (let t = 0; t < T; t++) {
      px[t * 2] = 100 + t;
      px[t * 2 + 1] = 100 - t;
    }
    const seen: number[] = [];
    const wf = bt.runWalkForward({ assets: ['up', 'down'], prices: px }, { train: 4, test: 2 }, (f) => {
      seen.push(f.trainEnd);
      return [1, 0];
    }, { initialCapital: 100 });
    assert.deepEqual(seen, [4, 6, 8]);
    assert.equal(wf.result.equity[3], 100); // cash before the first test window
    close(wf.result.equity[9], (100 / 104) * 109, 1e-12, 'held "up" from row 4');
    assert.throws(() => bt.walkForwardSplits(10, { train: 9, test: 2 }), AlphaFactoryError);
  });

  it('shorting, leverage and missing prices are checked', () => {
    const w = Float64Array.from([-0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5]);
    assert.throws(() => bt.runBacktest({ assets: ['A', 'B'], prices, weights: w }), /shorting is off/);
    assert.throws(() => bt.runBacktest({ assets: ['A', 'B'], prices, weights: w }, { allowShort: true, maxLeverage: 0.5 }), /maxLeverage/);
    const gap = Float64Array.from([NaN, 50, 110, 50, 99, 55, 121, 55]);
    assert.throws(() => bt.runBacktest({ assets: ['A', 'B'], prices: gap, weights: Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]) }), /no price yet/);
    const r = bt.runBacktest({ assets: ['A', 'B'], prices: gap, weights: Float64Array.from([0, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]) }, { initialCapital: 1000 });
    close(r.equity[3], 1000 * (1 + 0.5 * (99 / 110 - 1) + 0.5 * 0.1) * (1 + 0.5 * (121 / 99 - 1)), 1e-12, 'gap');
  });
});
