import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Fixture folder (works from build/test/alpha-research too). */
export function fixturePath(name: string): string {
  return path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'alpha-research', name);
}

export function readFixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(fixturePath(name), 'utf8')) as T;
}

export function arr(xs: (number | null)[]): Float64Array {
  return Float64Array.from(xs, (v) => (v === null ? NaN : v));
}

/** Elementwise |a - b| <= tol, with null/NaN required to match NaN. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number | null>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k];
    const a = actual[k];
    if (e === null || Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${what}[${k}]: expected NaN, got ${a}`);
    } else {
      assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${k}]: expected ${e}, got ${a}`);
    }
  }
}

export function assertNum(actual: number, expected: number | null, tol: number, what: string): void {
  assertClose([actual], [expected], tol, what);
}

/** Validator for a payload schema under schema/payloads (ajv, draft 2020-12). */
export function schemaValidator(name: string): (x: unknown) => void {
  const Ajv2020 = require('ajv/dist/2020').default;
  const p = path.resolve(__dirname, '../../../../schema/payloads', name);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(p, 'utf8')));
  return (x) => assert.ok(validate(JSON.parse(JSON.stringify(x))), JSON.stringify(validate.errors));
}
