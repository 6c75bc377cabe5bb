import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPayloadMimeType, parsePayloadMimeType, payloadMimeType, payloadMimeTypes } from '../src/payload/mime';
import { findPayload, parsePayload } from '../src/payload/parse';

const TABLE = { kind: 'table', version: 1, title: 'T', columns: ['a'], rows: [[1]] };

test('a payload given as an object parses to the same fields', () => {
  const r = parsePayload(TABLE, 'application/vnd.alpha-factory.table.v1+json');
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.payload, TABLE);
});

test('a payload given as a JSON string parses like the object', () => {
  const r = parsePayload(JSON.stringify(TABLE), 'application/vnd.alpha-factory.table.v1+json');
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.payload, TABLE);
});

test('kind and version missing from the data are taken from the MIME type', () => {
  const r = parsePayload('{"title":"x"}', 'application/vnd.alpha-factory.panel-summary.v1+json');
  assert.equal(r.ok, true);
  if (r.ok) {
    assert.equal(r.payload.kind, 'panel-summary');
    assert.equal(r.payload.version, 1);
  }
});

test('bad data gives a one-line error, never a throw', () => {
  const cases: [unknown, RegExp][] = [
    ['{"kind": "table",', /not valid JSON/],
    ['[1,2]', /JSON object, got an array/],
    [null, /JSON object, got null/],
    [42, /JSON object, got number/],
    [{ version: 1 }, /no "kind"/],
    [{ kind: 'table', version: '1' }, /no integer "version"/],
  ];
  for (const [data, message] of cases) {
    const r = parsePayload(data);
    assert.equal(r.ok, false, JSON.stringify(data));
    if (!r.ok) {
      assert.match(r.error, message);
      assert.ok(!r.error.includes('\n'));
    }
  }
});

test('a payload whose kind contradicts its MIME type is refused', () => {
  const r = parsePayload(TABLE, 'application/vnd.alpha-factory.manifest.v1+json');
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.error, /"table" v1 but was sent as "manifest" v1/);
});

test('MIME types: format, parse, and only ours match', () => {
  assert.equal(payloadMimeType('panel-summary'), 'application/vnd.alpha-factory.panel-summary.v1+json');
  assert.deepEqual(parsePayloadMimeType('application/vnd.alpha-factory.table.v2+json'), { kind: 'table', version: 2 });
  assert.equal(parsePayloadMimeType('application/json'), null);
  assert.equal(parsePayloadMimeType('application/vnd.alpha-factory.Table.v1+json'), null);
  assert.equal(isPayloadMimeType('text/html'), false);
  assert.deepEqual(payloadMimeTypes(['table', 'manifest', 'table']), [
    'application/vnd.alpha-factory.manifest.v1+json',
    'application/vnd.alpha-factory.table.v1+json',
  ]);
});

test('findPayload picks our payload out of a MIME bundle', () => {
  const bundle = { 'text/plain': 'T', 'text/html': '<table></table>', 'application/vnd.alpha-factory.table.v1+json': JSON.stringify(TABLE) };
  assert.deepEqual(findPayload(bundle), TABLE);
  assert.equal(findPayload({ 'text/plain': 'x' }), null);
  assert.equal(findPayload({ 'application/vnd.alpha-factory.table.v1+json': 'not json' }), null);
});
