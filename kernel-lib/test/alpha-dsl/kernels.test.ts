/**
 * The fast rolling kernels against their definitions computed window by window (a direct loop
 * over the d values of each window, written here without the kernels' bookkeeping), on panels
 * built to stress them: many ties (values on a coarse grid), missing values, windows of 1, windows
 * longer than half the panel, negative values and signed zeros. The pandas parity of the same
 * operators is in operators.test.ts (committed fixtures).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rollingExtremeVhgw, rollingQuantile, rollingRank } from '../../src/alpha/ops/kernels/sorted';
import { ArrayPool, withPool } from '../../src/alpha/ops/pool';
import { Rng } from '../../src/math/rng';

const T = 40;
const N = 7;

function panel(seed: number, grid: number, missing: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: T * N }, () => {
    if (rng.uniform() < missing) return NaN;
    const v = Math.round(rng.normal() * grid) / grid;
    return v === 0 && rng.uniform() < 0.5 ? -0 : v;
  });
}

/** The window of asset i ending at t (oldest first), or null when incomplete or missing a value. */
function windowAt(x: Float64Array, t: number, i: number, d: number): number[] | null {
  if (t < d - 1) return null;
  const w: number[] = [];
  for (let k = t - d + 1; k <= t; k++) {
    const v = x[k * N + i];
    if (!Number.isFinite(v)) return null;
    w.push(v);
  }
  return w;
}

function byDefinition(x: Float64Array, d: number, f: (w: number[]) => number): Float64Array {
  const out = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      const w = windowAt(x, t, i, d);
      out[t * N + i] = w ? f(w) : NaN;
    }
  }
  return out;
}

const definitions: Record<string, { fast: (x: Float64Array, d: number) => Float64Array; def: (w: number[]) => number }> = {
  ts_rank: {
    fast: (x, d) => rollingRank(x, T, N, d),
    def: (w) => {
      const today = w[w.length - 1];
      const less = w.filter((v) => v < today).length;
      const equal = w.filter((v) => v === today).length;
      return (less + (equal + 1) / 2) / w.length;
    },
  },
  ts_quantile_0_3: {
    fast: (x, d) => rollingQuantile(x, T, N, d, 0.3),
    def: (w) => {
      const s = [...w].sort((a, b) => a - b);
      const pos = 0.3 * (s.length - 1);
      const lo = Math.floor(pos);
      const hi = Math.min(lo + 1, s.length - 1);
      return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    },
  },
  ts_max: { fast: (x, d) => rollingExtremeVhgw(x, T, N, d, true), def: (w) => Math.max(...w) },
  ts_min: { fast: (x, d) => rollingExtremeVhgw(x, T, N, d, false), def: (w) => Math.min(...w) },
  ts_argmax: {
    fast: (x, d) => rollingExtremeVhgw(x, T, N, d, true, true),
    def: (w) => w.indexOf(Math.max(...w)) + 1, // first occurrence (-0 and 0 compare equal)
  },
  ts_argmin: {
    fast: (x, d) => rollingExtremeVhgw(x, T, N, d, false, true),
    def: (w) => w.indexOf(Math.min(...w)) + 1,
  },
};

/** Equal as numbers (a signed zero matches either zero), NaN where NaN. */
function assertSame(got: Float64Array, want: Float64Array, what: string): void {
  for (let c = 0; c < want.length; c++) {
    const a = got[c];
    const b = want[c];
    if (Number.isNaN(b)) assert.ok(Number.isNaN(a), `${what}: row ${Math.floor(c / N)} asset ${c % N}: expected NaN, got ${a}`);
    else assert.ok(a === b, `${what}: row ${Math.floor(c / N)} asset ${c % N}: expected ${b}, got ${a}`);
  }
}

test('rolling rank, quantile, max, min, argmax and argmin equal their window-by-window definitions', () => {
  const panels = [panel(1, 1000, 0), panel(2, 2, 0), panel(3, 2, 0.08), panel(4, 1, 0.02)];
  for (const [name, { fast, def }] of Object.entries(definitions)) {
    panels.forEach((x, p) => {
      for (const d of [1, 2, 3, 5, 8, 21, 39, 40]) assertSame(fast(x, d), byDefinition(x, d, def), `${name} panel ${p} d=${d}`);
    });
  }
});

test('the kernels give the same values on recycled (dirty) arrays as on fresh ones', () => {
  const pool = new ArrayPool();
  const x = panel(5, 3, 0.05);
  for (const [name, { fast }] of Object.entries(definitions)) {
    const fresh = fast(x, 6);
    const recycled = withPool(pool, () => {
      for (let k = 0; k < 4; k++) pool.give(new Float64Array(T * N).fill(12345.5)); // garbage left by earlier work
      return fast(x, 6);
    });
    assert.deepEqual(recycled, fresh, name);
  }
});

