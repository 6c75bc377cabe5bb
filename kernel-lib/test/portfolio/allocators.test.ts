import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  maxSharpe, minVariance, meanVariance, hrp, maxDiversification, equalRiskContribution, riskBudgeting, blackLitterman,
  blackLittermanPosterior, marketImpliedPriorReturns, equalWeight, inverseVolatility, efficientReturn, efficientRisk,
} from '../../src/portfolio/allocators';
import { sampleCov, pairwiseCovariance } from '../../src/portfolio/covariance';
import { meanHistoricalReturn } from '../../src/portfolio/returns';
import { fromRows, type Matrix } from '../../src/math/linalg';
import { fixture, assertClose } from './fixtures';
import { stocks20, returns8 } from './data';

const F = fixture('stock_prices_20.json');
const R8 = fixture('returns_8.json');

function inputs20() {
  const { returns } = stocks20();
  return { assets: returns.assets, cov: sampleCov(returns), expectedReturns: meanHistoricalReturn(returns), returns };
}

function perfClose(a: { expectedReturn?: number; volatility?: number; sharpe?: number }, p: number[], tol: number): void {
  assert.ok(Math.abs((a.expectedReturn as number) - p[0]) <= tol, `return ${a.expectedReturn} vs ${p[0]}`);
  assert.ok(Math.abs((a.volatility as number) - p[1]) <= tol, `volatility ${a.volatility} vs ${p[1]}`);
  assert.ok(Math.abs((a.sharpe as number) - p[2]) <= tol, `sharpe ${a.sharpe} vs ${p[2]}`);
}

test('max Sharpe (rf 0.02) on the ragged 20 stocks equals PyPortfolioOpt: (0.30478, 0.22166, 1.28477)', () => {
  const a = maxSharpe({ ...inputs20(), riskFreeRate: 0.02 });
  perfClose(a, [0.30478, 0.22166, 1.28477], 1e-5);
  perfClose(a, F.max_sharpe.performance, 1e-6);
  assertClose(a.weights, F.max_sharpe.weights, 1e-5, 'w');
  assert.equal(a.cash, 0);
});

test('min volatility equals PyPortfolioOpt: (0.15057, 0.15915, 0.82041)', () => {
  const a = minVariance({ ...inputs20(), riskFreeRate: 0.02 });
  perfClose(a, [0.15057, 0.15915, 0.82041], 1e-5);
  assertClose(a.weights, F.min_volatility.weights, 1e-5, 'w');
});

test('bounded min volatility, bounded max Sharpe and quadratic utility equal PyPortfolioOpt', () => {
  const base = inputs20();
  const mv = minVariance({ ...base, constraints: { lower: 0.02, upper: 0.12 } });
  assertClose(mv.weights, F.min_volatility_bounded.weights, 1e-5, 'bounded min vol');
  const ms = maxSharpe({ ...base, riskFreeRate: 0.02, constraints: { upper: 0.2 } });
  assertClose(ms.weights, F.max_sharpe_bounded.weights, 1e-5, 'bounded max sharpe');
  const mq = meanVariance(base, { riskAversion: 2 });
  assertClose(mq.weights, F.max_quadratic_utility.weights, 1e-5, 'utility');
});

test('HRP on pct_change().dropna(how="all") equals PyPortfolioOpt: (0.21353, 0.17844, 1.08458)', () => {
  const { returns } = stocks20();
  const n = returns.assets.length;
  const cov = { rows: n, cols: n, data: pairwiseCovariance(returns).cov.map((v) => v * 252) };
  const a = hrp({ assets: returns.assets, returns, cov, expectedReturns: meanHistoricalReturn(returns, { compounding: false }), riskFreeRate: 0.02 });
  assert.equal(a.info.order, F.hrp.order.join(','));
  assertClose(a.weights, F.hrp.weights, 1e-10, 'w');
  perfClose(a, [0.21353, 0.17844, 1.08458], 1e-5);
  perfClose(a, F.hrp.performance, 1e-10);
});

test('ERC: risk contributions equal to 1e-8 and weights equal to the cvxpy (Clarabel) log-barrier solution', () => {
  const a = equalRiskContribution(inputs20());
  const rc = a.riskContributions as Float64Array;
  const mean = rc.reduce((x, y) => x + y, 0) / rc.length;
  for (const v of rc) assert.ok(Math.abs(v - mean) / mean <= 1e-8, `RC ${v} vs mean ${mean}`);
  assert.ok(Math.abs(rc.reduce((x, y) => x + y, 0) - (a.volatility as number)) < 1e-12, 'RC sum to sigma');
  assertClose(a.weights, F.erc_cvxpy.weights, 1e-7, 'w');
  // risk budgets 2:1:...: contributions proportional to the budgets
  const b = new Float64Array(20).fill(1);
  b[0] = 2;
  const rb = riskBudgeting(inputs20(), { budgets: b });
  const r = rb.riskContributions as Float64Array;
  assert.ok(Math.abs(r[0] / r[1] - 2) < 1e-8);
});

