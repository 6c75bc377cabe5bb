import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../cli/run';
import { fixture, KERNEL_ROOT } from './fixtures';

const F = fixture('stock_prices_20.json');
const R8 = fixture('returns_8.json');

function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCli(args, KERNEL_ROOT);
}

function near(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
}

test('portfolio optimize --prices: max_sharpe, min_volatility, hrp equal PyPortfolioOpt (rf 0.02)', async () => {
  for (const [method, ref] of [['max_sharpe', F.max_sharpe], ['min_volatility', F.min_volatility], ['hrp', F.hrp]]) {
    const r = await run(['portfolio', 'optimize', '--prices', 'data/stock_prices_20.csv', '--method', method, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['weights', 'expected_return', 'volatility', 'sharpe']);
    near(j.expected_return, ref.performance[0], 1e-6, `${method} return`);
    near(j.volatility, ref.performance[1], 1e-6, `${method} vol`);
    near(j.sharpe, ref.performance[2], 1e-6, `${method} sharpe`);
    F.tickers.forEach((t: string, i: number) => near(j.weights[t], ref.weights[i], 1e-5, `${method} ${t}`));
  }
});

test('portfolio optimize --returns uses arithmetic mean x 252 and sample cov x 252 (PyPortfolioOpt returns_data)', async () => {
  const r = await run(['portfolio', 'optimize', '--returns', 'test/fixtures/portfolio/returns_8.csv', '--method', 'max_sharpe', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  near(j.sharpe, R8.max_sharpe.performance[2], 1e-6, 'sharpe');
  const e = await run(['portfolio', 'optimize', '--returns', 'test/fixtures/portfolio/returns_8.csv', '--method', 'erc']);
  assert.equal(e.code, 0, e.err);
  assert.match(e.out, /Allocation \(erc\), 8 assets/);
});

test('portfolio optimize: bad usage is one line and exit 1', async () => {
  const r = await run(['portfolio', 'optimize', '--prices', 'data/stock_prices_20.csv', '--method', 'nope']);
  assert.equal(r.code, 1);
  assert.match(r.err, /^alpha-factory portfolio: unknown --method "nope"/);
  assert.equal(r.err.trim().split('\n').length, 1);
  const both = await run(['portfolio', 'optimize', '--method', 'erc']);
  assert.match(both.err, /exactly one of --returns <csv> or --prices <csv>/);
});