test('arithmetic: infinities from overflow or division by zero become NaN in every operand form', async () => {
  const { arithmetic } = await import('../../src/alpha/ops/kernels/elementwise');
  const x = Float64Array.from([1, 0, -2, 1e308, NaN, -0]);
  const y = Float64Array.from([0, 0, 4, 1e308, 1, 2]);
  const cases: [0 | 1 | 2 | 3, number | Float64Array, number | Float64Array, number[]][] = [
    [3, x, y, [NaN, NaN, -0.5, 1, NaN, -0]],
    [0, x, y, [1, 0, 2, NaN, NaN, 2]],
    [2, x, y, [0, 0, -8, NaN, NaN, -0]],
    [1, x, y, [1, 0, -6, 0, NaN, -2]],
    [3, x, 0, [NaN, NaN, NaN, NaN, NaN, NaN]],
    [3, 1, y, [NaN, NaN, 0.25, 1e-308, 1, 0.5]],
    [2, x, 10, [10, 0, -20, NaN, NaN, -0]],
    [1, x, 1, [0, -1, -3, 1e308, NaN, -1]],
    [1, 1, y, [1, 1, -3, -1e308, 0, -1]],
    [0, x, -1e308, [-1e308, -1e308, -1e308, 0, NaN, -1e308]],
  ];
  for (const [op, a, b, want] of cases) {
    const got = arithmetic(op, a, b, 6) as Float64Array;
    assert.deepEqual(Array.from(got), want, `op ${op} ${typeof a} ${typeof b}`);
  }
});

test('the dedicated comparison, logical and max/min loops equal the per-cell scalar definitions', async () => {
  const { fastBinary, makeBinary } = await import('../../src/alpha/ops/kernels/elementwise');
  const defs: Record<string, (x: number, y: number) => number> = {
    max2: Math.max,
    min2: Math.min,
    gt: (x, y) => (x > y ? 1 : 0),
    ge: (x, y) => (x >= y ? 1 : 0),
    lt: (x, y) => (x < y ? 1 : 0),
    le: (x, y) => (x <= y ? 1 : 0),
    eq: (x, y) => (x === y ? 1 : 0),
    ne: (x, y) => (x !== y ? 1 : 0),
    and: (x, y) => (x !== 0 && y !== 0 ? 1 : 0),
    or: (x, y) => (x !== 0 || y !== 0 ? 1 : 0),
  };
  const x = panel(7, 1, 0.1);
  const y = panel(8, 1, 0.1);
  const size = x.length;
  for (const [name, f] of Object.entries(defs)) {
    const fast = fastBinary(name as Parameters<typeof fastBinary>[0], f);
    const slow = makeBinary(f);
    for (const [a, b] of [[x, y], [x, 0], [0, y], [x, NaN], [-0, y], [x, -1]] as [Float64Array | number, Float64Array | number][]) {
      assert.deepEqual(fast(a, b, size), slow(a, b, size), `${name}(${typeof a}, ${typeof b})`);
    }
  }
});

test('the dedicated unary, power and where loops equal the per-cell definitions', async () => {
  const { fastUnary, makeUnary, fastPow, makeBinary, signedPower, where } = await import('../../src/alpha/ops/kernels/elementwise');
  const x = panel(9, 3, 0.1);
  const y = panel(10, 1, 0.1);
  const size = x.length;
  const unaries: Record<string, (v: number) => number> = {
    neg: (v) => -v,
    abs: Math.abs,
    sign: Math.sign,
    log: Math.log,
    sqrt: Math.sqrt,
    exp: Math.exp,
    inv: (v) => 1 / v,
  };
  for (const [name, f] of Object.entries(unaries)) {
    assert.deepEqual(fastUnary(name as Parameters<typeof fastUnary>[0], f)(x, size), makeUnary(f)(x, size), name);
  }
  for (const [signed, f] of [[false, Math.pow], [true, signedPower]] as [boolean, (a: number, b: number) => number][]) {
    for (const [a, b] of [[x, y], [x, 2], [x, 0.5], [2, y]] as [Float64Array | number, Float64Array | number][]) {
      assert.deepEqual(fastPow(signed)(a, b, size), makeBinary(f)(a, b, size), `pow signed=${signed}`);
    }
  }
  // where: NaN where the condition is missing, else the chosen operand (numbers broadcast)
  const got = where(y, x, 5, size) as Float64Array;
  for (let c = 0; c < size; c++) {
    const want = Number.isNaN(y[c]) ? NaN : y[c] !== 0 ? x[c] : 5;
    assert.ok(Object.is(got[c], want), `where at ${c}: ${got[c]} vs ${want}`);
  }
});
