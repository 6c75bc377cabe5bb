import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installDomGlobals, XSS } from './helpers';

installDomGlobals();
const load = <T>(path: string): T => require(path) as T;
const { AlphaFactoryModel, parseProgress } = load<typeof import('../src/panels/alphaFactory/model')>('../src/panels/alphaFactory/model');
const { FactorTable, factorRows } = load<typeof import('../src/panels/alphaFactory/factorTable')>('../src/panels/alphaFactory/factorTable');
const { VirtualFactorTable, ROW_HEIGHT } = load<typeof import('../src/panels/alphaFactory/tabs/factors')>('../src/panels/alphaFactory/tabs/factors');
const { AlphaFactoryView } = load<typeof import('../src/panels/alphaFactory/view')>('../src/panels/alphaFactory/view');
const { JobStoreReader, jobRow } = load<typeof import('../src/panels/gpuJobs/store')>('../src/panels/gpuJobs/store');
const { GpuJobsModel, elapsed } = load<typeof import('../src/panels/gpuJobs/model')>('../src/panels/gpuJobs/model');
const { GpuJobsView } = load<typeof import('../src/panels/gpuJobs/view')>('../src/panels/gpuJobs/view');
const { PortfolioModel } = load<typeof import('../src/panels/portfolio/model')>('../src/panels/portfolio/model');
const { PortfolioView } = load<typeof import('../src/panels/portfolio/view')>('../src/panels/portfolio/view');
const { weightsChart, megaVsBaselineChart, correlationHeatmap, allocationChart } = load<typeof import('../src/charts/specs')>('../src/charts/specs');
const { setChartBackend } = load<typeof import('../src/charts/chart')>('../src/charts/chart');
const { createRendererRegistry } = load<typeof import('../src/render')>('../src/render');
const { Signal } = load<typeof import('@lumino/signaling')>('@lumino/signaling');
import type { PanelAction } from '../src/codegen/actions';
import type { CellResult } from '../src/notebook/outputs';
import type { ChartSpec } from '../src/charts/chart';

const drawn: { label: string | null; spec: ChartSpec }[] = [];
setChartBackend((node, spec) => {
  drawn.push({ label: node.getAttribute('aria-label'), spec });
});

function zooPayload(n: number, formula = (i: number) => `ts_mean(close, ${i})`) {
  return {
    kind: 'zoo',
    version: 1,
    counts: { candidate: n, active: 0, decaying: 0, retired: 0 },
    dates: [],
    factors: Array.from({ length: n }, (_, i) => ({
      id: i.toString(16).padStart(10, '0'),
      name: `f${i}`,
      formula: formula(i),
      status: i % 2 ? 'candidate' : 'active',
      metrics: { ic: i % 7 === 0 ? null : (i % 10) / 100, rankIC: (n - i) / 1000, icir: 0.1, rankICIR: 0.2, turnover: 0.3 },
    })),
  };
}

const table = (title: string, columns: string[], rows: unknown[][]) => ({ kind: 'table', version: 1, title, columns, rows });

/** A runner that records actions and answers with canned outputs. */
function fakeRunner(answers: Record<string, CellResult>) {
  const actions: PanelAction[] = [];
  return {
    actions,
    async run(action: PanelAction, listener?: (r: CellResult) => void) {
      actions.push(action);
      const r = answers[action.type] ?? { payloads: [], texts: [], error: null, stderr: '' };
      listener?.({ ...r, payloads: r.payloads.slice(0, 1) }); // a partial update first
      return { notebook: 'study.ipynb', code: `// ${action.type}`, done: Promise.resolve(r) };
    },
  };
}

