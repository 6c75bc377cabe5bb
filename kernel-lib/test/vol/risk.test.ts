/**
 * VaR/ES and backtests against scripts/fixtures/vol.py (section `backtest`): arch's quantiles and
 * tail means (scipy quad over arch's ppf), closed-form Kupiec / Christoffersen / conditional
 * coverage statistics with scipy chi-squared p-values, and arch's walk-forward forecasts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDist } from '../../src/vol/spec';
import type { DistName } from '../../src/vol/spec';
import { backtestVar } from '../../src/vol/risk/backtest';
import { empiricalVar, tailMean, valueAtRisk } from '../../src/vol/risk/var';
import { rollingForecast } from '../../src/vol/forecast/rolling';
import { loadFixture, relErr, sp500Returns } from './helpers';

const fx = loadFixture('backtest.json');

test('standardised quantiles, cdf and tail means of all four distributions match arch', () => {
  for (const r of fx.tails) {
    const d = buildDist({ dist: r.dist as DistName });
    const p = Float64Array.from(r.params as number[]);
    assert.ok(relErr(d.ppf(r.level, p), r.ppf) < 1e-9, `${r.dist} ppf(${r.level}): ${d.ppf(r.level, p)} vs ${r.ppf}`);
    assert.ok(relErr(d.cdf(-1.3, p), r.cdf_minus_1_3) < 1e-9, `${r.dist} cdf(-1.3)`);
    // closed forms for normal, t and the skew t's left tail; GED's is integrated numerically
    const tol = r.dist === 'ged' ? 1e-7 : 1e-12;
    assert.ok(relErr(tailMean(d, p, r.level), r.tail_mean) < tol, `${r.dist} tail mean(${r.level}): ${tailMean(d, p, r.level)} vs ${r.tail_mean}`);
  }
});

test('VaR and ES of a normal forecast are the closed forms', () => {
  const d = buildDist({ dist: 'normal' });
  const v = valueAtRisk(d, new Float64Array(0), 0.1, 4, 0.01);
  // VaR = -(mu + sigma z_0.01); ES = -(mu - sigma phi(z)/alpha)
  assert.ok(Math.abs(v.var - (-0.1 + 2 * 2.3263478740408408)) < 1e-12);
  assert.ok(Math.abs(v.es - (-0.1 + 2 * 2.665214220345736)) < 1e-7);
});

test('empirical VaR uses numpy-style interpolated quantiles', () => {
  const x = Array.from({ length: 101 }, (_, i) => i - 50); // -50..50
  const v = empiricalVar(x, 0.05);
  assert.equal(v.var, 45); // quantile 0.05 of -50..50 is -45
  assert.equal(v.es, -(-50 - 49 - 48 - 47 - 46 - 45) / 6);
});

test('Kupiec, Christoffersen and conditional coverage match the closed forms with scipy p-values', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cases: Array<{ hits: number[]; tests: any }> = [
    { hits: fx.synthetic_hits, tests: fx.synthetic_tests[0] },
    { hits: fx.synthetic_hits, tests: fx.synthetic_tests[1] },
  ];
  for (const m of fx.models) for (const k of Object.keys(m.tests)) cases.push({ hits: m.hits[k], tests: m.tests[k] });
  for (const c of cases) {
    const b = backtestVar(c.hits, c.tests.level);
    const t = c.tests;
    assert.equal(b.violations, t.violations);
    assert.deepEqual(b.transitions, { n00: t.n00, n01: t.n01, n10: t.n10, n11: t.n11 });
    assert.ok(Math.abs(b.kupiec.statistic - t.kupiec) < 1e-9 * (1 + t.kupiec));
    assert.ok(Math.abs(b.independence.statistic - t.independence) < 1e-9 * (1 + t.independence));
    assert.ok(Math.abs(b.conditionalCoverage.statistic - t.cc) < 1e-9 * (1 + t.cc));
    assert.ok(relErr(b.kupiec.pValue, t.kupiec_p) < 1e-9, `kupiec p ${b.kupiec.pValue} vs ${t.kupiec_p}`);
    assert.ok(relErr(b.independence.pValue, t.independence_p) < 1e-9);
    assert.ok(relErr(b.conditionalCoverage.pValue, t.cc_p) < 1e-9);
  }
});

test('walk-forward forecasts with re-fits every 250 days match arch, and so do the VaR hits', () => {
  const y = sp500Returns();
  for (const m of fx.models) {
    const spec = m.name === 'gjr_t' ? ({ vol: 'gjr', dist: 't' } as const) : ({ vol: 'garch', dist: 'normal' } as const);
    const r = rollingForecast(y, spec, { window: fx.window, refitEvery: fx.refit_every, start: fx.start, levels: fx.levels });
    assert.equal(r.refits.length, m.refits.length);
    r.refits.forEach((rf, i) => assert.ok(Math.abs(rf.loglik - m.refits[i].loglik) < 1e-4, `refit ${i} loglik ${rf.loglik} vs ${m.refits[i].loglik}`));
    for (let i = 0; i < r.variance.length; i++) {
      assert.ok(relErr(r.variance[i], m.variance[i]) < 2e-3, `${m.name} variance at ${i}: ${r.variance[i]} vs ${m.variance[i]}`);
      assert.ok(Math.abs(r.mean[i] - m.mean[i]) < 1e-3);
    }
    for (const lv of fx.levels) {
      const ours = r.hits[String(lv)];
      const theirs: number[] = m.hits[String(lv)];
      let diff = 0;
      for (let i = 0; i < ours.length; i++) if (ours[i] !== theirs[i]) diff++;
      assert.ok(diff <= 1, `${m.name} ${lv}: ${diff} hits differ`);
      const bt = r.backtests.find((b) => b.level === lv);
      assert.ok(bt);
      if (diff === 0) assert.ok(relErr(bt.kupiec.pValue, m.tests[String(lv)].kupiec_p) < 1e-9);
    }
  }
});
