/**
 * EGARCH(1,1)-skew-t walk-forward VaR against arch 8.0 (fixture: scripts/fixtures/vol_egarch_var.py):
 * at fixed parameters the one-step forecasts, the skew-t quantile and hence the VaR series and its
 * hits must be arch's to machine precision (this isolates forecast alignment, variance vs volatility
 * and the sign and skew of the quantile from the optimiser); with re-fits every 250 days each
 * re-fit reaches at least arch's likelihood and the hits are arch's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rollingForecast } from '../../src/vol/forecast/rolling';
import { InvalidArgumentError } from '../../src/errors';
import { loadFixture, relErr, sp500Returns } from './helpers';

const fx = loadFixture('egarch_var.json');
const spec = { vol: 'egarch', dist: 'skewt' } as const;

function hitDiffs(ours: Uint8Array, theirs: number[]): number {
  assert.equal(ours.length, theirs.length);
  let d = 0;
  for (let i = 0; i < ours.length; i++) if (ours[i] !== theirs[i]) d++;
  return d;
}

test('EGARCH-skewt walk-forward VaR at fixed parameters is arch forecast + arch SkewStudent.ppf to 1e-12', () => {
  const y = sp500Returns();
  const r = rollingForecast(y, spec, { window: fx.window, refitEvery: fx.refit_every, start: fx.start, levels: fx.levels, params: fx.fixed_params });
  const ref = fx.fixed;
  assert.equal(r.variance.length, ref.variance.length);
  for (let i = 0; i < r.variance.length; i++) {
    assert.ok(relErr(r.variance[i], ref.variance[i]) < 1e-12, `variance at ${i}: ${r.variance[i]} vs ${ref.variance[i]}`);
    assert.ok(Math.abs(r.mean[i] - ref.mean[i]) < 1e-15);
    for (const lv of fx.levels) {
      const k = String(lv);
      assert.ok(relErr(r.var[k][i], ref.var[k][i]) < 1e-12, `VaR ${lv} at ${i}: ${r.var[k][i]} vs ${ref.var[k][i]}`);
    }
  }
  for (const lv of fx.levels) {
    assert.equal(hitDiffs(r.hits[String(lv)], ref.hits[String(lv)]), 0);
    const bt = r.backtests.find((b) => b.level === lv);
    assert.ok(bt);
    assert.equal(bt.violations, ref.kupiec[String(lv)].violations);
    assert.ok(Math.abs(bt.kupiec.pValue - ref.kupiec[String(lv)].p_value) < 1e-9);
  }
  assert.ok(r.refits.every((f) => f.reason === 'parameters fixed'));
});

test('EGARCH-skewt walk-forward with re-fits every 250 days: likelihoods at least arch, the same VaR hits', () => {
  const y = sp500Returns();
  const r = rollingForecast(y, spec, { window: fx.window, refitEvery: fx.refit_every, start: fx.start, levels: fx.levels });
  const ref = fx.fitted;
  assert.equal(r.refits.length, ref.refits.length);
  r.refits.forEach((f, i) => {
    assert.ok(f.converged, `refit ${i}: ${f.reason}`);
    // our optimum is never worse than arch's SLSQP one (on some windows it is higher)
    assert.ok(f.loglik >= ref.refits[i].loglik - 1e-6, `refit ${i} loglik ${f.loglik} < arch ${ref.refits[i].loglik}`);
  });
  for (let i = 0; i < r.variance.length; i++) assert.ok(relErr(r.variance[i], ref.variance[i]) < 5e-3, `variance at ${i}`);
  for (const lv of fx.levels) {
    assert.ok(hitDiffs(r.hits[String(lv)], ref.hits[String(lv)]) <= 1, `${lv}: hits differ`);
    assert.equal(r.backtests.find((b) => b.level === lv)?.violations, ref.kupiec[String(lv)].violations);
  }
});

test('fixed walk-forward parameters must match the model', () => {
  const y = sp500Returns().subarray(0, 1300);
  assert.throws(() => rollingForecast(y, spec, { window: 1000, refitEvery: 250, params: [0.05, 0.01, 0.15, 0.97] }), InvalidArgumentError);
  assert.throws(() => rollingForecast(y, spec, { window: 1000, refitEvery: 250, params: [0.05, 0.01, 0.15, 0.97, 1.5, 0] }), /not finite/);
});