test('Alpha Factory model: Data routes the cell payloads to panel, issues, preview and statistics', async () => {
  const model = new AlphaFactoryModel();
  const runner = fakeRunner({
    'load-data': {
      payloads: [
        table('Validation issues', ['row', 'column', 'severity', 'code', 'message'], [[3, 'close', 'error', 'bad_number', 'value "abc" is not a number']]),
        { kind: 'panel', version: 1, n_dates: 3, n_assets: 2, fields: ['close'] },
        table('Preview', ['date', 'asset', 'close'], [['2020-01-02', 'A', 1]]),
        table('Statistics', ['field', 'asset', 'mean'], [['close', 'A', 1]]),
      ],
      texts: [],
      error: null,
      stderr: '',
    },
  });
  model.runner = runner;
  const changed: string[] = [];
  model.changed.connect((_, t) => changed.push(t));
  await model.loadData('  data/x.csv ');
  assert.deepEqual(runner.actions, [{ type: 'load-data', path: 'data/x.csv', previewDates: 5 }]);
  assert.equal(model.mining.dataPath, 'data/x.csv', 'the mining job reads the loaded file');
  assert.deepEqual(model.issues?.rows[0].slice(0, 2), [3, 'close']);
  assert.equal(model.panel?.n_assets, 2);
  assert.equal(model.preview?.rows.length, 1);
  assert.equal(model.stats?.columns[2], 'mean');
  assert.equal(model.data.running, false);
  assert.equal(model.data.code, '// load-data');
  assert.ok(changed.includes('data'));
});

test('Alpha Factory model: mining needs data; progress text, zoo and correlation land in Mining and Factors', async () => {
  const model = new AlphaFactoryModel();
  const runner = fakeRunner({
    mine: {
      payloads: [zooPayload(3), table('Factor correlation', ['factor', 'a', 'b'], [['a', 1, 0.2], ['b', 0.2, 1]])],
      texts: ['Mining [##########----------] 1/2 (50%) zoo 2, best |RankIC| 0.0312'],
      error: null,
      stderr: '',
    },
  });
  model.runner = runner;
  await model.startMining();
  assert.match(model.miningRun.error ?? '', /Load data in the Data tab first/);
  assert.equal(runner.actions.length, 0);
  model.acceptPayload({ kind: 'panel', version: 1 });
  model.mining = { ...model.mining, seed: 7, generator: 'Transformer', epochs: 550 };
  await model.startMining();
  assert.equal(runner.actions[0].type, 'mine');
  assert.deepEqual((runner.actions[0] as { params: { seed: number; generator: string; epochs: number } }).params.seed, 7);
  assert.deepEqual(model.progress, { done: 1, total: 2, message: 'zoo 2, best |RankIC| 0.0312' });
  assert.equal(model.factors.rows.length, 3);
  assert.equal(model.correlation?.rows.length, 2);
  assert.equal(parseProgress('no bar here'), null);
});

test('Alpha Factory model: combination sends the selected ids; KPIs become saved strategies; a job is cancelled by a cell', async () => {
  const model = new AlphaFactoryModel();
  const runner = fakeRunner({
    combine: {
      payloads: [
        { kind: 'combination', version: 1, names: ['a'], weights: [[0.5]], dates: ['2020-01-02'], firstWeighted: 0 },
        table('Strategy KPIs', ['strategy', 'sharpe', 'maxDrawdown'], [['S', 1.2, -0.1], ['S (fixed weights)', 0.8, -0.2]]),
        { kind: 'signal-backtest', version: 1, kpis: { sharpe: 1.2 } },
      ],
      texts: [],
      error: null,
      stderr: '',
    },
  });
  model.runner = runner;
  await model.combine();
  assert.match(model.combinationRun.error ?? '', /Mine factors first/);
  model.acceptPayload(zooPayload(4));
  model.factors.toggle('0000000002');
  model.factors.toggle('0000000000');
  await model.combine();
  const sent = runner.actions.at(-1) as { params: { factorIds: string[] } };
  assert.deepEqual(sent.params.factorIds, ['0000000000', '0000000002'], 'zoo order');
  assert.deepEqual(model.strategies.map((s) => [s.name, s.kpis.sharpe]), [['S', 1.2], ['S (fixed weights)', 0.8]]);
  assert.ok(model.combination && model.backtest);
  model.acceptPayload({ kind: 'job', version: 1, id: 'factor-mining-1', state: 'running' });
  await model.cancelMining();
  assert.deepEqual(runner.actions.at(-1), { type: 'cancel-job', jobId: 'factor-mining-1' });
});

