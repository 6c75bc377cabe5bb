import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveQp } from '../../src/math/qp';
import { fromRows, matrix } from '../../src/math/linalg';
import { AlphaFactoryError } from '../../src/errors';
import { fixture, assertClose } from './fixtures';

interface QpCase {
  n: number;
  P: number[][];
  q: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  A: number[][];
  b: number[];
  G: number[][];
  h: number[];
  x?: number[];
  objective: number;
  strictly_convex?: boolean;
}

const F = fixture('qp.json') as { cases: QpCase[]; hard: QpCase[] };

test('solveQp matches cvxpy (Clarabel) on random convex QPs: box (some infinite), equality and inequality rows, PSD P', () => {
  F.cases.forEach((c, k) => {
    const n = c.n;
    const res = solveQp({
      P: fromRows(c.P),
      q: Float64Array.from(c.q),
      lower: Float64Array.from(c.lower, (v) => (v === null ? -Infinity : v)),
      upper: Float64Array.from(c.upper, (v) => (v === null ? Infinity : v)),
      Aeq: c.A.length ? fromRows(c.A) : undefined,
      beq: c.A.length ? Float64Array.from(c.b) : undefined,
      Aineq: c.G.length ? fromRows(c.G) : undefined,
      bineq: c.G.length ? Float64Array.from(c.h) : undefined,
    });
    assert.equal(res.x.length, n);
    assert.ok(Math.abs(res.objective - c.objective) <= 1e-8 * Math.max(1, Math.abs(c.objective)), `case ${k}: objective ${res.objective} vs ${c.objective}`);
    assert.ok(res.primalResidual <= 1e-9, `case ${k}: residual ${res.primalResidual}`);
    if (c.strictly_convex) assertClose(res.x, c.x as number[], 1e-6, `case ${k} x`);
  });
});

test('solveQp on degenerate QPs where active-set guesses cycle (ADMM fallback + polish) matches cvxpy', () => {
  assert.ok(F.hard.length >= 5);
  F.hard.forEach((c, k) => {
    const res = solveQp({
      P: fromRows(c.P), q: Float64Array.from(c.q), lower: Float64Array.from(c.lower, (v) => v as number), upper: Float64Array.from(c.upper, (v) => v as number),
      Aeq: c.A.length ? fromRows(c.A) : undefined, beq: c.A.length ? Float64Array.from(c.b) : undefined,
      Aineq: c.G.length ? fromRows(c.G) : undefined, bineq: c.G.length ? Float64Array.from(c.h) : undefined,
    });
    assert.ok(Math.abs(res.objective - c.objective) <= 1e-7 * Math.max(1, Math.abs(c.objective)), `hard ${k}: objective ${res.objective} vs ${c.objective}`);
    assert.ok(res.primalResidual <= 1e-8, `hard ${k}: residual ${res.primalResidual}`);
  });
});

test('solveQp: unconstrained and equality-only closed forms', () => {
  // min ½ xᵀ diag(2, 4) x - (2, 4)ᵀx  -> x = (1, 1)
  const P = fromRows([[2, 0], [0, 4]]);
  const r = solveQp({ P, q: Float64Array.of(-2, -4) });
  assertClose(r.x, [1, 1], 1e-14, 'unconstrained');
  // with x1 + x2 = 1: Lagrange gives x = (2/3, 1/3)
  const e = solveQp({ P, q: new Float64Array(2), Aeq: matrix(1, 2, Float64Array.of(1, 1)), beq: Float64Array.of(1) });
  assertClose(e.x, [2 / 3, 1 / 3], 1e-14, 'equality');
  assert.ok(Math.abs(e.lambdaEq[0] + 4 / 3) < 1e-12, `multiplier ${e.lambdaEq[0]}`);
});

test('solveQp: infeasible systems and NaN data raise typed errors', () => {
  const P = fromRows([[1, 0], [0, 1]]);
  assert.throws(() => solveQp({ P, lower: Float64Array.of(0, 0), upper: Float64Array.of(1, 1), Aeq: matrix(1, 2, Float64Array.of(1, 1)), beq: Float64Array.of(3) }),
    (e: unknown) => e instanceof AlphaFactoryError && e.code === 'infeasible' && /allow only \[0, 2\]/.test(e.message));
  // x1 + x2 <= -1 and x1 + x2 >= 1 (as -x1 - x2 <= -1): no interval certificate, caught after solving
  assert.throws(() => solveQp({ P, Aineq: fromRows([[1, 1], [-1, -1]]), bineq: Float64Array.of(-1, -1) }), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'infeasible');
  assert.throws(() => solveQp({ P: fromRows([[NaN, 0], [0, 1]]) }), /NaN/);
});
