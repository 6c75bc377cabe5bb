import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cancel, results, refresh, submit, watch, list } from '../../src/jobs/api';
import { panelToArrow, tableRecords } from '../../src/jobs/arrow';
import { workerAlive } from '../../src/jobs/local';
import { workerPython } from '../../src/jobs/python';
import { JobStore } from '../../src/jobs/store';
import type { JobEvent } from '../../src/jobs/status';
import { archFixture, fixturePanel, pythonHas, tempStore, tsEngineFit, waitFor } from './helpers';

const HAVE = pythonHas('torch', 'pyarrow', 'numpy');
const SKIP = HAVE ? false : `the worker Python (${workerPython()}) lacks torch/pyarrow/numpy: pip install -r gpu/requirements.txt`;

test('local executor end to end on CPU: submit, watch, results match arch (and the TS engine), idempotent resubmit', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const panel = fixturePanel(['S0', 'S3']);
  const data = { returns: panelToArrow(panel, 'ret') };
  const spec = { kind: 'garch-batch' as const, params: { models: [{ vol: 'GARCH', dist: 'normal' }, { vol: 'GJR', dist: 't' }], sigma: true }, seed: 1 };
  const job = await submit(spec, { store, data });
  const events: JobEvent[] = [];
  const final = await watch(job, { store, onEvent: (e) => events.push(e), intervalMs: 100, timeoutMs: 240000 });
  assert.equal(final.state, 'succeeded', `${final.error ?? ''}\n${final.logTail ?? job.logTail()}`);
  assert.equal(final.device, 'cpu');
  assert.ok(events.some((e) => e.type === 'progress' && (e.progress ?? 0) > 0 && (e.progress ?? 0) < 1), 'progress events in between');
  assert.equal(events[events.length - 1].state, 'succeeded');

  const res = await results(job, { store });
  const rows = tableRecords(res.tables['garch.arrow']);
  assert.equal(rows.length, 4);
  const fx = archFixture();
  for (const row of rows) {
    const b = fx.names.indexOf(row.series as string);
    const ref = fx.fits.find((f) => f.series === b && f.vol === row.vol && f.dist === row.dist)!;
    assert.ok(Math.abs((row.loglik as number) - ref.loglik) <= 1e-6 * Math.abs(ref.loglik), `${row.series} ${row.vol}-${row.dist} loglik ${row.loglik} vs arch ${ref.loglik}`);
    for (const k of ['mu', 'omega', 'alpha', 'beta', 'gamma', 'nu'] as const) {
      if (ref[k] === null) assert.equal(row[k], null);
      else assert.ok(Math.abs((row[k] as number) - (ref[k] as number)) <= 1e-4, `${k}: ${row[k]} vs arch ${ref[k]}`);
    }
    assert.equal(row.nobs, ref.nobs);
    assert.equal(row.converged, true);
    // the TypeScript engine on the same series, when it is built (kernel-lib/src/vol)
    const y = panel.series('ret', row.series as string).filter((v) => Number.isFinite(v));
    const ts = tsEngineFit(Float64Array.from(y), row.vol as string, row.dist as string);
    if (ts) assert.ok(Math.abs((row.loglik as number) - ts.loglik) <= 1e-6 * Math.abs(ts.loglik), `TS engine loglik ${ts.loglik} vs ${row.loglik}`);
  }

  // fitted conditional volatility comes back as a Panel on the input's dates; equals arch's
  assert.deepEqual(Object.keys(res.panels).sort(), ['sigma-GARCH-normal.arrow', 'sigma-GJR-t.arrow']);
  const sig = res.panels['sigma-GARCH-normal.arrow'];
  assert.deepEqual(sig.dates, panel.dates);
  assert.deepEqual(sig.assets, ['S0', 'S3']);
  for (const name of ['S0', 'S3']) {
    const ref = fx.fits.find((f) => f.series === fx.names.indexOf(name) && f.vol === 'GARCH' && f.dist === 'normal')!.conditional_volatility!;
    const got = sig.series('sigma-GARCH-normal', name);
    for (let t = 0; t < ref.length; t++) {
      if (ref[t] === null) assert.ok(Number.isNaN(got[t]), `${name} t=${t} before the series starts`);
      else assert.ok(Math.abs(got[t] - (ref[t] as number)) <= 1e-5 * (ref[t] as number), `${name} t=${t}: ${got[t]} vs arch ${ref[t]}`);
    }
  }

  // the same spec and data again: the same job, not a second run
  const before = fs.readFileSync(path.join(job.dir, 'executor.json'), 'utf8');
  const again = await submit(spec, { store, data });
  assert.equal(again.id, job.id);
  assert.equal(fs.readFileSync(path.join(job.dir, 'executor.json'), 'utf8'), before);
  assert.deepEqual((await list({ store })).map((s) => s.id), [job.id]);
  assert.match(job.toString(), /succeeded 100% on local \(cpu\)/);
});

async function slowJob(store: JobStore, seed: number) {
  const data = { returns: panelToArrow(fixturePanel(['S1']), 'ret') };
  const job = await submit({ kind: 'garch-batch', params: { throttleMs: 300, maxIter: 10000, gtol: 0 }, seed }, { store, data });
  await waitFor(() => job.status.state === 'running' && job.events().some((e) => e.type === 'progress'), 60000, 'the worker to start');
  const pid = job.store.readExecutorInfo(job.id)!.pid as number;
  assert.ok(workerAlive(pid));
  return { job, pid };
}

test('cancel stops a running local job: signal to its process group, status cancelled, no artifact', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const { job, pid } = await slowJob(store, 2);
  const st = await cancel(job, { store });
  assert.equal(st.state, 'cancelled');
  assert.equal(workerAlive(pid), false);
  assert.deepEqual(fs.readdirSync(path.join(job.dir, 'artifacts')), []);
  await assert.rejects(results(job, { store }), /is cancelled; results exist only for succeeded jobs/);
});

test('a worker killed mid-run shows as failed with its log tail; resubmitting runs attempt 2', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const { job, pid } = await slowJob(store, 3);
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !workerAlive(pid), 10000, 'the worker to die');
  const st = await refresh(job, { store });
  assert.equal(st.state, 'failed');
  assert.match(st.error ?? '', new RegExp(`the worker \\(pid ${pid}\\) exited without finishing`));
  assert.match(st.logTail ?? '', /garch-batch: 1 series/);
  assert.deepEqual(fs.readdirSync(path.join(job.dir, 'artifacts')), []);
  const again = await submit(job.spec, { store });
  assert.equal(again.id, job.id);
  assert.equal(again.status.attempt, 2);
  await cancel(again, { store });
});