test('Factor table: sort (nulls last, direction flips), filter, selection kept across new rows', () => {
  const t = new FactorTable();
  t.setRows(factorRows(zooPayload(20) as never));
  assert.equal(t.sort.key, 'rankIC');
  assert.equal(t.rows[t.order[0]].id, '0000000000', 'largest RankIC first');
  t.sortBy('ic');
  const ics = t.order.map((i) => t.rows[i].ic);
  const firstNull = ics.indexOf(null);
  assert.ok(firstNull > 0 && ics.slice(firstNull).every((v) => v === null), 'nulls last');
  assert.ok(ics.slice(0, firstNull).every((v, i, a) => i === 0 || (a[i - 1] as number) >= (v as number)), 'descending');
  t.sortBy('ic');
  assert.equal(t.sort.descending, false);
  t.setFilter('CLOSE, 1');
  assert.deepEqual(t.order.map((i) => t.rows[i].formula).sort(), ['ts_mean(close, 1)', 'ts_mean(close, 10)', 'ts_mean(close, 11)', 'ts_mean(close, 12)', 'ts_mean(close, 13)', 'ts_mean(close, 14)', 'ts_mean(close, 15)', 'ts_mean(close, 16)', 'ts_mean(close, 17)', 'ts_mean(close, 18)', 'ts_mean(close, 19)']);
  t.setFilter('');
  t.selectTop(3);
  assert.equal(t.selected.size, 3);
  t.setRows(factorRows(zooPayload(2) as never));
  assert.ok(t.selected.size <= 2, 'ids gone from the zoo are dropped');
});

test('Virtual factor table: a 10,000-factor zoo puts only the rows in view in the DOM; formulas are text', () => {
  const doc = document;
  const t = new FactorTable();
  t.setRows(factorRows(zooPayload(10000, (i) => (i === 0 ? XSS : `f(${i})`)) as never));
  const v = new VirtualFactorTable(doc, t, () => undefined, 10 * ROW_HEIGHT);
  assert.ok(v.renderedRows > 0 && v.renderedRows <= 10 + 8, `rendered ${v.renderedRows}`);
  const spacer = v.node.querySelector('.af-vspacer') as HTMLElement;
  assert.equal(spacer.style.height, `${10000 * ROW_HEIGHT}px`);
  assert.equal(v.node.getAttribute('aria-rowcount'), '10001');
  const first = v.node.querySelector('.af-vbody .af-vrow code.af-formula');
  assert.equal(first?.textContent, XSS);
  assert.equal(v.node.querySelector('img'), null);
  // sorting from the header button re-renders; checking a box selects
  (v.node.querySelector('.af-sort[data-sort="formula"]') as HTMLButtonElement).click();
  assert.equal(t.sort.key, 'formula');
  const box = v.node.querySelector('.af-select-factor') as HTMLInputElement;
  box.checked = true;
  box.dispatchEvent(new window.Event('change'));
  assert.equal(t.selected.size, 1);
});

test('Alpha Factory view: Combination tab draws the weights and mega-vs-baseline charts from the payload', () => {
  const model = new AlphaFactoryModel();
  const view = new AlphaFactoryView(model);
  drawn.length = 0;
  model.acceptPayload({ kind: 'combination', version: 1, names: ['a', XSS], dates: ['d0', 'd1', 'd2'], firstWeighted: 1, weights: [[null, null], [0.6, 0.4], [0.5, 0.5]], mega: { dailyRankIC: [null, 0.1, 0.2] }, baseline: { dailyRankIC: [null, 0.05, 0.1] } });
  model.emit('combination');
  const charts = Array.from(view.node.querySelectorAll('#af-tab-combination .af-chart'), (c) => c.getAttribute('aria-label'));
  assert.deepEqual(charts, ['Factor weights over time', 'Mega-alpha vs fixed-weight baseline: daily RankIC']);
  view.dispose();
});