test('maximum diversification and turnover-limited min variance equal cvxpy (Clarabel)', () => {
  const base = inputs20();
  assertClose(maxDiversification(base).weights, F.max_diversification_cvxpy.weights, 1e-6, 'max div');
  const t = F.min_variance_turnover_cvxpy;
  const a = minVariance({ ...base, constraints: { current: t.w0, maxTurnover: t.max_turnover } });
  assertClose(a.weights, t.weights, 1e-6, 'turnover');
  const turn = a.weights.reduce((s, w, i) => s + Math.abs(w - t.w0[i]), 0);
  assert.ok(turn <= t.max_turnover + 1e-9);
});

test('--returns path (returns_data=True, compounding=False): max Sharpe, min volatility and HRP equal PyPortfolioOpt', () => {
  const r = returns8();
  const input = { assets: r.assets, returns: r, cov: sampleCov(r), expectedReturns: meanHistoricalReturn(r, { compounding: false }), riskFreeRate: 0.02 };
  const ms = maxSharpe(input);
  assertClose(ms.weights, R8.max_sharpe.weights, 1e-5, 'max sharpe');
  perfClose(ms, R8.max_sharpe.performance, 1e-6);
  const mv = minVariance(input);
  assertClose(mv.weights, R8.min_volatility.weights, 1e-5, 'min vol');
  perfClose(mv, R8.min_volatility.performance, 1e-6);
  const h = hrp(input);
  assertClose(h.weights, R8.hrp.weights, 1e-10, 'hrp');
  perfClose(h, R8.hrp.performance, 1e-10);
});

test('Black-Litterman prior, posterior and weights equal PyPortfolioOpt BlackLittermanModel', () => {
  const bl = R8.black_litterman;
  const cov: Matrix = fromRows(R8.cov);
  const prior = marketImpliedPriorReturns(bl.market_caps, bl.risk_aversion, cov, bl.rf);
  assertClose(prior, bl.prior, 1e-12, 'prior');
  const views = { P: fromRows(bl.P), Q: bl.Q };
  const post = blackLittermanPosterior(cov, prior, views, bl.tau);
  assertClose(post.omega.data, bl.omega.flat(), 1e-14, 'omega');
  assertClose(post.returns, bl.posterior_returns, 1e-12, 'posterior returns');
  assertClose(post.cov.data, bl.posterior_cov.flat(), 1e-13, 'posterior cov');
  const r = returns8();
  const closed = blackLitterman({ assets: r.assets, cov, riskFreeRate: bl.rf }, { marketCaps: bl.market_caps, views, riskAversion: bl.risk_aversion, weighting: 'closed_form' });
  assertClose(closed.weights, bl.weights, 1e-10, 'closed form weights');
  const util = blackLitterman({ assets: r.assets, cov, riskFreeRate: bl.rf }, { marketCaps: bl.market_caps, views, riskAversion: bl.risk_aversion });
  assertClose(util.weights, bl.utility_weights, 1e-6, 'utility weights');
  const b2 = R8.black_litterman_omega;
  const post2 = blackLittermanPosterior(cov, marketImpliedPriorReturns(bl.market_caps, bl.risk_aversion, cov, 0), { ...views, omega: fromRows(b2.omega) }, b2.tau);
  assertClose(post2.returns, b2.posterior_returns, 1e-12, 'posterior with omega');
});

test('equal weight and inverse volatility: closed forms, budget leaves cash', () => {
  const base = inputs20();
  const e = equalWeight({ ...base, constraints: { budget: 0.8 } });
  assert.ok(e.weights.every((w) => Math.abs(w - 0.04) < 1e-15));
  assert.ok(Math.abs(e.cash - 0.2) < 1e-12);
  const iv = inverseVolatility(base);
  const n = 20;
  const inv = Array.from({ length: n }, (_v, i) => 1 / Math.sqrt(F.cov_sample[i][i]));
  const s = inv.reduce((a, b) => a + b, 0);
  assertClose(iv.weights, inv.map((v) => v / s), 1e-14, 'inverse vol');
});

test('efficient frontier points equal PyPortfolioOpt efficient_return(0.25) and efficient_risk(0.2)', () => {
  const base = inputs20();
  const er = efficientReturn(base, F.efficient_return.target);
  assertClose(er.weights, F.efficient_return.weights, 1e-5, 'efficient_return');
  assert.ok((er.expectedReturn as number) >= F.efficient_return.target - 1e-10);
  const ek = efficientRisk(base, F.efficient_risk.target);
  assertClose(ek.weights, F.efficient_risk.weights, 1e-5, 'efficient_risk');
  assert.ok(Math.abs((ek.volatility as number) - F.efficient_risk.target) < 1e-9);
  assert.throws(() => efficientRisk(base, 0.1), /below the minimum volatility 0.159/);
});
