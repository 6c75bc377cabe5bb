import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { PAYLOAD_SCHEMAS } from '@alpha-factory/schema';
import { Rng } from '../../src/math/rng';
import { loadPanel } from '../../src/data';
import { experimentManifest, manifestBundle } from '../../src/experiment';

test('the manifest records seeds, data hashes and versions, and matches its schema', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'af-manifest-'));
  const file = path.join(dir, 'prices.csv');
  fs.writeFileSync(file, 'date,AAA,BBB\n2020-01-02,1,2\n2020-01-03,1.5,2.5\n');
  new Rng(20261121);
  loadPanel(file);
  const m = experimentManifest(new Date('2026-01-02T03:04:05Z'));
  assert.equal(m.created_at, '2026-01-02T03:04:05.000Z');
  assert.ok(m.seeds.includes(20261121));
  // sha256 as the coreutils tool computes it (independent of our code)
  const expected = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
  const entry = m.data.find((d) => d.path === file);
  assert.ok(entry, 'the file read is listed');
  assert.equal(entry?.sha256, expected);
  assert.equal(m.versions.node, process.version);
  assert.equal(m.versions.kernel_lib, JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version);
  assert.equal(m.versions.tslab, null, 'not inside a tslab kernel here');

  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(PAYLOAD_SCHEMAS.manifest);
  assert.ok(validate(JSON.parse(JSON.stringify(m))), JSON.stringify(validate.errors));
  const bundle = manifestBundle(m);
  assert.match(String(bundle['text/html']), /Experiment manifest/);
  assert.match(String(bundle['text/html']), new RegExp(expected));
});
