import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dccCov } from '../../src/portfolio/covariance/dcc';
import { assetTable } from '../../src/portfolio/table';
import { fitGarch } from '../../src/vol/fit';
import { isPositiveSemidefinite } from '../../src/math/linalg';
import { Rng } from '../../src/math/rng';

// Three correlated return series (seeded), daily scale.
function returns(T: number): { assets: string[]; values: Float64Array } {
  const rng = new Rng(5);
  const assets = ['A', 'B', 'C'];
  const values = new Float64Array(T * 3);
  for (let t = 0; t < T; t++) {
    const m = rng.normal();
    for (let i = 0; i < 3; i++) values[t * 3 + i] = 0.01 * (0.6 * m + 0.8 * rng.normal()) * (1 + 0.5 * Math.sin(t / 50));
  }
  return { assets, values };
}

test('DCC covariance: annualised one-step forecast whose diagonal is each GARCH(1,1) variance forecast', () => {
  const T = 800;
  const { assets, values } = returns(T);
  const est = dccCov(assetTable(assets, values));
  assert.equal(est.method, 'dcc');
  const m = est.matrix;
  for (let i = 0; i < 3; i++) {
    const series = Float64Array.from({ length: T }, (_, t) => 100 * values[t * 3 + i]);
    // the marginal variance forecast (arch-parity tested in test/vol), percent^2 daily -> annual
    const h1 = fitGarch(series).forecast(1).variance[0];
    assert.ok(Math.abs(m.data[i * 3 + i] - (h1 * 252) / 1e4) <= 1e-9 * m.data[i * 3 + i], `diagonal ${i}`);
    for (let j = 0; j < 3; j++) {
      assert.ok(Math.abs(m.data[i * 3 + j] - m.data[j * 3 + i]) < 1e-15, 'symmetric');
      const corr = m.data[i * 3 + j] / Math.sqrt(m.data[i * 3 + i] * m.data[j * 3 + j]);
      assert.ok(corr <= 1 + 1e-12 && corr >= -1 - 1e-12, 'a correlation');
      if (i !== j) assert.ok(corr > 0.2, `the common factor shows as positive correlation (${corr})`);
    }
  }
  assert.ok(isPositiveSemidefinite(m));
});

test('DCC covariance refuses gaps, naming the asset and row', () => {
  const { assets, values } = returns(300);
  values[7 * 3 + 1] = NaN;
  assert.throws(() => dccCov(assetTable(assets, values)), (e: Error & { location?: { row?: number; column?: string } }) => {
    assert.equal(e.location?.column, 'B');
    assert.equal(e.location?.row, 8);
    return true;
  });
});
