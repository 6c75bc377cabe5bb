import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JobStore, writeAtomic } from '../../src/jobs/store';
import { normalizeSpec } from '../../src/jobs/spec';
import { tempStore } from './helpers';

test('store layout: spec, status, append-only events, log tail, listing', () => {
  const store = new JobStore(tempStore());
  const spec = normalizeSpec({ kind: 'sweep' });
  store.create('j1', spec, { id: 'j1', kind: 'sweep', state: 'queued', executor: 'local', submittedAt: '2026-01-01T00:00:00.000Z', progress: 0, attempt: 1 });
  store.create('j0', spec, { id: 'j0', kind: 'sweep', state: 'queued', executor: 'local', submittedAt: '2026-01-02T00:00:00.000Z', progress: 0, attempt: 1 });
  for (const f of ['spec.json', 'status.json', 'events.jsonl', 'inputs', 'artifacts']) assert.ok(fs.existsSync(path.join(store.dir('j1'), f)), f);
  store.appendEvent('j1', { time: 't', type: 'progress', progress: 0.5 });
  fs.appendFileSync(path.join(store.dir('j1'), 'events.jsonl'), '{"time":"t","ty'); // a writer caught mid-line
  const ev = store.readEvents('j1');
  assert.deepEqual(ev.map((e) => e.type), ['state', 'progress']);
  assert.deepEqual(store.readEvents('j1', 1).map((e) => e.progress), [0.5]);
  fs.writeFileSync(store.logPath('j1'), Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n');
  assert.equal(store.logTail('j1', 2), 'line 28\nline 29');
  assert.deepEqual(store.list(), ['j1', 'j0']);
  assert.throws(() => store.dir('../x'), /bad job id/);
  assert.throws(() => store.readStatus('nope'), /no job nope in the store/);
});

test('writeAtomic replaces the file whole and leaves no temp file', () => {
  const dir = tempStore();
  const f = path.join(dir, 'status.json');
  writeAtomic(f, '{"a":1}');
  writeAtomic(f, '{"a":2}');
  assert.equal(fs.readFileSync(f, 'utf8'), '{"a":2}');
  assert.deepEqual(fs.readdirSync(dir), ['status.json']);
});
