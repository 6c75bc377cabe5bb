import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, sha256Hex } from '../../src/jobs/canonical';
import { jobId, normalizeSpec } from '../../src/jobs/spec';
import { AlphaFactoryError } from '../../src/errors';

const H = 'a'.repeat(64);

test('sha256Hex matches the FIPS 180-2 test vector for "abc"', () => {
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('canonical JSON sorts keys at every depth and has no whitespace', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  assert.equal(canonicalJson({ a: undefined, b: null }), '{"b":null}');
  assert.throws(() => canonicalJson({ x: [1, NaN] }), /\$\.x\[1\] is NaN/);
});

test('the same spec gives the same id whatever the key order, name or input path', () => {
  const a = normalizeSpec({ kind: 'garch-batch', name: 'one', inputs: { returns: { sha256: H, path: '/a/r.arrow' } }, params: { dtype: 'float64', models: [{ vol: 'GARCH', dist: 't' }] }, seed: 7 });
  const b = normalizeSpec({ seed: 7, params: { models: [{ dist: 't', vol: 'GARCH' }], dtype: 'float64' }, inputs: { returns: { path: '/elsewhere/x.arrow', sha256: H } }, kind: 'garch-batch', name: 'two' });
  assert.equal(jobId(a), jobId(b));
  assert.match(jobId(a), /^garch-batch-[0-9a-f]{20}$/);
  const c = normalizeSpec({ ...b, seed: 8 } as never);
  assert.notEqual(jobId(a), jobId(c));
  const d = normalizeSpec({ kind: 'garch-batch', inputs: { returns: { sha256: 'b'.repeat(64) } }, params: a.params, seed: 7 });
  assert.notEqual(jobId(a), jobId(d));
  const e = normalizeSpec({ ...a, resources: { gpus: 1 } } as never);
  assert.notEqual(jobId(a), jobId(e));
});

test('normalizeSpec fills defaults and names the bad field', () => {
  const s = normalizeSpec({ kind: 'garch-batch' });
  assert.deepEqual(s.resources, { gpus: 0, cpus: 1, memoryMb: 0 });
  assert.deepEqual(s.outputs, ['garch.arrow']);
  assert.equal(s.seed, 0);
  assert.throws(() => normalizeSpec({ kind: 'garch' as never }), (e: unknown) => e instanceof AlphaFactoryError && /spec\.kind must be one of garch-batch/.test(e.message));
  assert.throws(() => normalizeSpec({ kind: 'sweep', resources: { gpus: -1 } }), /spec\.resources\.gpus must be a number >= 0/);
  assert.throws(() => normalizeSpec({ kind: 'sweep', seed: 1.5 }), /spec\.seed must be an integer/);
  assert.throws(() => normalizeSpec({ kind: 'sweep', inputs: { r: { path: 'x.csv' } } }), /cannot tell the format of x\.csv/);
  assert.throws(() => normalizeSpec({ kind: 'sweep', params: { lr: Infinity } }), /spec\.params\.lr is Infinity/);
  assert.throws(() => jobId(normalizeSpec({ kind: 'sweep', inputs: { r: { path: 'x.arrow' } } })), /no content hash yet/);
});
