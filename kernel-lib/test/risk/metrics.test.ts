import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as m from '../../src/metrics';
import { AlphaFactoryError } from '../../src/errors';
import { close, fixture } from './helpers';

interface Case {
  name: string;
  periods: number;
  risk_free: number;
  required_return: number;
  returns: number[];
  expected: Record<string, unknown>;
}
const fx = fixture<{ cases: Case[] }>('metrics.json');
const TOL = 1e-9;

describe('metrics match empyrical 0.5.5 to 1e-9', () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const r = c.returns;
      const o = { periods: c.periods, riskFree: c.risk_free, requiredReturn: c.required_return };
      const e = c.expected;
      close(m.sharpe(r, o), e.sharpe, TOL, 'sharpe');
      close(m.sortino(r, o), e.sortino, TOL, 'sortino');
      close(m.downsideRisk(r, o), e.downside_risk, TOL, 'downside_risk');
      close(m.calmar(r, o), e.calmar, TOL, 'calmar');
      close(m.maxDrawdown(r), e.max_drawdown, TOL, 'max_drawdown');
      close(m.cagr(r, o), e.cagr, TOL, 'cagr');
      close(m.annualVolatility(r, o), e.annual_volatility, TOL, 'annual_volatility');
      close(m.totalReturn(r), e.total_return, TOL, 'total_return');
      close(m.valueAtRisk(r, 0.05), e.var_95, TOL, 'var_95');
      close(m.conditionalValueAtRisk(r, 0.05), e.cvar_95, TOL, 'cvar_95');
      close(m.valueAtRisk(r, 0.01), e.var_99, TOL, 'var_99');
      close(m.conditionalValueAtRisk(r, 0.01), e.cvar_99, TOL, 'cvar_99');
      close(m.omega(r, { periods: c.periods }), e.omega, TOL, 'omega');
      close(m.tailRatio(r), e.tail_ratio, TOL, 'tail_ratio');
      close(m.stability(r), e.stability, 1e-8, 'stability');
      close(m.winRate(r), e.win_rate, TOL, 'win_rate');
      close(m.profitFactor(r), e.profit_factor, TOL, 'profit_factor');
      const cum = m.cumulativeReturns(r);
      (e.cum_returns as number[]).forEach((v, i) => close(cum[i], v, TOL, `cum_returns[${i}]`));
    });
  }

  it('drawdown starts from the baseline 1: a first-day loss is a drawdown', () => {
    close(m.maxDrawdown([-0.1, 0.05]), -0.1, 1e-15, 'mdd'); // closed form: W = 0.9 below the baseline peak 1
    const dd = m.drawdownSeries([-0.1, 0.05, 0.1]);
    close(dd[1], 0.9 * 1.05 - 1, 1e-15, 'dd[1]');
    assert.equal(dd[2], 0); // 0.9 * 1.05 * 1.1 = 1.0395 > 1, a new peak
    assert.equal(m.maxDrawdownDuration([-0.1, 0.05, 0.1, -0.01]), 2);
  });

  it('profit factor follows the Infinity / 0 rules without losses', () => {
    assert.equal(m.profitFactor([0.01, 0.02]), Infinity);
    assert.equal(m.profitFactor([0, 0]), 0);
  });

  it('missing values and short series raise a typed error naming the position', () => {
    assert.throws(() => m.sharpe([0.01, NaN, 0.02]), (e: unknown) => e instanceof AlphaFactoryError && /index 1/.test((e as Error).message));
    assert.throws(() => m.sharpe([0.01]), AlphaFactoryError);
    assert.throws(() => m.valueAtRisk([0.01, 0.02], 1.5), AlphaFactoryError);
    assert.throws(() => m.sharpe([0.01, 0.02], { periods: 0 }), AlphaFactoryError);
  });
});
