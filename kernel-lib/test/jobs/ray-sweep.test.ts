import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Panel } from '../../src/data/panel';
import { cancel, results, submit, watch } from '../../src/jobs/api';
import { numericColumn, panelToArrow, tableRecords } from '../../src/jobs/arrow';
import { loadForecaster, onnxRuntimeAvailable } from '../../src/jobs/onnx';
import { RayJobsClient } from '../../src/jobs/ray-client';
import { workerPython } from '../../src/jobs/python';
import { JobStore } from '../../src/jobs/store';
import { pythonHas, tempStore, waitFor } from './helpers';
import { rayHead } from './ray-head';

/*
 * A `sweep` job submitted through our Ray Jobs REST client to a real Ray head (`ray start --head` from the
 * worker's venv, started once for this file, 3 logical CPUs: the job's driver plus two concurrent trials),
 * where the worker runs it with Ray Tune and its ASHAScheduler; trials.arrow comes back through
 * jobs.results. Needs ray[default,tune]==2.60.0 in that venv (gpu/requirements.txt). The head gets its own
 * --temp-dir and exactly its processes are stopped afterwards (ray-head.ts).
 */
const PY = workerPython();
const RAY = path.join(path.dirname(PY), 'ray');
const HAVE = fs.existsSync(RAY) && pythonHas('ray', 'ray.tune', 'torch', 'onnx', 'pyarrow');
const SKIP = HAVE ? false : `Ray Tune test skipped: ${PY} has no ray[tune]/torch (pip install -r gpu/requirements.txt to run it)`;

const HEAD = rayHead(PY, 3, 'af-raytune-');

before(async () => {
  if (HAVE) await HEAD.start();
});

after(() => HEAD.stop());

const rayOpts = () => ({ address: HEAD.address, python: PY });

/** Two noisy sine waves (period 20) as a Panel, field `ret`. */
function sinePanel(n = 300): Panel {
  const dates: string[] = [];
  const values = new Float64Array(n * 2);
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.1;
  for (let t = 0; t < n; t++) {
    dates.push(new Date(Date.UTC(2020, 0, 1) + t * 86400000).toISOString().slice(0, 10));
    values[2 * t] = Math.sin((2 * Math.PI * t) / 20) + noise();
    values[2 * t + 1] = 2 + Math.cos((2 * Math.PI * t) / 20) + noise();
  }
  return new Panel({ dates, assets: ['A', 'B'], fields: { ret: values } });
}

test('Ray Tune: a sweep through our REST client runs with ASHA on the cluster; trials.arrow back through results', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const job = await submit(
    {
      kind: 'sweep',
      params: {
        space: { arch: ['gru', 'nbeats'], hidden: [8], lr: { loguniform: [1e-3, 3e-2] }, lookback: [10] },
        numSamples: 4, maxT: 4, gracePeriod: 1, reductionFactor: 2, trialResources: { cpu: 1 },
      },
      seed: 5,
    },
    { store, data: { returns: panelToArrow(sinePanel(), 'ret') }, executor: 'ray', ray: rayOpts() },
  );
  const st = await watch(job, { store, ray: rayOpts(), intervalMs: 500, timeoutMs: 400000 });
  assert.equal(st.state, 'succeeded', `${st.error}\n${st.logTail}`);
  const res = await results(job, { store });
  const summary = res.json['sweep.json'] as { backend: string; scheduler: string; trials: number; rungs: number[]; best: { trial: number } };
  assert.equal(summary.backend, 'ray-tune');
  assert.deepEqual([summary.scheduler, summary.trials, summary.rungs], ['asha', 4, [1, 2, 4]]);
  const trials = tableRecords(res.tables['trials.arrow']);
  assert.deepEqual(trials.map((r) => r.trial), [0, 1, 2, 3]);
  for (const r of trials) {
    assert.ok(['completed', 'stopped'].includes(r.status as string), `trial ${r.trial}: ${r.status} ${r.error}`);
    assert.ok((r.epochs as number) >= 1 && (r.epochs as number) <= 4);
    assert.equal(r.status === 'completed', r.epochs === 4);
    assert.ok(Number.isFinite(r.val_mse as number));
  }
  // ASHA never stops the first trial to reach a rung, so at least one trial runs all 4 epochs
  assert.ok(trials.some((r) => r.epochs === 4));
  const vals = numericColumn(res.tables['trials.arrow'], 'val_mse');
  assert.equal(summary.best.trial, vals.indexOf(Math.min(...vals)));
  const history = res.tables['history.arrow'];
  assert.equal(history.numRows, trials.reduce((s, r) => s + (r.epochs as number), 0));
  assert.equal(job.events().filter((e) => e.type === 'trial').length, 4);
  assert.ok(fs.existsSync(res.files['best.onnx']));
  assert.ok(!fs.existsSync(path.join(job.dir, '.tune')), 'Ray Tune storage removed');
  if (onnxRuntimeAvailable()) {
    // the exported best model in onnxruntime-node equals PyTorch's outputs written by the worker
    const ref = res.tables['reference.arrow'];
    const f = await loadForecaster(res.files['best.onnx']);
    assert.equal(f.lookback, 10);
    const xs = Array.from({ length: 10 }, (_, i) => numericColumn(ref, `x${i}`));
    const win = new Float32Array(ref.numRows * 10);
    for (let r = 0; r < ref.numRows; r++) for (let i = 0; i < 10; i++) win[r * 10 + i] = xs[i][r];
    const y = await f.predictWindows(win);
    const y0 = numericColumn(ref, 'y0');
    for (let r = 0; r < ref.numRows; r++) assert.ok(Math.abs(y[r] - y0[r]) <= 1e-5 * Math.max(1, Math.abs(y0[r])), `window ${r}: ${y[r]} vs ${y0[r]}`);
  }
});

test('Ray Tune: cancel stops a running sweep on the cluster', { skip: SKIP }, async () => {
  const store = new JobStore(tempStore());
  const job = await submit(
    { kind: 'sweep', params: { space: { arch: ['gru'], hidden: [32], lookback: [16] }, numSamples: 2, maxT: 100000, scheduler: 'fifo' } },
    { store, data: { returns: panelToArrow(sinePanel(), 'ret') }, executor: 'ray', ray: rayOpts() },
  );
  await waitFor(() => job.events().some((e) => e.type === 'progress'), 240000, 'the first trial epoch on the cluster');
  const st = await cancel(job, { store, ray: rayOpts() });
  assert.equal(st.state, 'cancelled', `${st.error}\n${st.logTail}`);
  const client = new RayJobsClient(HEAD.address);
  assert.equal((await client.getJob(store.readExecutorInfo(job.id)!.submissionId as string)).status, 'STOPPED');
  assert.deepEqual(fs.readdirSync(path.join(job.dir, 'artifacts')), []);
});