test('chart specs: reshape payloads only (weights from the first weighted date, baseline, heatmap, allocation with cash)', () => {
  const w = weightsChart({ kind: 'combination', version: 1, names: ['a', 'b'], dates: ['d0', 'd1', 'd2'], firstWeighted: 1, weights: [[null, null], [0.6, 0.4], [0.5, Number.NaN]] });
  assert.deepEqual(w.data.map((d) => [d.name, d.x, d.y]), [['a', ['d1', 'd2'], [0.6, 0.5]], ['b', ['d1', 'd2'], [0.4, null]]]);
  const m = megaVsBaselineChart({ kind: 'combination', version: 1, dates: ['d0', 'd1'], mega: { dailyRankIC: [0.1, 0.2] }, baseline: { dailyRankIC: [0.0, null] } });
  assert.deepEqual(m.data.map((d) => d.y), [[0.1, 0.2], [0, null]]);
  const h = correlationHeatmap({ columns: ['factor', 'x', 'y'], rows: [['x', 1, -0.5], ['y', -0.5, 1]] });
  assert.deepEqual(h.data[0].z, [[1, -0.5], [-0.5, 1]]);
  const a = allocationChart({ kind: 'allocation', version: 1, assets: ['A'], weights: [0.7], cash: null }, { kind: 'allocation', version: 1, assets: ['A'], weights: [0.6], cash: 0.4 });
  assert.deepEqual(a.data.map((d) => [d.name, d.x, d.y]), [['current', ['A', 'cash'], [0.7, null]], ['target', ['A', 'cash'], [0.6, 0.4]]]);
});

interface FakeFile {
  content: string;
  mtime: string;
}

/** A contents API over an in-memory job store; counts reads. */
function fakeContents(files: Map<string, FakeFile>) {
  const reads: string[] = [];
  return {
    reads,
    async get(path: string) {
      if (files.has(path)) {
        reads.push(path);
        return { type: 'file', name: path, path, content: files.get(path)!.content };
      }
      const prefix = `${path}/`;
      const children = new Map<string, string>();
      for (const [p, f] of files) {
        if (!p.startsWith(prefix)) continue;
        const name = p.slice(prefix.length).split('/')[0];
        if (p.slice(prefix.length).includes('/')) children.set(name, children.get(name)! > f.mtime ? children.get(name)! : f.mtime);
      }
      if (children.size === 0) throw new Error('404');
      return { type: 'directory', name: path, path, content: Array.from(children, ([name, mtime]) => ({ type: 'directory', name, path: `${path}/${name}`, last_modified: mtime })) };
    },
  };
}

function putJob(files: Map<string, FakeFile>, id: string, status: Record<string, unknown>, mtime: string): void {
  files.set(`experiments/jobs/${id}/status.json`, { content: JSON.stringify({ id, kind: 'factor-mining', executor: 'local', attempt: 1, progress: 0, ...status }), mtime });
  if (!files.has(`experiments/jobs/${id}/spec.json`)) files.set(`experiments/jobs/${id}/spec.json`, { content: JSON.stringify({ name: `job ${id}`, seed: 3 }), mtime });
}

