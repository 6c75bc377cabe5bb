import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as risk from '../../src/risk';
import { fromRows, matrix } from '../../src/math/linalg';
import { Rng } from '../../src/math/rng';
import { AlphaFactoryError } from '../../src/errors';
import { close, fixture, schemaValidator } from './helpers';

const fx = fixture('var.json');
const r: number[] = fx.returns;

describe('VaR / CVaR against numpy, scipy and pandas', () => {
  for (const c of fx.cases) {
    it(`historical, normal and t at ${c.confidence}`, () => {
      const h = risk.historicalVaR(r, { confidence: c.confidence });
      close(h.var, c.historical.var, 1e-12, 'hist var');
      close(h.cvar, c.historical.cvar, 1e-12, 'hist cvar');
      close(risk.tDegreesOfFreedom(r), c.t_dof, 1e-9, 'nu');
      for (const hz of [1, 10]) {
        const n = risk.normalVaRFromReturns(r, { confidence: c.confidence, horizon: hz });
        close(n.var, c[`normal_h${hz}`].var, 1e-10, `normal var h${hz}`);
        close(n.cvar, c[`normal_h${hz}`].cvar, 1e-8, `normal cvar h${hz}`); // scipy integrates numerically
        const t = risk.studentTVaRFromReturns(r, { confidence: c.confidence, horizon: hz });
        close(t.var, c[`t_h${hz}`].var, 1e-9, `t var h${hz}`);
        close(t.cvar, c[`t_h${hz}`].cvar, 1e-8, `t cvar h${hz}`);
        assert.ok(t.cvar >= t.var && n.cvar >= n.var);
      }
    });
  }

  it('normal 95% VaR of a zero-mean unit series is 1.6448536 sigma (closed form)', () => {
    close(risk.normalVaR(0, 0.02).var, 1.6448536269514722 * 0.02, 1e-12, 'var');
  });

  it('rolling backtest and Kupiec test match pandas rolling quantiles and scipy chi2', () => {
    const b = fx.backtest;
    const bt = risk.backtestVaR(r, { confidence: b.confidence, window: b.window });
    assert.equal(bt.tested, b.tested);
    assert.equal(bt.breaches, b.breaches);
    close(bt.forecasts[0], b.forecast_first, 1e-12, 'first forecast');
    close(bt.forecasts[bt.tested - 1], b.forecast_last, 1e-12, 'last forecast');
    close(bt.kupiecLR, b.kupiec_lr, 1e-9, 'LR');
    close(bt.kupiecPValue, b.kupiec_p_value, 1e-9, 'p');
  });

  it('Monte Carlo with correlated draws converges to the parametric normal VaR', () => {
    const c = fx.contributions;
    const cov = fromRows(c.cov);
    const mu = [0.1, 0.08, 0.05, 0.07, 0.06];
    const mc = risk.monteCarloVaR(c.weights, mu, cov, new Rng(7), { draws: 200_000 });
    const wmu = c.weights.reduce((a: number, w: number, i: number) => a + w * mu[i], 0);
    const exact = risk.normalVaR(wmu, c.volatility, { confidence: 0.95 });
    assert.ok(Math.abs(mc.var - exact.var) / exact.var < 0.01, `MC ${mc.var} vs ${exact.var}`);
    assert.ok(Math.abs(mc.cvar - exact.cvar) / exact.cvar < 0.01, `MC ${mc.cvar} vs ${exact.cvar}`);
    // same seed, same numbers
    assert.equal(risk.monteCarloVaR(c.weights, mu, cov, new Rng(7), { draws: 1000 }).var, risk.monteCarloVaR(c.weights, mu, cov, new Rng(7), { draws: 1000 }).var);
    // t shocks have fatter tails at 99%
    const t = risk.monteCarloVaR(c.weights, mu, cov, new Rng(8), { draws: 100_000, distribution: 't', nu: 4, confidence: 0.99 });
    const n99 = risk.normalVaR(wmu, c.volatility, { confidence: 0.99 });
    assert.ok(t.cvar > n99.cvar);
  });

  it('a non-positive-definite covariance is a typed error', () => {
    const bad = matrix(2, 2, Float64Array.of(1, 2, 2, 1));
    assert.throws(() => risk.monteCarloVaR([0.5, 0.5], [0, 0], bad, new Rng(1)), (e: unknown) => e instanceof AlphaFactoryError && (e as AlphaFactoryError).code === 'not_positive_definite');
    assert.throws(() => risk.historicalVaR(r, { confidence: 95 }), AlphaFactoryError);
    assert.throws(() => risk.studentTVaR(0, 0.01, 2), AlphaFactoryError);
  });
});

