import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** kernel-lib/test/fixtures/data, from build/test/data or test/data. */
export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'data');

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

/** |a - b| <= tol * max(1, |b|), NaN matching null/NaN. */
export function close(actual: number, expected: number | null, rel = 1e-10, what = ''): void {
  if (expected === null || Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tol ${tol})`);
}