test('job store reader: 1,000 jobs newest first; only changed or active jobs are read again; deletions noticed', async () => {
  const files = new Map<string, FakeFile>();
  for (let i = 0; i < 1000; i++) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    putJob(files, `job-${String(i).padStart(4, '0')}`, { state: i === 999 ? 'running' : 'succeeded', submittedAt: at }, 't0');
  }
  const fs = fakeContents(files);
  const reader = new JobStoreReader(fs, 'experiments/jobs');
  const first = await reader.read();
  assert.equal(first.jobs.length, 1000);
  assert.equal(first.changed, true);
  assert.equal(first.jobs[0].id, 'job-0999');
  assert.equal(first.jobs[0].name, 'job job-0999');
  assert.equal(first.jobs[0].seed, 3);
  assert.equal(fs.reads.length, 2000, 'status and spec of each job once');
  fs.reads.length = 0;
  const again = await reader.read();
  assert.equal(again.changed, false);
  assert.deepEqual(fs.reads, ['experiments/jobs/job-0999/status.json'], 'only the running job is read again');
  fs.reads.length = 0;
  putJob(files, 'job-0005', { state: 'failed', error: XSS, submittedAt: first.jobs[994].submittedAt }, 't1');
  files.delete('experiments/jobs/job-0006/status.json');
  files.delete('experiments/jobs/job-0006/spec.json');
  const third = await reader.read();
  assert.equal(third.changed, true);
  assert.equal(third.jobs.length, 999);
  assert.equal(third.jobs.find((j) => j.id === 'job-0005')?.error, XSS);
  assert.ok(!fs.reads.some((r) => r.endsWith('spec.json')), 'specs are read once');
  const empty = await new JobStoreReader(fs, 'nowhere').read();
  assert.deepEqual(empty, { jobs: [], changed: false });
});

