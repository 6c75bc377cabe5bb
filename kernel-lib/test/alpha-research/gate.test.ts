/**
 * Validation gate: thresholds fire exactly at the documented defaults; gross return, cost
 * drag, liquidity and factor correlation match pandas (scripts/fixtures/alpha_research.py).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  DEFAULT_GATE_THRESHOLDS,
  factorEconomics,
  gateFactor,
  liquidityScore,
  meanFactorCorrelation,
  validateFactor,
} from '../../src/alpha/gate';
import { forwardReturnFromPrices } from '../../src/alpha/metrics';
import { arr, assertNum, readFixture } from './helpers';

interface Case {
  name: string;
  nAssets: number;
  horizon: number;
  factor: (number | null)[];
  close: (number | null)[];
  grossReturn: number;
  meanTurnover: number;
  dollarVolume?: (number | null)[];
  liquidity?: number;
  other?: (number | null)[];
  meanFactorCorrelation?: number;
  icSummary: { mean: number; tStat: number };
}
const fx = readFixture<{ cases: Case[] }>('metrics.json');

const good = { ic: 0.05, tStat: 3, grossReturn: 0.001, costDrag: 0.0001, liquidity: 0.9, maxZooCorrelation: 0.1 };

test('defaults are the issue figures', () => {
  assert.deepEqual({ ...DEFAULT_GATE_THRESHOLDS }, { minIC: 0.02, minTStat: 2.0, maxCostShare: 0.3, minLiquidity: 0.7, maxZooCorrelation: 0.8 });
});

test('a factor comfortably inside every bound passes', () => {
  const g = validateFactor(good);
  assert.equal(g.pass, true);
  assert.deepEqual(g.failures, []);
  assert.match(g.toString(), /Gate: PASS/);
});

test('each check fires exactly at its default threshold', () => {
  assert.equal(validateFactor({ ...good, ic: 0.02 }).check('ic').status, 'pass');
  assert.equal(validateFactor({ ...good, ic: 0.0199999 }).check('ic').status, 'fail');
  assert.equal(validateFactor({ ...good, tStat: 2.0 }).check('t_stat').status, 'pass');
  assert.equal(validateFactor({ ...good, tStat: 1.9999 }).check('t_stat').status, 'fail');
  // cost must be strictly below 30% of gross: 0.3 * 0.001 = 0.0003
  assert.equal(validateFactor({ ...good, costDrag: 0.00029999 }).check('cost').status, 'pass');
  assert.equal(validateFactor({ ...good, costDrag: 0.0003 }).check('cost').status, 'fail');
  assert.equal(validateFactor({ ...good, grossReturn: -0.001, costDrag: 0 }).check('cost').status, 'fail');
  assert.equal(validateFactor({ ...good, liquidity: 0.7 }).check('liquidity').status, 'pass');
  assert.equal(validateFactor({ ...good, liquidity: 0.6999 }).check('liquidity').status, 'fail');
  assert.equal(validateFactor({ ...good, maxZooCorrelation: 0.8 }).check('zoo_correlation').status, 'pass');
  assert.equal(validateFactor({ ...good, maxZooCorrelation: 0.8001 }).check('zoo_correlation').status, 'fail');
  const bad = validateFactor({ ...good, ic: 0.01, tStat: 1 });
  assert.equal(bad.pass, false);
  assert.deepEqual(bad.failures, ['ic', 't_stat']);
});

test('thresholds are configurable; missing liquidity is skipped, NaN IC fails', () => {
  assert.equal(validateFactor({ ...good, ic: 0.01 }, { minIC: 0.005 }).pass, true);
  const g = validateFactor({ ...good, liquidity: undefined });
  assert.equal(g.check('liquidity').status, 'skipped');
  assert.equal(g.pass, true);
  assert.equal(validateFactor({ ...good, ic: NaN }).check('ic').status, 'fail');
  assert.throws(() => validateFactor(good, { minIC: NaN }), /threshold minIC must be a finite number/);
});

for (const c of fx.cases) {
  const f = arr(c.factor);
  const label = forwardReturnFromPrices(arr(c.close), c.nAssets, c.horizon);
  test(`${c.name}: gross return and turnover match pandas`, () => {
    const e = factorEconomics(f, label, c.nAssets, c.horizon, 0.001);
    assertNum(e.grossReturn, c.grossReturn, 1e-9, 'grossReturn');
    assertNum(e.turnover, c.meanTurnover, 1e-9, 'turnover');
    assertNum(e.costDrag, c.meanTurnover * 0.001, 1e-9, 'costDrag');
  });
  if (c.dollarVolume && c.other) {
    const dv = arr(c.dollarVolume);
    const other = arr(c.other);
    test(`${c.name}: liquidity score and factor correlation match pandas`, () => {
      assertNum(liquidityScore(f, dv, c.nAssets, 20), c.liquidity ?? null, 1e-9, 'liquidity');
      assertNum(meanFactorCorrelation(f, other, c.nAssets), c.meanFactorCorrelation ?? null, 1e-9, 'corr');
      const g = gateFactor(f, label, c.nAssets, { horizon: c.horizon, dollarVolume: dv, zooFactors: [other] });
      assertNum(g.check('ic').value, c.icSummary.mean, 1e-9, 'gate ic');
      assertNum(g.check('t_stat').value, c.icSummary.tStat, 1e-9, 'gate t');
      assertNum(g.check('zoo_correlation').value, Math.abs(c.meanFactorCorrelation ?? NaN), 1e-9, 'gate corr');
      // the reversal factor on 40 names x 160 days is not significant (t = 1.47 by scipy)
      assert.equal(g.check('t_stat').status, 'fail');
    });
  }
}
