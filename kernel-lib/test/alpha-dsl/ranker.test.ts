/**
 * The radix ranker against the definition of average ranks: rank(v_i) = #{j : v_j < v_i} +
 * (#{j : v_j == v_i} + 1) / 2, counted pair by pair (O(n^2)), on cross-sections built to stress
 * it: ties, -0 next to 0, subnormals, values equal in their top 32 bits, mixed signs and
 * magnitudes, short rows (comparison-sort path) and long ones (radix path).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Ranker, rankRowPercent } from '../../src/alpha/ops/kernels/ranker';
import { rankRow } from '../../src/alpha/ops/kernels/crossSection';
import { Rng } from '../../src/math/rng';

function definitionRanks(v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    let less = 0;
    let equal = 0;
    for (let j = 0; j < v.length; j++) {
      if (v[j] < v[i]) less++;
      else if (v[j] === v[i]) equal++;
    }
    out[i] = less + (equal + 1) / 2;
  }
  return out;
}

function cases(rng: Rng): { name: string; v: Float64Array }[] {
  const out: { name: string; v: Float64Array }[] = [];
  for (const n of [1, 2, 7, 47, 48, 49, 300, 505, 2000]) {
    const gen = (f: (k: number) => number): Float64Array => Float64Array.from({ length: n }, (_, k) => f(k));
    out.push({ name: `normal n=${n}`, v: gen(() => rng.normal()) });
    out.push({ name: `ties n=${n}`, v: gen(() => Math.round(rng.normal() * 3)) });
    out.push({ name: `signed zeros n=${n}`, v: gen((k) => (k % 3 === 0 ? -0 : k % 3 === 1 ? 0 : rng.normal())) });
    out.push({ name: `subnormals n=${n}`, v: gen(() => (rng.uniform() - 0.5) * 1e-310) });
    // identical high 32 bits, different low bits: only the exact pass can order them
    out.push({ name: `near-equal n=${n}`, v: gen(() => 1 + Math.floor(rng.uniform() * 1000) * 2 ** -50) });
    out.push({ name: `near-equal negative n=${n}`, v: gen(() => -1 - Math.floor(rng.uniform() * 1000) * 2 ** -50) });
    out.push({ name: `magnitudes n=${n}`, v: gen(() => Math.exp(rng.normal() * 30) * (rng.uniform() < 0.5 ? -1 : 1)) });
    out.push({ name: `constant n=${n}`, v: gen(() => 4.25) });
    out.push({ name: `sorted n=${n}`, v: gen((k) => k) });
    out.push({ name: `reversed n=${n}`, v: gen((k) => -k) });
    out.push({ name: `extremes n=${n}`, v: gen((k) => [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 1, -1][k % 6]) });
  }
  return out;
}

test('radix ranks equal the pairwise-count definition of average ranks', () => {
  const rng = new Rng(11);
  const ranker = new Ranker(4); // grows on demand
  for (const { name, v } of cases(rng)) {
    const got = new Float64Array(v.length);
    ranker.ranks(v, v.length, got);
    assert.deepEqual(got, definitionRanks(v), name);
    ranker.sort(v, v.length);
    for (let k = 0; k < v.length; k++) assert.equal(Object.is(ranker.sorted[k], v[ranker.order[k]]), true, `${name}: sorted is values[order]`);
    for (let k = 1; k < v.length; k++) assert.ok(ranker.sorted[k - 1] <= ranker.sorted[k], `${name}: ascending at ${k}`);
  }
});

test('rankCross: the Spearman sums from the definition ranks', () => {
  const rng = new Rng(12);
  const ranker = new Ranker();
  for (const { name, v } of cases(rng)) {
    const n = v.length;
    const other = definitionRanks(Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4)));
    const rx = definitionRanks(v);
    const c = (n + 1) / 2;
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < n; k++) {
      sxy += (rx[k] - c) * (other[k] - c);
      sxx += (rx[k] - c) ** 2;
    }
    ranker.rankCross(v, n, other);
    const tol = 1e-9 * Math.max(1, n * n);
    assert.ok(Math.abs(ranker.sxy - sxy) <= tol, `${name}: sxy ${ranker.sxy} vs ${sxy}`);
    assert.ok(Math.abs(ranker.sxx - sxx) <= tol, `${name}: sxx ${ranker.sxx} vs ${sxx}`);
  }
});

test('rankRow: percentile ranks of the finite values, missing stay missing', () => {
  const row = Float64Array.from([3, NaN, -1, 3, Infinity, 0, -0, -Infinity, 7]);
  const out = new Float64Array(row.length);
  rankRow(row, out);
  // finite values 3, -1, 3, 0, -0, 7 (m = 6): -1 -> 1, the two zeros -> 2.5, the two 3s -> 4.5, 7 -> 6
  assert.deepEqual(Array.from(out), [4.5 / 6, NaN, 1 / 6, 4.5 / 6, NaN, 2.5 / 6, 2.5 / 6, NaN, 6 / 6]);
});

test('rankRowPercent (cs_rank) equals percentile definition ranks of the finite values, in place in a panel row', () => {
  const rng = new Rng(13);
  for (const { name, v } of cases(rng)) {
    const n = v.length;
    const row = v.map((x) => (rng.uniform() < 0.1 ? NaN : x));
    const finite = row.filter((x) => Number.isFinite(x));
    const r = definitionRanks(Float64Array.from(finite));
    const want: number[] = [];
    let k = 0;
    for (const x of row) want.push(Number.isFinite(x) ? r[k++] / finite.length : NaN);
    const panelRow = new Float64Array(n + 6).fill(99);
    panelRow.set(row, 3);
    const out = new Float64Array(n + 6).fill(-5);
    rankRowPercent(panelRow, 3, n, out, new Ranker());
    assert.deepEqual(Array.from(out.subarray(3, 3 + n)), want, name);
    assert.deepEqual(Array.from(out.subarray(0, 3)), [-5, -5, -5], `${name}: nothing written before the row`);
    assert.deepEqual(Array.from(out.subarray(3 + n)), [-5, -5, -5], `${name}: nothing written after the row`);
  }
});
