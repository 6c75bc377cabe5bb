import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

/** Reads a committed fixture from kernel-lib/test/fixtures/risk/ (written by scripts/fixtures/risk.py). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON is untyped; each test reads the keys its script wrote
export function fixture<T = any>(name: string): T {
  const p = path.resolve(__dirname, '../../../test/fixtures/risk', name);
  return JSON.parse(fs.readFileSync(p, 'utf8')) as T;
}

/** Decodes the fixture encoding of non-finite numbers (null = NaN, "Infinity"). */
export function num(x: unknown): number {
  if (x === null) return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  return x as number;
}

/** |actual - expected| <= tol * max(1, |expected|); NaN matches NaN, infinities match exactly. */
export function close(actual: number, expected: unknown, tol: number, what: string): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  if (!Number.isFinite(e)) {
    assert.equal(actual, e, `${what}`);
    return;
  }
  const err = Math.abs(actual - e);
  assert.ok(err <= tol * Math.max(1, Math.abs(e)), `${what}: got ${actual}, expected ${e} (|diff| ${err})`);
}

/** Validates a payload (after a JSON round trip) against schema/payloads/<name>. */
export function schemaValidator(name: string): (x: unknown) => void {
  const p = path.resolve(__dirname, '../../../../schema/payloads', name);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(p, 'utf8')));
  return (x) => assert.ok(validate(JSON.parse(JSON.stringify(x))), JSON.stringify(validate.errors));
}
