/**
 * Parity with arch 8.0 (fixtures from scripts/fixtures/vol.py, section `arch`) on S&P 500 returns
 * and on series simulated by arch's own simulator with fixed seeds:
 * log-likelihood at fixed parameters (1e-9 relative), fitted log-likelihood (>= arch - 1e-6 and
 * within 1e-4), parameters (1e-3 relative, 1e-5 absolute at a bound), analytic variance forecasts
 * h = 1..10 at the same parameters (1e-8 relative), conditional volatility and standard errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parameterCovariance } from '../../src/vol/estimate';
import { fitGarch, fixGarch } from '../../src/vol/fit';
import { loadFixture, relErr, sp500Returns, specOfCase } from './helpers';

const fx = loadFixture('arch.json');
const sp500 = sp500Returns();

test('the S&P 500 series is the one arch saw', () => {
  assert.equal(sp500.length, fx.sp500_nobs);
  for (let i = 0; i < 3; i++) assert.ok(relErr(sp500[i], fx.sp500_first[i]) < 1e-12);
  assert.ok(relErr(sp500[sp500.length - 1], fx.sp500_last[2]) < 1e-12);
});

test('GARCH-normal at [.05, .02, .10, .88] gives the published -6939.052681899856', () => {
  const r = fixGarch(sp500, { vol: 'garch', dist: 'normal' }, [0.05, 0.02, 0.1, 0.88]);
  assert.ok(relErr(r.loglik, -6939.052681899856) < 1e-9, `${r.loglik}`);
});

for (const c of fx.cases) {
  const y: Float64Array = c.series === 'sp500' ? sp500 : Float64Array.from(fx.simulated[c.series] as number[]);
  const spec = specOfCase(c);

  test(`${c.name} (${c.series}): log-likelihood at fixed parameters matches arch.fix to 1e-9`, () => {
    const r = fixGarch(y, spec, c.fixed_params);
    assert.equal(r.nobs, c.nobs);
    assert.ok(relErr(r.loglik, c.fixed_loglik) < 1e-9, `ours ${r.loglik} arch ${c.fixed_loglik}`);
    assert.deepEqual(r.names, c.param_names);
  });

  test(`${c.name} (${c.series}): forecasts at fixed parameters match arch`, () => {
    const r = fixGarch(y, spec, c.fixed_params);
    const h = c.fixed_forecast_variance.length;
    const f = r.forecast(h);
    for (let i = 0; i < h; i++) {
      assert.ok(relErr(f.variance[i], c.fixed_forecast_variance[i]) < 1e-8, `h=${i + 1}: ours ${f.variance[i]} arch ${c.fixed_forecast_variance[i]}`);
    }
  });

  test(`${c.name} (${c.series}): robust and classic standard errors at arch's estimates match arch`, () => {
    const r = fixGarch(y, spec, c.params);
    for (const [type, want] of [['robust', c.std_err_robust], ['classic', c.std_err_classic]] as const) {
      const cov = parameterCovariance(r.model, r.paramVector, type);
      want.forEach((w: number, i: number) => {
        const got = Math.sqrt(cov[i * r.numParams + i]);
        assert.ok(relErr(got, w) < 1e-3, `${type} se ${c.param_names[i]}: ours ${got} arch ${w}`);
      });
    }
  });

  test(`${c.name} (${c.series}): fitted model matches arch (loglik, params, std errors, forecasts)`, () => {
    const r = fitGarch(y, spec);
    assert.ok(r.converged, r.reason);
    assert.ok(r.loglik >= c.loglik - 1e-6, `ours ${r.loglik} below arch ${c.loglik}`);
    assert.ok(Math.abs(r.loglik - c.loglik) <= 1e-4, `ours ${r.loglik} arch ${c.loglik}`);
    c.params.forEach((want: number, i: number) => {
      const got = r.paramVector[i];
      const ok = Math.abs(want) < 1e-4 ? Math.abs(got - want) <= 1e-5 : relErr(got, want) <= 1e-3;
      assert.ok(ok, `${c.param_names[i]}: ours ${got} arch ${want}`);
    });
    assert.ok(Math.abs(r.aic - c.aic) <= 2e-4 && Math.abs(r.bic - c.bic) <= 2e-4);
    const se = r.stdErr;
    c.param_names.forEach((name: string, i: number) => {
      // at fitted parameters a few 1e-4 apart, standard errors agree loosely (EGARCH's |z| kink makes them sensitive)
      assert.ok(Math.abs(se[name] - c.std_err_robust[i]) <= 0.1 * c.std_err_robust[i] + 1e-6, `robust se ${name}: ours ${se[name]} arch ${c.std_err_robust[i]}`);
    });
    const vol = r.conditionalVolatility;
    c.cond_vol_index.forEach((t: number, k: number) => {
      if (c.cond_vol[k] === null) return;
      const tt = t - (spec.mean === 'ar' ? 1 : 0);
      if (tt < 0) return;
      assert.ok(relErr(vol[tt], c.cond_vol[k]) < 1e-3, `sigma_${t}: ours ${vol[tt]} arch ${c.cond_vol[k]}`);
    });
    const f = r.forecast(c.forecast_variance.length);
    c.forecast_variance.forEach((v: number, i: number) => assert.ok(relErr(f.variance[i], v) < 2e-3, `h=${i + 1}`));
  });
}
