import { test } from 'node:test';
import assert from 'node:assert/strict';
import { results, submit, watch } from '../../src/jobs/api';
import { workerPython } from '../../src/jobs/python';
import { JobStore } from '../../src/jobs/store';
import type { JobEvent } from '../../src/jobs/status';
import { panelToArrowBytes } from '../../src/data/arrow';
import { plantedSignalPanel } from '../../src/alpha/miner/planted';
import { canonicalFormula } from '../../src/alpha/dsl';
import { evaluateFormula } from '../../src/alpha/eval';
import { forwardReturn } from '../../src/alpha/metrics/label';
import { dailyIC, dailyRankIC } from '../../src/alpha/metrics/ic';
import { dailyFactorReturn } from '../../src/alpha/metrics/factorReturn';
import { summarizeSeries } from '../../src/alpha/metrics/summary';
import { weightTurnover } from '../../src/alpha/metrics/turnover';
import { finiteRatio, uniqueness } from '../../src/alpha/zoo/admission';
import { idOf } from '../../src/alpha/zoo/zoo';
import { pythonHas, tempStore } from './helpers';

const HAVE = pythonHas('torch', 'pyarrow', 'numpy');
const SKIP = HAVE ? false : `the worker Python (${workerPython()}) lacks torch/pyarrow/numpy: pip install -r gpu/requirements.txt`;

function near(a: number, b: number, tol: number, what: string): void {
  if (Number.isNaN(a) || Number.isNaN(b)) assert.ok(Number.isNaN(a) && Number.isNaN(b), `${what}: ${a} vs ${b}`);
  else assert.ok(Math.abs(a - b) <= tol, `${what}: worker ${a} vs kernel-lib ${b} (|diff| ${Math.abs(a - b)})`);
}

test('factor-mining on the local executor: the mined zoo loads with jobs.results and every formula re-evaluates in kernel-lib to the same IC and RankIC', { skip: SKIP, timeout: 300000 }, async () => {
  const store = new JobStore(tempStore());
  // planted: the next day's return loads on the rank of volume (kernel-lib's synthetic panel)
  const panel = plantedSignalPanel({ seed: 11, nAssets: 40, nDates: 160, rhoVolume: 0.3, rhoRange: -0.2 });
  const N = panel.nAssets;
  const spec = {
    kind: 'factor-mining' as const,
    params: { generator: 'GRU', epochs: 3, zooSize: 6, batchSize: 24, metric: 'IC', thresholds: { minIC: 0.03, minICIR: 0.1, maxCorrelation: 0.7 } },
    seed: 5,
  };
  const job = await submit(spec, { store, data: { prices: panelToArrowBytes(panel) }, local: { env: { OMP_NUM_THREADS: '1' } } });
  const events: JobEvent[] = [];
  const final = await watch(job, { store, onEvent: (e) => events.push(e), intervalMs: 100, timeoutMs: 280000 });
  assert.equal(final.state, 'succeeded', `${final.error ?? ''}\n${final.logTail ?? job.logTail()}`);
  assert.deepEqual(final.artifacts, job.spec.outputs, 'the artifacts the spec promised by default');
  const epochs = events.filter((e) => e.type === 'progress' && typeof e.epoch === 'number');
  assert.ok(epochs.length >= 1, 'one progress event per epoch');
  assert.match(String(epochs[0].message), /^epoch 1\/3: zoo \d+\/6, best IC \d\.\d{4}/);
  assert.ok(typeof epochs[0].zoo === 'number' && typeof epochs[0].best === 'number');

  const res = await results(job, { store });
  const zoo = res.zoo;
  assert.ok(zoo, 'results(job).zoo');
  assert.ok(zoo.size >= 1, 'the planted signal gives at least one admitted formula');
  assert.ok(res.tables['mining.arrow'].numRows >= 1);
  const T = zoo.dates.length;
  assert.equal(T, Math.floor(panel.nDates * 0.7), 'metrics on the training dates (trainFraction 0.7)');
  assert.deepEqual([...zoo.dates], panel.dates.slice(0, T));
  const label = forwardReturn(panel, 1).subarray(0, T * N);
  for (const e of zoo.list()) {
    // the formula is written in kernel-lib's canonical spelling; the id is the zoo's id of it
    assert.equal(canonicalFormula(e.formula), e.formula, 'canonical spelling');
    assert.equal(e.provenance.canonicalFormula, e.formula);
    assert.equal(e.id, idOf(e.formula));
    assert.equal(e.provenance.jobId, job.id);
    assert.equal(e.provenance.seed, 5);
    assert.equal(e.provenance.source, 'gpu-miner');
    assert.equal(e.status, 'active');
    // re-evaluated from scratch by kernel-lib
    const f = evaluateFormula(panel, e.formula).subarray(0, T * N);
    const ic = dailyIC(f, label, N);
    const ric = dailyRankIC(f, label, N);
    const fr = dailyFactorReturn(f, label, N);
    const sIC = summarizeSeries(ic);
    const sRIC = summarizeSeries(ric);
    near(e.metrics.ic, sIC.mean, 1e-6, `${e.formula} IC`);
    near(e.metrics.rankIC, sRIC.mean, 1e-6, `${e.formula} RankIC`);
    near(e.metrics.icir, sIC.ir, 1e-6, `${e.formula} ICIR`);
    near(e.metrics.rankICIR, sRIC.ir, 1e-6, `${e.formula} RankICIR`);
    near(e.metrics.tStat, sIC.tStat, 1e-5, `${e.formula} t`);
    near(e.metrics.turnover, summarizeSeries(weightTurnover(f, N)).mean, 1e-6, `${e.formula} turnover`);
    near(e.metrics.finiteRatio!, finiteRatio(f, label), 1e-12, `${e.formula} finite ratio`);
    near(e.metrics.uniqueness!, uniqueness(f), 1e-12, `${e.formula} uniqueness`);
    const s = zoo.series(e.id)!;
    for (let t = 0; t < T; t++) {
      near(s.ic[t], ic[t], 1e-6, `${e.formula} IC on ${zoo.dates[t]}`);
      near(s.rankIC[t], ric[t], 1e-6, `${e.formula} RankIC on ${zoo.dates[t]}`);
      near(s.factorReturn[t], fr[t], 1e-6, `${e.formula} factor return on ${zoo.dates[t]}`);
    }
    // the alpha engine's admission rules hold for every member
    assert.ok(Math.abs(sIC.mean) > 0.03 && Math.abs(sIC.ir) >= 0.1, `${e.formula} passes |IC| > 0.03 and ICIR >= 0.1`);
    assert.ok(finiteRatio(f, label) >= 0.8 && uniqueness(f) >= 0.01);
  }
});
