import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { panelToArrow } from '../../src/jobs/arrow';
import { archFixture, fixturePanel, pythonHas, tempStore } from './helpers';

function cli(cwd: string) {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), cwd };
  return { io, get out() { return out; }, get err() { return err; } };
}

function writeSpec(dir: string, extra: object = {}): string {
  fs.writeFileSync(path.join(dir, 'returns.arrow'), panelToArrow(fixturePanel(['S2']), 'ret'));
  fs.writeFileSync(path.join(dir, 'spec.json'), JSON.stringify({ kind: 'garch-batch', inputs: { returns: { path: 'returns.arrow' } }, params: { models: [{ vol: 'GARCH', dist: 't' }] }, ...extra }));
  return 'spec.json';
}

test('jobs kuberay prints a manifest; usage errors are one line', async () => {
  const dir = tempStore();
  const spec = writeSpec(dir);
  const c = cli(dir);
  assert.equal(await main(['jobs', 'kuberay', spec, '--queue', 'gpu-q', '--ttl', '120'], c.io), 0);
  assert.match(c.out, /^apiVersion: "ray\.io\/v1"\nkind: "RayJob"/);
  assert.match(c.out, /submissionMode: "HTTPMode"/);
  assert.match(c.out, /kueue\.x-k8s\.io\/queue-name: "gpu-q"/);
  assert.match(c.out, /ttlSecondsAfterFinished: 120/);
  const bad = cli(dir);
  assert.equal(await main(['jobs', 'kuberay', spec, '--ttl', 'soon'], bad.io), 1);
  assert.equal(bad.err, 'alpha-factory jobs: --ttl must be a whole number >= 0, got "soon" (see alpha-factory jobs --help)\n');
  const none = cli(dir);
  assert.equal(await main(['jobs', 'status', 'garch-batch-0000'], none.io), 1);
  assert.match(none.err, /^alpha-factory jobs: no job garch-batch-0000 in .*experiments\/jobs\n$/);
});

test('jobs submit --watch, list, status, results, logs on the local executor', { skip: pythonHas('torch', 'pyarrow') ? false : 'the worker Python lacks torch/pyarrow' }, async () => {
  const dir = tempStore();
  const spec = writeSpec(dir);
  const s = cli(dir);
  assert.equal(await main(['jobs', 'submit', spec, '--watch'], s.io), 0, s.err);
  const id = s.out.trim();
  assert.match(id, /^garch-batch-[0-9a-f]{20}$/);
  assert.ok(fs.existsSync(path.join(dir, 'experiments', 'jobs', id, 'artifacts', 'garch.arrow')));
  assert.match(s.err, /succeeded 100%/);
  const l = cli(dir);
  await main(['jobs', 'list'], l.io);
  assert.match(l.out, new RegExp(`${id}\\s+garch-batch\\s+succeeded\\s+100%\\s+local`));
  const st = cli(dir);
  await main(['jobs', 'status', id, '--json'], st.io);
  assert.equal(JSON.parse(st.out).state, 'succeeded');
  const r = cli(dir);
  assert.equal(await main(['jobs', 'results', id, '--out', 'res'], r.io), 0, r.err);
  const csv = fs.readFileSync(path.join(dir, 'res', 'garch.csv'), 'utf8').trim().split('\n');
  const head = csv[0].split(',');
  const row = csv[1].split(',');
  const ref = archFixture().fits.find((f) => f.series === 2 && f.vol === 'GARCH' && f.dist === 't')!;
  assert.ok(Math.abs(Number(row[head.indexOf('loglik')]) - ref.loglik) <= 1e-6 * Math.abs(ref.loglik));
  const g = cli(dir);
  await main(['jobs', 'logs', id, '--tail', '1'], g.io);
  assert.match(g.out, /job garch-batch-[0-9a-f]+ succeeded/);
  // resubmitting prints the same id and starts nothing
  const again = cli(dir);
  await main(['jobs', 'submit', spec], again.io);
  assert.equal(again.out.trim(), id);
});
