import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cancel, logs, refresh, results, submit, watch } from '../../src/jobs/api';
import { panelToArrow, tableRecords } from '../../src/jobs/arrow';
import { RayExecutor } from '../../src/jobs/ray';
import { RayJobsClient } from '../../src/jobs/ray-client';
import { workerPython } from '../../src/jobs/python';
import { JobStore } from '../../src/jobs/store';
import { archFixture, fixturePanel, pythonHas, tempStore, tsEngineFit, waitFor } from './helpers';
import { rayHead } from './ray-head';

/*
 * A real Ray head (`ray start --head` from the worker's venv, one CPU, no GPU), jobs submitted
 * through our own REST client. Needs ray[default]==2.60.0 in that venv (gpu/requirements.txt). The
 * head's start and stop (its own --temp-dir, only its processes stopped) are in ray-head.ts.
 */
const PY = workerPython();
const RAY = path.join(path.dirname(PY), 'ray');
const HAVE = fs.existsSync(RAY) && pythonHas('ray', 'torch', 'pyarrow');
const SKIP = HAVE ? false : `Ray test skipped: ${PY} has no ray/torch (pip install -r gpu/requirements.txt to run it)`;

const HEAD = rayHead(PY, 1, 'af-ray-');

before(async () => {
  if (HAVE) await HEAD.start();
});

after(() => HEAD.stop());

const rayOpts = () => ({ address: HEAD.address, python: PY });

test('Ray: a job asking for a GPU the cluster lacks is refused with a clear message', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const data = { returns: panelToArrow(fixturePanel(['S0']), 'ret') };
  await assert.rejects(
    submit({ kind: 'garch-batch', resources: { gpus: 1 } }, { store, data, executor: 'ray', ray: rayOpts() }),
    /the Ray cluster at http:\/\/127\.0\.0\.1:\d+ has no node with 1 GPU\(s\) \(1 alive node\(s\), at most 0 GPU\(s\) each\); not submitting a job that would stay PENDING/,
  );
  const ray = await new RayJobsClient(HEAD.address).listJobs();
  assert.equal(ray.length, 0, 'nothing reached the cluster');
});

test('Ray: garch-batch through our REST client, results equal arch and the TS engine; logs; delete', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const panel = fixturePanel(['S0', 'S2']);
  const job = await submit(
    { kind: 'garch-batch', params: { models: [{ vol: 'GARCH', dist: 'normal' }, { vol: 'EGARCH', dist: 'normal' }] } },
    { store, data: { returns: panelToArrow(panel, 'ret') }, executor: 'ray', ray: rayOpts() },
  );
  const st = await watch(job, { store, ray: rayOpts(), intervalMs: 250, timeoutMs: 300000 });
  assert.equal(st.state, 'succeeded', `${st.error}\n${st.logTail}`);
  assert.equal(st.executor, 'ray');
  const rows = tableRecords((await results(job, { store })).tables['garch.arrow']);
  const fx = archFixture();
  assert.equal(rows.length, 4);
  for (const row of rows) {
    const ref = fx.fits.find((f) => f.series === fx.names.indexOf(row.series as string) && f.vol === row.vol && f.dist === row.dist)!;
    assert.ok(Math.abs((row.loglik as number) - ref.loglik) <= 1e-6 * Math.abs(ref.loglik), `loglik ${row.loglik} vs arch ${ref.loglik}`);
    for (const k of ['mu', 'omega', 'alpha', 'gamma', 'beta'] as const) {
      if (ref[k] !== null) assert.ok(Math.abs((row[k] as number) - (ref[k] as number)) <= 1e-4, `${k} ${row[k]} vs arch ${ref[k]}`);
    }
    const y = panel.series('ret', row.series as string).filter((v) => Number.isFinite(v));
    const ts = tsEngineFit(Float64Array.from(y), row.vol as string, 'normal');
    if (ts) assert.ok(Math.abs((row.loglik as number) - ts.loglik) <= 1e-6 * Math.abs(ts.loglik), `TS engine ${ts.loglik} vs ${row.loglik}`);
  }
  const text = await logs(job, { store, ray: rayOpts() });
  assert.match(text, /garch-batch: 2 series x 600 dates/);
  assert.match(fs.readFileSync(store.logPath(job.id), 'utf8'), /succeeded/);
  const ex = new RayExecutor(rayOpts());
  const info = store.readExecutorInfo(job.id)!;
  // the worker writes `succeeded` just before its process exits; Ray notices a moment later
  let rayState = (await ex.client.getJob(info.submissionId as string)).status;
  for (let i = 0; i < 150 && rayState === 'RUNNING'; i++) {
    await new Promise((r) => setTimeout(r, 200));
    rayState = (await ex.client.getJob(info.submissionId as string)).status;
  }
  assert.equal(rayState, 'SUCCEEDED');
  assert.equal(await ex.delete(store, job.id), true);
  await assert.rejects(ex.client.getJob(info.submissionId as string), /HTTP 404/);
});

test('Ray: cancel stops a running job; a killed worker shows as failed', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const data = { returns: panelToArrow(fixturePanel(['S1']), 'ret') };
  const slow = (seed: number) =>
    submit({ kind: 'garch-batch', params: { throttleMs: 300, maxIter: 10000, gtol: 0 }, seed }, { store, data, executor: 'ray', ray: rayOpts() });

  const a = await slow(11);
  await waitFor(() => a.status.state === 'running', 120000, 'the Ray job to run');
  const st = await cancel(a, { store, ray: rayOpts() });
  assert.equal(st.state, 'cancelled');
  const client = new RayJobsClient(HEAD.address);
  assert.equal((await client.getJob(store.readExecutorInfo(a.id)!.submissionId as string)).status, 'STOPPED');
  assert.deepEqual(fs.readdirSync(path.join(a.dir, 'artifacts')), []);

  const b = await slow(12);
  await waitFor(() => b.status.state === 'running' && typeof b.status.pid === 'number', 120000, 'the second Ray job to run');
  process.kill(b.status.pid!, 'SIGKILL');
  const end = Date.now() + 60000;
  let fin = await refresh(b, { store, ray: rayOpts() });
  while (fin.state === 'running' && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 300));
    fin = await refresh(b, { store, ray: rayOpts() });
  }
  assert.equal(fin.state, 'failed');
  assert.match(fin.error ?? '', /^Ray job af-garch-batch-[0-9a-f]+-a1 failed/);
  assert.match(fin.logTail ?? '', /started on cpu, pid \d+/);
});
