/**
 * Combiners: AlphaForge dynamic and IC-weighted weights against an independent numpy/scipy
 * implementation (scripts/fixtures/alpha_combine.py), the fixed-weight baseline, and the
 * look-ahead guarantee (changing the future leaves past weights unchanged).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  alphaForgeWeights,
  crossSectionalZ,
  equalWeights,
  icWeights,
  runCombination,
  type CombinerRule,
  type CombineInput,
} from '../../src/alpha/combine';
import { arr, assertClose, readFixture, schemaValidator } from './helpers';

interface Fx {
  nDates: number;
  nAssets: number;
  horizon: number;
  close: (number | null)[];
  label: (number | null)[];
  factors: (number | null)[][];
  cases: { t: number; lookback: number | null; selected: number[]; weights: number[]; intercept: number; icWeights: number[] }[];
}
const fx = readFixture<Fx>('combine.json');
const K = fx.factors.length;
const input = (): CombineInput => ({
  factors: fx.factors.map(arr),
  names: fx.factors.map((_, k) => `f${k}`),
  label: arr(fx.label),
  nAssets: fx.nAssets,
  horizon: fx.horizon,
});

for (const lookback of [null, 25]) {
  test(`AlphaForge and IC-weighted weights match numpy (lookback ${lookback ?? 'inf'})`, () => {
    const opts = { lookback: lookback ?? Infinity, minHistory: 1 };
    const af = runCombination(input(), alphaForgeWeights(), opts);
    const icw = runCombination(input(), icWeights(), opts);
    for (const c of fx.cases.filter((x) => x.lookback === lookback)) {
      assertClose(af.weightsAt(c.t), c.weights, 1e-9, `alphaforge weights t=${c.t}`);
      assertClose([af.intercept[c.t]], [c.intercept], 1e-9, `intercept t=${c.t}`);
      const sel = [...Array(K).keys()].filter((k) => af.selected[c.t * K + k] === 1);
      assert.deepEqual(sel, [...c.selected].sort((a, b) => a - b), `selected t=${c.t}`);
      assertClose(icw.weightsAt(c.t), c.icWeights, 1e-9, `ic weights t=${c.t}`);
    }
  });
}

test('mega-alpha is the fitted prediction from the z-scores of the same date', () => {
  const inp = input();
  const r = runCombination(inp, alphaForgeWeights(), { minHistory: 1 });
  const z = inp.factors.map((f) => crossSectionalZ(f, inp.nAssets));
  const t = 60;
  const w = r.weightsAt(t);
  for (let i = 0; i < inp.nAssets; i++) {
    let s = r.intercept[t];
    for (let k = 0; k < K; k++) s += w[k] * z[k][t * inp.nAssets + i];
    assert.ok(Math.abs(r.megaAlpha[t * inp.nAssets + i] - s) < 1e-15);
  }
});

test('fixed-weight baseline freezes the weights of baselineAt; equal weights are 1/K', () => {
  const r = runCombination(input(), alphaForgeWeights(), { minHistory: 10, baselineAt: 40 });
  assert.equal(r.firstWeighted, 10 + fx.horizon - 1);
  assert.ok(Number.isNaN(r.megaAlpha[0]));
  const b = r.toPayload().baseline.weights;
  assert.deepEqual(b, Array.from(r.weightsAt(40)));
  const eq = runCombination(input(), equalWeights(), { minHistory: 1 });
  assert.deepEqual(Array.from(eq.weightsAt(50)), new Array(K).fill(1 / K));
  const contrib = eq.meanContribution();
  assert.ok(Math.abs(contrib.reduce((a, x) => a + x, 0) - 1) < 1e-12);
});

const rules: [string, () => CombinerRule][] = [
  ['equal', equalWeights],
  ['ic-weighted', () => icWeights()],
  ['alphaforge', () => alphaForgeWeights()],
];

for (const [name, make] of rules) {
  test(`${name}: changing future data leaves weights and mega-alpha up to t0 unchanged`, () => {
    const t0 = 55;
    const N = fx.nAssets;
    const a = runCombination(input(), make(), { minHistory: 5, lookback: 30 });
    // rewrite everything after t0: prices (hence labels realised after t0) and factor values
    const changed = input();
    for (let b = (t0 + 1 - fx.horizon) * N; b < changed.label.length; b++) changed.label[b] = Number.isFinite(changed.label[b]) ? -5 * changed.label[b] + 0.01 : 0.02;
    for (const f of changed.factors) for (let b = (t0 + 1) * N; b < f.length; b++) f[b] = Math.sin(b);
    const c = runCombination(changed, make(), { minHistory: 5, lookback: 30 });
    assert.deepEqual(Array.from(c.weights.subarray(0, (t0 + 1) * K)), Array.from(a.weights.subarray(0, (t0 + 1) * K)));
    assert.deepEqual(Array.from(c.megaAlpha.subarray(0, (t0 + 1) * N)), Array.from(a.megaAlpha.subarray(0, (t0 + 1) * N)));
    // and the change is visible afterwards (the test can fail)
    if (name !== 'equal') assert.notDeepEqual(Array.from(c.weights.subarray((t0 + 5) * K)), Array.from(a.weights.subarray((t0 + 5) * K)));
  });
}

test('combination payload validates against its schema', () => {
  const r = runCombination(input(), alphaForgeWeights(), { minHistory: 10 });
  const p = r.toPayload();
  schemaValidator('combination.v1.schema.json')(p);
  assert.equal(p.weights.length, fx.nDates);
  assert.match(r.toString(), /Combination alphaforge/);
});

test('bad inputs raise typed errors', () => {
  assert.throws(() => runCombination({ ...input(), factors: [] }, equalWeights()), /at least one factor/);
  assert.throws(() => runCombination({ ...input(), horizon: 0 }, equalWeights()), /horizon must be an integer >= 1/);
  assert.throws(() => runCombination({ ...input(), factors: [new Float64Array(3)] }, equalWeights()), /factor f0 has 3 values/);
});
