/**
 * Ensembles (Akaike weights from arch's AICs), batch fitting with failure isolation, the
 * volatility payload against its JSON Schema, simulation/bootstrap forecasts, input checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { fitGarch, fixGarch } from '../../src/vol/fit';
import { fitGrid } from '../../src/vol/ensemble/grid';
import { informationWeights } from '../../src/vol/ensemble/weights';
import { fitMany, INLINE_BELOW } from '../../src/vol/batch/fitMany';
import { checkSeries } from '../../src/vol/validate';
import { AlphaFactoryError } from '../../src/errors';
import { loadFixture, relErr, sp500Returns, specOfCase } from './helpers';

const fx = loadFixture('arch.json');
const sp500 = sp500Returns();

test('information weights are exp(-dIC/2) normalised, stable for huge criteria, 0 for failures', () => {
  const w = informationWeights([1e9 + 100, 1e9 + 102, NaN, 1e9 + 110]);
  const e = [1, Math.exp(-1), 0, Math.exp(-5)];
  const s = e.reduce((a, b) => a + b, 0);
  e.forEach((v, i) => assert.ok(Math.abs(w[i] - v / s) < 1e-15));
  assert.deepEqual(Array.from(informationWeights([NaN, Infinity])), [0, 0]);
});

test('a grid over four specs ranks and weights them as arch\'s AICs do; a failing spec gets weight 0 and a reason', () => {
  const names = ['garch_normal', 'gjr_t', 'egarch_skewt', 'tarch_ged'];
  const cases = names.map((n) => fx.cases.find((c: { name: string; series: string }) => c.name === n && c.series === 'sp500'));
  const specs = cases.map(specOfCase);
  const grid = fitGrid(sp500, [...specs, { vol: 'garch', p: 0, o: 0 }]);
  const w = grid.weights('aic');
  const archW = informationWeights(cases.map((c) => c.aic));
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(w[i] - archW[i]) < 1e-3, `${names[i]}: ${w[i]} vs ${archW[i]}`);
  assert.equal(w[4], 0);
  assert.equal(grid.entries[4].ok, false);
  assert.match(grid.entries[4].reason ?? '', /p > 0 or o > 0/);
  const bestArch = names[cases.reduce((b, c, i) => (c.aic < cases[b].aic ? i : b), 0)];
  assert.equal(grid.best('aic').label, grid.entries[names.indexOf(bestArch)].label);
  const f = grid.forecast(5);
  assert.equal(f.variance.length, 5);
  assert.ok(f.variance.every((v) => v > 0));
});

test('fitMany on worker threads isolates failures per series and returns results in order', async () => {
  const good = Float64Array.from(fx.simulated.sim_garch_normal as number[]);
  const withNan = Float64Array.from(good);
  withNan[10] = NaN;
  const constant = new Float64Array(500).fill(1);
  let progress = 0;
  const res = await fitMany([good, withNan, constant, good.subarray(0, 50), good], { vol: 'garch' }, { workers: 2, chunkSize: 1, onProgress: () => progress++ });
  assert.equal(res.length, 5);
  assert.equal(progress, 5);
  assert.deepEqual(res.map((r) => r.ok), [true, false, false, false, true]);
  assert.match(res[1].error ?? '', /row 11/);
  assert.equal(res[2].code, 'zero_variance');
  assert.equal(res[3].code, 'too_few_observations');
  const simCase = fx.cases.find((c: { name: string }) => c.name === 'garch_normal_sim');
  assert.ok(Math.abs((res[0].loglik as number) - simCase.loglik) < 1e-4);
  assert.deepEqual(res[4].params, res[0].params);
  const inline = await fitMany([good], { vol: 'garch' }, { workers: 0 });
  assert.deepEqual(inline[0].params, res[0].params);
});

test('fitMany with default workers fits a small batch (< INLINE_BELOW fits) in the calling thread', async () => {
  const good = Float64Array.from(fx.simulated.sim_garch_normal as number[]);
  // the inline path never yields to the event loop; worker threads would let this setImmediate run first
  let yielded = false;
  setImmediate(() => (yielded = true));
  const res = await fitMany([good, good, good], [{ vol: 'garch' }, { vol: 'gjr' }]);
  assert.equal(yielded, false);
  assert.equal(res.length, 6);
  assert.ok(3 * 2 < INLINE_BELOW);
  const threaded = await fitMany([good, good, good], [{ vol: 'garch' }, { vol: 'gjr' }], { workers: 2, chunkSize: 1 });
  assert.deepEqual(res.map((r) => r.params), threaded.map((r) => r.params));
});

test('the volatility payload validates against schema/payloads/volatility.v1.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'schema', 'payloads', 'volatility.v1.schema.json'), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  for (const spec of [{ vol: 'gjr', dist: 't' }, { vol: 'egarch', dist: 'skewt' }] as const) {
    const r = fitGarch(sp500, spec, { index: Array.from({ length: sp500.length }, (_, i) => `d${i}`) });
    const p = r.toPayload({ horizon: 5, maxPoints: 10000 });
    assert.ok(validate(p), JSON.stringify(validate.errors));
    assert.equal(p.kind, 'volatility');
    assert.equal(p.conditional_volatility.values.length, sp500.length);
    assert.equal(JSON.parse(JSON.stringify(p)).params.length, r.numParams);
    assert.ok(r.toPayload().conditional_volatility.values.length <= 5000);
  }
  assert.match(fixGarch(sp500, { vol: 'garch' }, [0.05, 0.02, 0.1, 0.88]).toString(), /GARCH/);
});

test('simulation and bootstrap forecasts are seeded and agree with the analytic GARCH forecast', () => {
  const r = fixGarch(sp500, { vol: 'garch' }, fx.cases[0].params);
  const a = r.forecast(5);
  const s1 = r.forecast(5, { method: 'simulation', simulations: 20000, rng: 42 });
  const s2 = r.forecast(5, { method: 'simulation', simulations: 20000, rng: 42 });
  assert.deepEqual(Array.from(s1.variance), Array.from(s2.variance));
  assert.ok(relErr(s1.variance[0], a.variance[0]) < 1e-12); // h = 1 is known exactly
  for (let h = 1; h < 5; h++) assert.ok(relErr(s1.variance[h], a.variance[h]) < 0.03, `h=${h + 1}: ${s1.variance[h]} vs ${a.variance[h]}`);
  const b = r.forecast(5, { method: 'bootstrap', simulations: 20000, rng: 7 });
  for (let h = 1; h < 5; h++) assert.ok(relErr(b.variance[h], a.variance[h]) < 0.03);
  assert.equal(b.paths?.length, 5 * 20000);
  assert.throws(() => fixGarch(sp500, { vol: 'egarch' }, [0.05, 0.01, 0.15, 0.97]).forecast(3), /simulation/);
});

test('bad input: NaN names its row, constant series, too few observations, scale warning and rescale', () => {
  const y = Array.from(sp500.subarray(0, 300));
  y[41] = NaN;
  assert.throws(() => checkSeries(y), (e: unknown) => e instanceof AlphaFactoryError && e.location.row === 42);
  assert.equal(checkSeries(y, { dropna: true }).y.length, 299);
  y[41] = Infinity;
  assert.throws(() => checkSeries(y), /infinite/);
  assert.throws(() => checkSeries(new Array(200).fill(3)), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'zero_variance');
  assert.throws(() => checkSeries(sp500.subarray(0, 99)), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'too_few_observations');
  const small = sp500.map((v) => v / 100);
  assert.match(checkSeries(small).warnings[0], /poorly scaled/);
  const rescaled = checkSeries(small, { rescale: true });
  assert.equal(rescaled.scale, 100);
  const r = fitGarch(small, { vol: 'garch' }, { rescale: true });
  assert.ok(Math.abs(r.loglik - fx.cases[0].loglik) < 1e-3 * Math.abs(fx.cases[0].loglik));
});

test('the one-pass GARCH(1,1)/GJR normal/t kernel agrees with the general path (sum of scores)', () => {
  const cases: Array<[Parameters<typeof fixGarch>[1], number[]]> = [
    [{ vol: 'garch' }, [0.05, 0.02, 0.1, 0.88]],
    [{ vol: 'gjr', dist: 't' }, [0.05, 0.02, 0.05, 0.1, 0.88, 8]],
    [{ vol: 'garch', mean: 'zero', dist: 't' }, [0.02, 0.1, 0.88, 7]],
  ];
  for (const [spec, th] of cases) {
    const m = fixGarch(sp500, spec, th).model;
    const t = Float64Array.from(th);
    const g = new Float64Array(m.K);
    const ll = m.evaluate(t, g, null);
    const scores = new Float64Array(m.n * m.K);
    assert.ok(Math.abs(m.evaluate(t, null, scores) - ll) < 1e-9);
    for (let k = 0; k < m.K; k++) {
      let s = 0;
      for (let i = 0; i < m.n; i++) s += scores[i * m.K + k];
      assert.ok(Math.abs(g[k] - s) <= 1e-9 * Math.max(1, Math.abs(s)), `${k}: ${g[k]} vs ${s}`);
    }
  }
});
