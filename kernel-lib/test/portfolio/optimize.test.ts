import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAllocators, optimizePortfolio, OPTIMIZE_METHODS } from '../../src/portfolio/optimize';
import { fixture, assertClose } from './fixtures';
import { stocks20 } from './data';

const F = fixture('stock_prices_20.json');

test('optimizePortfolio from ragged prices reproduces PyPortfolioOpt max Sharpe and HRP', () => {
  const { prices } = stocks20();
  assertClose(optimizePortfolio(prices, { method: 'max_sharpe' }).weights, F.max_sharpe.weights, 1e-5, 'max sharpe');
  assertClose(optimizePortfolio(prices, { method: 'hrp' }).weights, F.hrp.weights, 1e-10, 'hrp');
});

test('compareAllocators: every method gives finite long-only weights within the budget on the 20 stocks', () => {
  const { prices } = stocks20();
  const all = compareAllocators(prices, OPTIMIZE_METHODS);
  assert.equal(all.length, OPTIMIZE_METHODS.length);
  for (const a of all) {
    assert.ok(a.weights.every((w) => Number.isFinite(w) && w >= 0), a.method);
    const s = a.weights.reduce((x, y) => x + y, 0);
    assert.ok(a.method === 'kelly' ? s <= 1 + 1e-9 : Math.abs(s - 1) < 1e-9, `${a.method}: sum ${s}`);
    assert.ok(Number.isFinite(a.volatility as number) && Number.isFinite(a.sharpe as number), a.method);
  }
});
