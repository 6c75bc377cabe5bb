import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  kellyCriterion, multiStrategyKelly, strategyScore, scoreTargets, stepTowards, DynamicAllocator, DrawdownGuard,
  regimeOverlay, mixSleeves, rebalanceAllocation, fixedWeights, varBudgetScale, equalWeight, PRESETS, Allocation,
} from '../../src/portfolio/allocators';
import { fromRows } from '../../src/math/linalg';
import { normPpf } from '../../src/math/special';

// Acceptance values quoted in the multi-strategy reference (section 5.3), closed-form checks.

test('Kelly: (p 0.6, win 2, loss 1, half) = 0.2; zero loss -> 0; fewer than 30 returns -> min allocation', () => {
  assert.ok(Math.abs(kellyCriterion(0.6, 2, 1, 0.5) - 0.2) < 1e-15);
  assert.equal(kellyCriterion(0.6, 2, 0), 0);
  assert.equal(kellyCriterion(0.3, 1, 1), 0);
  const out = multiStrategyKelly([{ name: 'short', dailyReturns: [0.01, -0.01] }]);
  assert.equal(out.short, 0.05);
  // 60% wins of +2%, 40% losses of -1%: Kelly 0.4, half 0.2 (inside [0.05, 0.40])
  const r = Array.from({ length: 50 }, (_v, i) => (i % 5 < 3 ? 0.02 : -0.01));
  assert.ok(Math.abs(multiStrategyKelly([{ name: 'a', dailyReturns: r }]).a - 0.2) < 1e-12);
});

test('score = 0.5 Sharpe + 0.3 win - 0.2 x 2 DD: (2, 0.5, 0.05) = 1.13; negative floors at 0.01', () => {
  assert.ok(Math.abs(strategyScore({ name: 'a', sharpe: 2, winRate: 0.5, currentDrawdown: 0.05 }) - 1.13) < 1e-12);
  assert.equal(strategyScore({ name: 'b', sharpe: -1, winRate: 0, currentDrawdown: 0.3 }), 0.01);
});

test('score targets lie in [0.05, 0.40] and sum to 1 (proper projection); one step moves at most 0.10', () => {
  const perfs = [
    { name: 'a', sharpe: 6, winRate: 0.7, currentDrawdown: 0 },
    { name: 'b', sharpe: 0.1, winRate: 0.4, currentDrawdown: 0.1 },
    { name: 'c', sharpe: 0, winRate: 0, currentDrawdown: 0.2 },
    { name: 'd', sharpe: 1, winRate: 0.5, currentDrawdown: 0.01 },
  ];
  const t = scoreTargets(perfs);
  assert.ok(Math.abs(t.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  for (const v of t) assert.ok(v >= 0.05 - 1e-12 && v <= 0.4 + 1e-12, `target ${v}`);
  // Euclidean projection: the capped strategy sits at 0.40, the others share one common shift
  assert.ok(Math.abs(t[0] - 0.4) < 1e-12);
  const s = [3.21, 0.13, 0.01, 0.646];
  const tot = s.reduce((a, b) => a + b, 0);
  const shift = t[1] - s[1] / tot;
  for (const i of [2, 3]) assert.ok(Math.abs(t[i] - s[i] / tot - shift) < 1e-12);
  const next = stepTowards([0.1, 0.3, 0.3, 0.3], [0.3, 0.2, 0.2, 0.3], 0.1);
  assert.ok(Math.abs(next[0] - 0.2) < 1e-12, `0.10 -> 0.30 steps to ${next[0]}`);
  assert.ok(Math.abs(next.reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test('DynamicAllocator rebalances on the first call and then every 24 h of the injected clock', () => {
  let now = 0;
  const dyn = new DynamicAllocator({ clock: () => now });
  assert.equal(dyn.shouldRebalance(), true);
  const rec = dyn.rebalance([
    { name: 'a', sharpe: 3, winRate: 0.6, currentDrawdown: 0, currentAllocation: 0.5 },
    { name: 'b', sharpe: 1, winRate: 0.5, currentDrawdown: 0, currentAllocation: 0.25 },
    { name: 'c', sharpe: 1, winRate: 0.5, currentDrawdown: 0, currentAllocation: 0.25 },
  ]);
  assert.ok(Math.abs(rec.allocations.a.new - 0.4) < 1e-12); // bound 0.40, reachable with a -0.10 step
  assert.ok(Math.abs(rec.allocations.b.new - 0.3) < 1e-12);
  assert.equal(dyn.history.length, 1);
  const alloc = rebalanceAllocation(rec);
  assert.deepEqual([...alloc.assets], ['a', 'b', 'c']);
  assert.ok(Math.abs(alloc.cash) < 1e-12);
  now += 23 * 3600e3;
  assert.equal(dyn.shouldRebalance(), false);
  now += 3600e3;
  assert.equal(dyn.shouldRebalance(), true);
});

test('drawdown guard ladder: 4.9% -> 1, 5% -> 0.8, 12% -> 0.5 warning, 15% -> 0.25 critical, 20% -> 0 stopped', () => {
  const g = new DrawdownGuard();
  assert.equal(g.scalingFactor(0.049), 1);
  assert.equal(g.scalingFactor(0.05), 0.8);
  assert.equal(g.scalingFactor(0.12), 0.5);
  assert.equal(g.status(0.12), 'warning');
  assert.equal(g.scalingFactor(0.15), 0.25);
  assert.equal(g.status(0.15), 'critical');
  assert.equal(g.scalingFactor(0.2), 0);
  assert.equal(g.status(0.2), 'stopped');
  assert.equal(g.evaluate('s', 0.12, 0.3).adjustedAllocation, 0.15);
});

test('regime overlay: multiplier 1.5 at confidence 0.8 acts as 1.4, then renormalised', () => {
  const w = regimeOverlay([0.5, 0.5], ['momentum', 'unknown'], 'trending', 0.8);
  assert.ok(Math.abs(w[0] / w[1] - 1.4) < 1e-12);
  assert.ok(Math.abs(w[0] + w[1] - 1) < 1e-12);
});

test('presets, sleeves and VaR-budget scaling keep the rest as cash', () => {
  const names = Object.keys(PRESETS.balanced);
  const bal = fixedWeights({ assets: names, weights: 'balanced' });
  assert.ok(Math.abs(bal.cash - 0.05) < 1e-12);
  const a = equalWeight({ assets: ['x', 'y'] });
  const b = new Allocation({ method: 'm', assets: ['y', 'z'], weights: Float64Array.of(0.25, 0.75) });
  const mixed = mixSleeves([{ allocation: a, weight: 0.6 }, { allocation: b, weight: 0.3 }]);
  assert.deepEqual([...mixed.assets], ['x', 'y', 'z']);
  assert.ok(Math.abs(mixed.weight('y') - (0.3 + 0.075)) < 1e-15);
  assert.ok(Math.abs(mixed.cash - 0.1) < 1e-12);
  // VaR of w = (0.5, 0.5) with annual vol 0.2 each, uncorrelated: z * 0.2/sqrt(2) * sqrt(1/252)
  const cov = fromRows([[0.04, 0], [0, 0.04]]);
  const v = normPpf(0.95) * Math.sqrt(0.02) * Math.sqrt(1 / 252);
  const scaled = varBudgetScale(a, cov, { budget: v / 2 });
  assert.ok(Math.abs((scaled.info.var_scale as number) - 0.5) < 1e-12);
  assert.ok(Math.abs(scaled.cash - 0.5) < 1e-12);
});