test('GPU Jobs: rows from status.json, elapsed time, details with log tail and actions as commands', async () => {
  const row = jobRow('j1', { state: 'running', progress: 0.5, executor: 'ray', device: 'cuda:0', startedAt: '2026-01-01T00:00:00Z', message: XSS }, { name: 'mine', seed: 9 });
  assert.deepEqual([row.status, row.executor, row.seed, row.progress], ['running', 'ray', 9, 0.5]);
  assert.equal(jobRow('x', { state: 'weird' }, null).status, 'queued');
  assert.equal(elapsed({ startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:02:05Z' }, 0), '2m 05s');
  assert.equal(elapsed({ startedAt: '2026-01-01T00:00:00Z' }, Date.parse('2026-01-01T03:04:00Z')), '3h 04m');
  const model = new GpuJobsModel({ defaultExecutor: 'local', rayDashboardUrl: '' });
  const commands: unknown[] = [];
  model.runCommand = async (c) => void commands.push(c);
  model.readLog = async () => 'line 1\nline 2';
  const view = new GpuJobsView(model, { now: () => Date.parse('2026-01-01T00:00:10Z') });
  model.setJobs([row, { ...row, id: 'j2', status: 'failed', device: null }]);
  assert.equal(model.noAccelerator, false, 'a job ran on cuda');
  assert.equal(view.node.querySelector('.af-job-message')?.textContent, XSS);
  assert.equal(view.node.querySelector('img'), null);
  (view.node.querySelector('.af-job[data-id="j1"] .af-job-head') as HTMLButtonElement).click();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(view.node.querySelector('.af-job-log')?.textContent, 'line 1\nline 2');
  assert.equal(view.node.querySelector('.af-job[data-id="j1"] .af-job-head')?.getAttribute('aria-expanded'), 'true');
  (view.node.querySelector('.af-job-cancel') as HTMLButtonElement).click();
  (view.node.querySelector('.af-job-clone') as HTMLButtonElement).click();
  assert.deepEqual(commands, [{ type: 'cancel-job', jobId: 'j1' }, { type: 'clone-job', jobId: 'j1', seed: 10 }]);
  const j2 = view.node.querySelector('.af-job[data-id="j2"]');
  model.setJobs([row, { ...row, id: 'j2', status: 'failed', device: null }]);
  assert.equal(view.node.querySelector('.af-job[data-id="j2"]'), j2, 'an unchanged job keeps its list item');
  model.setJobs([row, { ...row, id: 'j2', status: 'cancelled', device: null }]);
  assert.notEqual(view.node.querySelector('.af-job[data-id="j2"]'), j2, 'a changed job is drawn again');
  model.setJobs([]);
  assert.ok(view.node.querySelector('#af-no-gpu'), 'clear state without GPU or cluster');
  view.dispose();
});

test('Portfolio: the latest payload of each kind; emergency stop, gauges, VaR, lifecycle, alerts and regime as text', () => {
  const outputs = {
    changed: new Signal<object, void>({}),
    items: [] as { data: Record<string, unknown> }[],
    get length() {
      return this.items.length;
    },
    get(i: number) {
      return this.items[i];
    },
  };
  const cells = { changed: new Signal<object, void>({}), length: 1, get: () => ({ type: 'code', outputs }) };
  const mime = (k: string) => `application/vnd.alpha-factory.${k}.v1+json`;
  const push = (k: string, p: Record<string, unknown>) => outputs.items.push({ data: { [mime(k)]: { kind: k, version: 1, ...p } } });
  push('risk-limits', { emergency_stopped: true, killed: ['*'], limits: [{ name: 'daily_loss', limit: 0.02, value: 0.03, utilisation: 1.5, breached: true }] });
  push('var', { confidence: 0.95, estimates: [{ method: 'historical', var: 0.021, cvar: 0.03 }] });
  push('lifecycle', { strategies: [{ name: XSS, stage: 'PRODUCTION', days_in_stage: 4 }] });
  push('alerts', { alerts: [{ time: 't1', strategy: 's', level: 'critical', message: XSS, rule: 'r' }] });
  push('regime', { model: 'gaussian-hmm', states: [0, 1], last_probabilities: [0.1, 0.9] });
  push('equity', { dates: ['d0', 'd1'], equity: [1, 1.1], drawdown: [0, 0], metrics: { sharpe: 1.5, max_drawdown: -0.1 }, assets: ['A'], final_weights: [0.9] });
  push('allocation', { assets: ['A'], weights: [0.8], cash: 0.2 });
  const model = new PortfolioModel();
  drawn.length = 0;
  const view = new PortfolioView(model, createRendererRegistry());
  model.follow({ name: 'book.ipynb', cells });
  const n = view.node;
  assert.equal(n.querySelector('#af-emergency-stop')?.getAttribute('role'), 'alert');
  assert.equal((n.querySelector('.af-gauge-meter') as HTMLMeterElement).value, 1);
  assert.match(n.querySelector('.af-gauge')?.textContent ?? '', /150\.0% of 2\.0% \(breached\)/);
  assert.match(n.querySelector('#af-var')?.textContent ?? '', /historical2\.1%3\.0%/);
  assert.match(n.querySelector('#af-lifecycle')?.textContent ?? '', /PRODUCTION/);
  assert.ok((n.querySelector('#af-alerts')?.textContent ?? '').includes(XSS));
  assert.match(n.querySelector('#af-regime')?.textContent ?? '', /state 1 .*90\.0%/);
  assert.match(n.querySelector('#af-portfolio-kpis')?.textContent ?? '', /Sharpe1\.50/);
  assert.deepEqual(Array.from(n.querySelectorAll('.af-chart'), (c) => c.getAttribute('aria-label')), ['Allocation: current vs target (with cash)', 'Equity and drawdown']);
  assert.equal(n.querySelector('img'), null);
  assert.equal(model.latestOf('var')?.confidence, 0.95);
  // a progress display says how work goes, not what it produced: the panel keeps the last result
  push('progress', { label: 'Mining', done: 1, total: 3, message: null, stats: {} });
  outputs.changed.emit();
  assert.equal(model.latest?.payload.kind, 'allocation');
  assert.equal(model.latestOf('progress'), null);
  view.dispose();
  model.dispose();
});
