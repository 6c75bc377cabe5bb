import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { fromRows, type Matrix } from '../../src/math/linalg';

/** kernel-lib/ from build/test/portfolio/. */
export const KERNEL_ROOT = join(__dirname, '..', '..', '..');

/** A committed fixture written by scripts/fixtures/portfolio.py. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any {
  return JSON.parse(readFileSync(join(KERNEL_ROOT, 'test', 'fixtures', 'portfolio', name), 'utf8'));
}

export function mat(rows: number[][]): Matrix {
  return fromRows(rows);
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = ''): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    assert.ok(d <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]} (|diff| ${d} > ${tol})`);
  }
}

export function assertMatrixClose(actual: Matrix, expected: number[][], tol: number, what = ''): void {
  assert.equal(actual.rows, expected.length, `${what}: rows`);
  assertClose(actual.data, expected.flat(), tol, what);
}
