import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { submit } from '../../src/jobs/api';
import { panelToArrow } from '../../src/jobs/arrow';
import { JobStore } from '../../src/jobs/store';
import { fixturePanel, tempStore } from './helpers';

const SCHEMA = path.join(__dirname, '..', '..', '..', '..', 'schema');

function validator(file: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(path.join(SCHEMA, file), 'utf8')));
}

test('a real job: spec.json validates against job-spec.v1, toPayload() against payloads/job.v1', async () => {
  const store = new JobStore(tempStore());
  // a worker Python that does not exist: the job is created, then fails to start (no torch needed here)
  await assert.rejects(
    submit({ kind: 'garch-batch', name: 'schema check', params: { models: [{ vol: 'GJR', dist: 't' }] } }, {
      store,
      data: { returns: panelToArrow(fixturePanel(['S0']), 'ret') },
      local: { python: '/nonexistent/python3' },
    }),
    /cannot start the worker with \/nonexistent\/python3: spawn \/nonexistent\/python3 ENOENT/,
  );
  const [id] = store.list();
  const spec = JSON.parse(readFileSync(path.join(store.dir(id), 'spec.json'), 'utf8')) as Record<string, unknown>;
  const vSpec = validator('job-spec.v1.schema.json');
  assert.ok(vSpec(spec), JSON.stringify(vSpec.errors));
  const { Job } = await import('../../src/jobs/job');
  const job = new Job(id, store);
  const payload = job.toPayload();
  const vPayload = validator('payloads/job.v1.schema.json');
  assert.ok(vPayload(payload), JSON.stringify(vPayload.errors));
  assert.equal(payload.state, 'failed');
  assert.match(payload.error ?? '', /ENOENT/);
  assert.equal(payload.name, 'schema check');
  assert.ok(!vPayload({ ...payload, state: 'exploded' }), 'an unknown state is rejected');
  assert.ok(!vSpec({ ...spec, inputs: { returns: { sha256: 'xyz', format: 'arrow' } } }), 'a malformed hash is rejected');
});
