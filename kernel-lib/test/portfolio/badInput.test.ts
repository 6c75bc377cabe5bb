import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  minVariance, maxSharpe, equalRiskContribution, hrp, maxDiversification, inverseVolatility, equalWeight, ALLOCATORS,
} from '../../src/portfolio/allocators';
import { sampleCov, ledoitWolf } from '../../src/portfolio/covariance';
import { meanHistoricalReturn, returnsFromPrices } from '../../src/portfolio/returns';
import { assetTable } from '../../src/portfolio/table';
import { fromRows } from '../../src/math/linalg';
import { solveQp } from '../../src/math/qp';
import { AlphaFactoryError } from '../../src/errors';
import { stocks20 } from './data';

const code = (c: string) => (e: unknown) => e instanceof AlphaFactoryError && e.code === c;
const finite = (w: Float64Array) => w.every(Number.isFinite);

test('singular covariance (two identical assets): finite weights, the variance minimum reached', () => {
  const cov = fromRows([[0.04, 0.04, 0], [0.04, 0.04, 0], [0, 0, 0.09]]);
  const assets = ['a', 'a2', 'b'];
  const mv = minVariance({ assets, cov });
  assert.ok(finite(mv.weights));
  // min variance: the a-block gets 0.09/(0.04+0.09) in total
  assert.ok(Math.abs(mv.weights[0] + mv.weights[1] - 0.09 / 0.13) < 1e-8);
  const erc = equalRiskContribution({ assets, cov });
  assert.ok(finite(erc.weights));
  const ms = maxSharpe({ assets, cov, expectedReturns: [0.1, 0.1, 0.05] });
  assert.ok(finite(ms.weights));
});

test('non-PSD covariance is repaired spectrally (documented) and the weights stay finite', () => {
  const cov = fromRows([[1, 0.9, 0.7], [0.9, 1, -0.4], [0.7, -0.4, 1]]);
  for (const name of Object.keys(ALLOCATORS)) {
    const a = ALLOCATORS[name as keyof typeof ALLOCATORS].allocate({ assets: ['x', 'y', 'z'], cov, expectedReturns: [0.1, 0.08, 0.06] });
    assert.ok(finite(a.weights), `${name}: ${a.weights}`);
    assert.ok(Math.abs(a.weights.reduce((s, v) => s + v, 0) + a.cash - 1) < 1e-9, name);
  }
});

test('fewer observations than assets: sample covariance refuses, Ledoit-Wolf works', () => {
  const r = assetTable(['a', 'b', 'c', 'd'], Float64Array.from([0.01, 0.02, -0.01, 0.0, 0.0, 0.01, 0.02, -0.02, 0.01, 0.0, 0.01, 0.03]));
  assert.throws(() => sampleCov(r), code('too_few_observations'));
  const lw = ledoitWolf(r);
  assert.ok(finite(minVariance({ assets: r.assets, cov: lw }).weights));
});

test('infeasible bounds and budgets raise clear errors', () => {
  const { returns } = stocks20();
  const base = { assets: returns.assets, cov: sampleCov(returns), expectedReturns: meanHistoricalReturn(returns) };
  assert.throws(() => minVariance({ ...base, constraints: { upper: 0.04 } }), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'infeasible' && /upper bounds sum to 0.8 < budget 1/.test(e.message));
  assert.throws(() => equalWeight({ ...base, constraints: { lower: 0.1 } }), /lower bounds sum to 2 > budget 1/);
  assert.throws(() => minVariance({ ...base, constraints: { lower: [0.5, ...new Array(19).fill(0)], upper: [0.4, ...new Array(19).fill(1)] } }), /infeasible bounds for "GOOG": lower 0.5 > upper 0.4/);
  assert.throws(() => maxSharpe({ ...base, riskFreeRate: 5 }), /no asset has an expected return above the risk-free rate/);
  assert.throws(() => minVariance({ ...base, constraints: { maxTurnover: 0.1 } }), /needs the current weights/);
  assert.throws(
    () => solveQp({ P: fromRows([[1, 0], [0, 1]]), Aeq: fromRows([[1, 1], [1, 1]]), beq: Float64Array.of(1, 2) }),
    code('infeasible'),
  );
});

test('NaN-ragged prices: a listing gap and an all-missing asset are reported, never NaN weights', () => {
  const prices = assetTable(['a', 'b'], Float64Array.from([1, NaN, 1.1, NaN, 1.2, NaN, 1.1, NaN]));
  const r = returnsFromPrices(prices);
  assert.throws(() => meanHistoricalReturn(r), (e: unknown) => e instanceof AlphaFactoryError && /"b" has no valid return/.test(e.message));
  assert.throws(() => sampleCov(r, { allowSingular: true }), code('insufficient_overlap'));
  assert.throws(() => hrp({ assets: ['a', 'b'], returns: r }), code('insufficient_overlap'));
  assert.throws(() => inverseVolatility({ assets: ['a', 'b'], cov: fromRows([[0.04, 0], [0, 0]]) }), /zero variance/);
  assert.throws(() => maxDiversification({ assets: ['a', 'b'], cov: fromRows([[NaN, 0], [0, 1]]) }), /covariance entry/);
});
