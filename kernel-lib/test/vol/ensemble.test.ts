/**
 * Ensemble forecasts skip models of negligible Akaike weight (< 1e-12 by default) and renormalise
 * the rest: the weights are checked against exp(-dAIC/2) computed by hand, and a grid whose
 * non-best models are hundreds of AIC points behind forecasts exactly as its best model alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitGrid } from '../../src/vol/ensemble/grid';
import { NEGLIGIBLE_WEIGHT, informationWeights } from '../../src/vol/ensemble/weights';
import { sp500Returns } from './helpers';

test('weights below the threshold are dropped and the rest renormalised', () => {
  // raw weights proportional to 1, e^-0.5, e^-30 (~9e-14), e^-50, 0 (failed); e^-25 (~1.4e-11) survives
  const w = informationWeights([0, 1, 60, 100, NaN], NEGLIGIBLE_WEIGHT);
  const s = 1 + Math.exp(-0.5);
  const expected = [1 / s, Math.exp(-0.5) / s, 0, 0, 0];
  expected.forEach((v, i) => assert.ok(Math.abs(w[i] - v) < 1e-15, `w[${i}] = ${w[i]}, expected ${v}`));
  const kept = informationWeights([0, 50], NEGLIGIBLE_WEIGHT);
  assert.ok(Math.abs(kept[1] - Math.exp(-25) / (1 + Math.exp(-25))) < 1e-25);
  // without a threshold nothing is dropped
  assert.ok(informationWeights([0, 60])[1] > 0);
});

test('a grid forecast skips negligible models (no simulation) and equals the best model alone', () => {
  const y = sp500Returns();
  const grid = fitGrid(y, [{ vol: 'garch', dist: 'normal' }, { vol: 'gjr', dist: 't' }, { vol: 'egarch', dist: 'normal' }]);
  const aic = grid.entries.map((e) => e.aic);
  // GJR-t is far ahead of both (hundreds of AIC points): the other two have weight < 1e-12
  assert.ok(aic[0] - aic[1] > 100 && aic[2] - aic[1] > 100, `AICs ${aic.join(', ')}`);
  const f = grid.forecast(10);
  assert.deepEqual(Array.from(f.weights), [0, 1, 0]);
  assert.deepEqual(
    f.skipped.map((s) => s.label),
    [grid.entries[0].label, grid.entries[2].label],
  );
  f.skipped.forEach((s) => assert.ok(s.weight > 0 && s.weight < 1e-12));
  const alone = (grid.entries[1].result as NonNullable<(typeof grid.entries)[1]['result']>).forecast(10);
  assert.deepEqual(Array.from(f.variance), Array.from(alone.variance));
  // with the threshold off every model is forecast (EGARCH by simulation) and nothing is skipped
  const all = grid.forecast(10, 'aic', { minWeight: 0 });
  assert.equal(all.skipped.length, 0);
  for (let h = 0; h < 10; h++) assert.ok(Math.abs(all.variance[h] / alone.variance[h] - 1) < 1e-12);
  assert.throws(() => grid.forecast(2, 'aic', { minWeight: 1 }), /minWeight/);
});
