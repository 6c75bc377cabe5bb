/**
 * The other combiners: Kakushadze-Yu against a numpy implementation of the paper's steps
 * (scripts/fixtures/alpha_combine.py), closed forms for the Bayesian posterior, mean-variance,
 * risk parity and Kelly, and the look-ahead guarantee for every rule.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  adaptiveWeights,
  bayesianPosterior,
  bayesianWeights,
  clusterByCorrelation,
  hierarchicalWeights,
  kakushadzeYuCombiner,
  kakushadzeYuWeights,
  meanVarianceSolve,
  meanVarianceWeights,
  riskParityWeights,
  runCombination,
  type CombinerRule,
  type CombineInput,
} from '../../src/alpha/combine';
import { solve, matrix } from '../../src/math/linalg';
import { arr, assertClose, readFixture, schemaValidator } from './helpers';

interface Fx {
  nAssets: number;
  horizon: number;
  label: (number | null)[];
  factors: (number | null)[][];
  kakushadzeYu: { nAlphas: number; nPeriods: number; d: number | null; columns: number | null; returns: number[]; weights: number[] }[];
}
const fx = readFixture<Fx>('combine.json');
const K = fx.factors.length;
const input = (): CombineInput => ({ factors: fx.factors.map(arr), label: arr(fx.label), nAssets: fx.nAssets, horizon: fx.horizon });

for (const c of fx.kakushadzeYu) {
  test(`Kakushadze-Yu weights match numpy (N ${c.nAlphas}, M+1 ${c.nPeriods}, d ${c.d ?? 'all'}, columns ${c.columns ?? 'M-1'})`, () => {
    const w = kakushadzeYuWeights(Float64Array.from(c.returns), c.nAlphas, c.nPeriods, { d: c.d ?? undefined, columns: c.columns ?? undefined });
    assertClose(w, c.weights, 1e-9, 'weights');
    assert.ok(Math.abs(w.reduce((a, x) => a + Math.abs(x), 0) - 1) < 1e-12);
  });
}

test('Bayesian posterior p r / (p r + (1 - p)(1 - r)) (closed form)', () => {
  assert.ok(Math.abs(bayesianPosterior(0.6, 0.7) - 0.42 / 0.54) < 1e-15);
  assert.equal(bayesianPosterior(0.5, 0.5), 0.5);
  assert.equal(bayesianPosterior(0.9, 0.5), 0.9);
});

test('mean-variance: gamma = 0 gives Sigma^-1 mu / (2 lambda); a large gamma keeps the previous weights', () => {
  const Sigma = Float64Array.from([0.04, 0.006, 0.006, 0.09]);
  const mu = Float64Array.from([0.01, 0.02]);
  const w = meanVarianceSolve(mu, Sigma, new Float64Array(2), 2, 0);
  const exact = solve(matrix(2, 2, Sigma.slice()), Float64Array.from(mu, (m) => m / 4));
  assertClose(w, Array.from(exact), 1e-9, 'mv');
  const prev = Float64Array.from([0.3, -0.1]);
  assert.deepEqual(Array.from(meanVarianceSolve(mu, Sigma, prev, 2, 1)), Array.from(prev));
});

test('risk parity equalises risk contributions; uncorrelated strategies get weights 1/sigma', () => {
  const C = Float64Array.from([0.04, 0, 0, 0.01]); // vols 0.2 and 0.1
  const w = riskParityWeights(C, 2);
  assertClose(w, [1 / 3, 2 / 3], 1e-12, 'rp');
  const C3 = Float64Array.from([0.04, 0.01, 0.002, 0.01, 0.09, 0.03, 0.002, 0.03, 0.0225]);
  const w3 = riskParityWeights(C3, 3);
  const rc = [0, 1, 2].map((i) => w3[i] * [0, 1, 2].reduce((s, j) => s + C3[i * 3 + j] * w3[j], 0));
  assert.ok(Math.max(...rc) - Math.min(...rc) < 1e-12, `risk contributions ${rc}`);
  const corr = Float64Array.from([1, 0.9, 0.1, 0.9, 1, 0.2, 0.1, 0.2, 1]);
  assert.deepEqual(clusterByCorrelation(corr, 3, 0.5), [[0, 1], [2]]);
});

const rules: [string, () => CombinerRule][] = [
  ['kakushadze-yu', () => kakushadzeYuCombiner()],
  ['bayesian', () => bayesianWeights()],
  ['adaptive', () => adaptiveWeights()],
  ['mean-variance', () => meanVarianceWeights()],
  ['hierarchical', () => hierarchicalWeights()],
];

for (const [name, make] of rules) {
  test(`${name}: weights over time, payload, and no look-ahead`, () => {
    const t0 = 55;
    const N = fx.nAssets;
    const a = runCombination(input(), make(), { minHistory: 15, lookback: 40 });
    assert.equal(a.method, name);
    assert.ok(a.firstWeighted > 0 && a.firstWeighted <= 40, `first weighted ${a.firstWeighted}`);
    schemaValidator('combination.v1.schema.json')(a.toPayload());
    const changed = input();
    for (let b = (t0 + 1 - fx.horizon) * N; b < changed.label.length; b++) changed.label[b] = Number.isFinite(changed.label[b]) ? -5 * changed.label[b] + 0.01 : 0.02;
    for (const f of changed.factors) for (let b = (t0 + 1) * N; b < f.length; b++) f[b] = Math.sin(b);
    const c = runCombination(changed, make(), { minHistory: 15, lookback: 40 });
    assert.deepEqual(Array.from(c.weights.subarray(0, (t0 + 1) * K)), Array.from(a.weights.subarray(0, (t0 + 1) * K)));
    assert.deepEqual(Array.from(c.megaAlpha.subarray(0, (t0 + 1) * N)), Array.from(a.megaAlpha.subarray(0, (t0 + 1) * N)));
    assert.notDeepEqual(Array.from(c.weights.subarray((t0 + 10) * K)), Array.from(a.weights.subarray((t0 + 10) * K)));
  });
}

test('hierarchical: Kelly leverage is capped and factor weights follow cluster structure', () => {
  const r = runCombination(input(), hierarchicalWeights({ maxLeverage: 0.5 }), { minHistory: 20 });
  const w = r.weightsAt(80);
  assert.ok(w.reduce((s, x) => s + Math.abs(x), 0) <= 0.5 + 1e-12);
});

test('combiners by name: every name builds its rule; an unknown name is a typed error', async () => {
  const { combinerByName, COMBINER_NAMES } = await import('../../src/alpha/combine');
  for (const n of COMBINER_NAMES) assert.equal(combinerByName(n).method, n);
  assert.throws(() => combinerByName('magic'), /unknown combiner "magic"/);
});
