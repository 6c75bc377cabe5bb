import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleCov, ledoitWolf, shrunkCovariance, ewmaCov, checkCovariance } from '../../src/portfolio/covariance';
import { meanHistoricalReturn } from '../../src/portfolio/returns';
import { fromRows } from '../../src/math/linalg';
import { AlphaFactoryError } from '../../src/errors';
import { assetTable } from '../../src/portfolio/table';
import { fixture, assertClose } from './fixtures';
import { stocks20, returns8 } from './data';

const F = fixture('stock_prices_20.json');
const R8 = fixture('returns_8.json');

test('ragged prices: returns as pct_change(fill_method=None).dropna(how="all"), PyPortfolioOpt counts', () => {
  const { returns } = stocks20();
  assert.equal(returns.rows, F.n_returns);
  assert.deepEqual(returns.assets, F.tickers);
  const n = returns.assets.length;
  const counts = returns.assets.map((_a, i) => {
    let c = 0;
    for (let t = 0; t < returns.rows; t++) if (!Number.isNaN(returns.values[t * n + i])) c++;
    return c;
  });
  assert.deepEqual(counts, F.counts);
});

test('mean historical return (geometric and arithmetic) equals PyPortfolioOpt', () => {
  const { returns } = stocks20();
  assertClose(meanHistoricalReturn(returns), F.mu_geometric, 1e-12, 'geometric');
  assertClose(meanHistoricalReturn(returns, { compounding: false }), F.mu_arithmetic, 1e-12, 'arithmetic');
  assertClose(meanHistoricalReturn(returns8(), { compounding: false }), R8.mu, 1e-13, 'returns_8');
});

test('pairwise sample covariance equals PyPortfolioOpt sample_cov (no repair needed here)', () => {
  const S = sampleCov(stocks20().returns);
  assert.equal(S.repaired, F.psd_repaired);
  assertClose(S.matrix.data, F.cov_sample.flat(), 1e-13, 'S');
  assertClose(sampleCov(returns8()).matrix.data, R8.cov.flat(), 1e-14, 'S8');
});

test('Ledoit-Wolf equals PyPortfolioOpt CovarianceShrinkage.ledoit_wolf (scikit-learn), NaN -> 0 as PyPortfolioOpt', () => {
  const lw = ledoitWolf(stocks20().returns);
  assert.ok(Math.abs((lw.shrinkage as number) - F.ledoit_wolf_delta) < 1e-12);
  assertClose(lw.matrix.data, F.cov_ledoit_wolf.flat(), 1e-12, 'LW');
  const lw8 = ledoitWolf(returns8());
  assert.ok(Math.abs((lw8.shrinkage as number) - R8.ledoit_wolf_delta) < 1e-12);
  assertClose(lw8.matrix.data, R8.cov_ledoit_wolf.flat(), 1e-13, 'LW8');
});

test('shrinkage to scaled identity and EWMA equal PyPortfolioOpt shrunk_covariance(0.2) and exp_cov(span=180)', () => {
  assertClose(shrunkCovariance(stocks20().returns, 0.2).matrix.data, F.cov_shrunk_0_2.flat(), 1e-13, 'shrunk');
  assertClose(ewmaCov(stocks20().returns, { span: 180 }).matrix.data, F.cov_exp_span180.flat(), 1e-12, 'ewma');
});

test('bad covariance input: fewer observations than assets, NaN entries, non-PSD repaired', () => {
  const few = assetTable(['a', 'b', 'c'], Float64Array.from([0.01, 0.02, -0.01, 0.0, 0.01, 0.02]));
  assert.throws(() => sampleCov(few), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'too_few_observations');
  assert.ok(ledoitWolf(few).matrix.data.every(Number.isFinite));
  assert.throws(() => checkCovariance(fromRows([[1, NaN], [NaN, 1]]), ['a', 'b']), /covariance entry/);
  const fixed = checkCovariance(fromRows([[1, 0.9, 0.7], [0.9, 1, -0.4], [0.7, -0.4, 1]]), ['a', 'b', 'c']);
  assert.equal(fixed.repaired, true);
});