describe('risk contributions (numpy)', () => {
  const c = fx.contributions;
  const cov = fromRows(c.cov);
  it('marginal, component, percent and component VaR', () => {
    const rc = risk.riskContributions(c.weights, cov);
    close(rc.volatility, c.volatility, 1e-12, 'vol');
    for (let i = 0; i < 5; i++) {
      close(rc.marginal[i], c.marginal[i], 1e-12, `mcr ${i}`);
      close(rc.component[i], c.component[i], 1e-12, `rc ${i}`);
      close(rc.percent[i], c.percent[i], 1e-12, `pct ${i}`);
    }
    const cv = risk.componentVaR(c.weights, cov, 0.95);
    close(cv.var, c.var_95, 1e-12, 'var');
    cv.component.forEach((x, i) => close(x, c.component_var_95[i], 1e-12, `cvar ${i}`));
    close(cv.component.reduce((a, b) => a + b, 0), cv.var, 1e-14, 'sum of component VaR = total');
    close(rc.percent.reduce((a, b) => a + b, 0), 1, 1e-14, 'percent sums to 1');
    close(risk.diversificationRatio(c.weights, cov), c.diversification_ratio, 1e-12, 'DR');
    const rows = risk.marginalRiskReport(c.names, c.weights, cov);
    assert.equal(rows[0].name, 'AAPL');
    close(rows.reduce((a, x) => a + x.riskContributionPct, 0), 100, 1e-12, 'pct 100');
  });
});

describe('sizing and stops', () => {
  it('rolling 20-period volatility size matches pandas (RealTimeRiskManagement)', () => {
    const s = risk.rollingVolatilitySize(fx.sizing.closes);
    close(s.sigma, fx.sizing.sigma_last, 1e-12, 'sigma');
    close(s.size, fx.sizing.size, 1e-10, 'size');
    assert.throws(() => risk.rollingVolatilitySize(fx.sizing.closes.slice(0, 20)), AlphaFactoryError);
  });
  it('closed-form cases from the reference', () => {
    assert.equal(risk.volatilityTargetSize(0.02, 0.01), 0.5);
    assert.throws(() => risk.volatilityTargetSize(0), AlphaFactoryError);
    assert.throws(() => risk.volatilityTargetSize(NaN), AlphaFactoryError);
    close(risk.stopLossPrice(100), 90, 1e-12, 'stop');
    assert.equal(risk.stopLossTriggered(100, 90), true);
    assert.equal(risk.stopLossTriggered(100, 90.01), false);
    assert.equal(risk.stopLossTriggered(100, 110, 'short'), true);
    // 2% of 100,000 at price 50 = 40 shares at most
    assert.equal(risk.capOrderQuantity(100, 50, 100_000), 40);
    assert.equal(risk.capOrderQuantity(10, 50, 100_000), 10);
  });
});

describe('VaR report payload', () => {
  it('validates against schema/payloads/var.v1.schema.json', () => {
    const rep = risk.varReport(r, { rng: new Rng(3), draws: 5000, backtestWindow: 250 });
    assert.equal(rep.get('historical')!.var, risk.historicalVaR(r).var);
    assert.match(rep.toString(), /Kupiec/);
    schemaValidator('var.v1.schema.json')(rep.toPayload());
  });
});

describe('portfolio VaR', () => {
  it('parametric zero-mean portfolio VaR equals z sigma_p from numpy; historical VaR of w^T R', () => {
    const c = fx.contributions;
    const cov = fromRows(c.cov);
    close(risk.parametricPortfolioVaR(c.weights, [0, 0, 0, 0, 0], cov).var, c.var_95, 1e-12, 'var');
    const R = Float64Array.from(r.flatMap((x) => [x, 2 * x]));
    const h = risk.historicalPortfolioVaR(R, 2, [0.25, 0.5]);
    close(h.var, 1.25 * fx.cases[0].historical.var, 1e-12, 'scaled historical VaR');
    assert.throws(() => risk.portfolioReturns([1, NaN], 2, [0.5, 0.5]), AlphaFactoryError);
  });
});
