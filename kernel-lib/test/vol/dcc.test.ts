/**
 * DCC(1,1) against an independent numpy implementation (scripts/fixtures/vol.py `dcc_loglik_ref`,
 * SLSQP optimum) on standardised residuals of arch's GARCH(1,1) marginals, and parameter recovery
 * on the seeded simulated DCC data (a = .05, b = .90, 3 assets, T = 2000).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dccCorrelationLoglik, fitDcc, fitDccCorrelation } from '../../src/vol/multivariate/dcc';
import { loadFixture, relErr } from './helpers';

const fx = loadFixture('dcc.json');
const z: Float64Array[] = fx.z.map((s: number[]) => Float64Array.from(s));

test('correlation log-likelihood equals the numpy reference at fixed (a, b[, g])', () => {
  for (const f of fx.fixed) {
    const ll = dccCorrelationLoglik(z, f.a, f.b, f.g);
    assert.ok(relErr(ll, f.loglik) < 1e-9, `(${f.a}, ${f.b}, ${f.g}): ours ${ll} reference ${f.loglik}`);
  }
});

test('second-step estimate reaches the reference optimum', () => {
  const e = fitDccCorrelation(z);
  assert.ok(e.converged, e.reason);
  assert.ok(e.loglik >= fx.fit.loglik - 1e-6, `${e.loglik} < ${fx.fit.loglik}`);
  assert.ok(Math.abs(e.a - fx.fit.a) < 1e-3 && Math.abs(e.b - fx.fit.b) < 1e-3, `a ${e.a} b ${e.b} vs ${fx.fit.a} ${fx.fit.b}`);
});

test('two-step fit recovers the simulated parameters and forecasts a valid covariance', () => {
  const r = fitDcc(fx.returns.map((s: number[]) => Float64Array.from(s)), { names: ['A', 'B', 'C'] });
  assert.ok(r.converged, r.reason);
  assert.ok(Math.abs(r.a - fx.true.a) < 0.02, `a ${r.a}`);
  assert.ok(Math.abs(r.b - fx.true.b) < 0.04, `b ${r.b}`);
  assert.ok(Math.abs(r.a - fx.fit.a) < 5e-3 && Math.abs(r.b - fx.fit.b) < 5e-3);
  r.marginals.forEach((m, i) => assert.ok(Math.abs(m.loglik - fx.marginals[i].loglik) < 1e-4));
  const f = r.forecast(5);
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(f.correlation[i][i] - 1) < 1e-12);
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(f.covariance[i][j] - f.covariance[j][i]) < 1e-12);
  }
  // long-horizon correlation tends to the unconditional Qbar-implied correlation
  const far = r.forecast(2000).correlation;
  assert.ok(Math.abs(far[0][1] - fx.true.Rbar[0][1]) < 0.1);
});

test('asymmetric DCC fits with g >= 0 and does not lower the likelihood', () => {
  const sym = fitDccCorrelation(z);
  const asym = fitDccCorrelation(z, { asymmetric: true });
  assert.ok(asym.g >= 0);
  assert.ok(asym.loglik >= sym.loglik - 1e-6);
});
