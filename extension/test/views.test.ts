import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installDomGlobals, XSS } from './helpers';

// Lumino widgets need a DOM before their modules load.
installDomGlobals();
const load = <T>(path: string): T => require(path) as T;
const { AlphaFactoryModel } = load<typeof import('../src/panels/alphaFactory/model')>('../src/panels/alphaFactory/model');
const { AlphaFactoryView } = load<typeof import('../src/panels/alphaFactory/view')>('../src/panels/alphaFactory/view');
const { GpuJobsModel } = load<typeof import('../src/panels/gpuJobs/model')>('../src/panels/gpuJobs/model');
const { GpuJobsView } = load<typeof import('../src/panels/gpuJobs/view')>('../src/panels/gpuJobs/view');
const { PortfolioModel } = load<typeof import('../src/panels/portfolio/model')>('../src/panels/portfolio/model');
const { PortfolioView } = load<typeof import('../src/panels/portfolio/view')>('../src/panels/portfolio/view');
const { MessageLoop } = load<typeof import('@lumino/messaging')>('@lumino/messaging');
const { Signal } = load<typeof import('@lumino/signaling')>('@lumino/signaling');
const { createRendererRegistry } = load<typeof import('../src/render')>('../src/render');

test('Alpha Factory view: one tab per model tab with stable ids, following the model', () => {
  const model = new AlphaFactoryModel();
  const view = new AlphaFactoryView(model);
  MessageLoop.flush(); // the tab bar renders on its update request
  const ids = Array.from(view.node.querySelectorAll('.af-tab'), (n) => n.id);
  assert.deepEqual(ids, ['af-tab-data', 'af-tab-mining', 'af-tab-factors', 'af-tab-combination']);
  assert.deepEqual(
    Array.from(view.node.querySelectorAll('.lm-TabBar-tabLabel'), (n) => n.textContent),
    ['Data', 'Mining', 'Factors', 'Combination'],
  );
  const epochs = view.node.querySelector('#af-mine-epochs') as HTMLInputElement;
  assert.deepEqual([epochs.type, epochs.min, epochs.max, epochs.step, epochs.value], ['range', '100', '1000', '50', '300']);
  const generators = Array.from(view.node.querySelectorAll('#af-mine-generator option'), (o) => o.textContent);
  assert.deepEqual(generators, ['LSTM', 'GRU', 'Transformer']);
  assert.deepEqual(Array.from(view.node.querySelectorAll('#af-mine-metric option'), (o) => o.textContent), ['IC', 'RankIC', 'ICIR', 'RankICIR']);
  assert.ok(view.node.querySelector('#af-mine-start'), 'Start Mining button');
  model.activeTab = 'factors';
  MessageLoop.flush();
  assert.equal(view.node.querySelector('.lm-TabBar-tab.lm-mod-current')?.textContent, 'Factors');
  view.dispose();
});

test('Mining tab: live progress payloads update the tab while the cell runs; Cancel interrupts the kernel', async () => {
  const model = new AlphaFactoryModel();
  let listener: ((r: import('../src/notebook/outputs').CellResult) => void) | undefined;
  let finish: (r: import('../src/notebook/outputs').CellResult) => void = () => {};
  let interrupts = 0;
  model.runner = {
    async run(_action, l) {
      listener = l;
      return { notebook: 'study.ipynb', code: '// mine', done: new Promise((resolve) => (finish = resolve)) };
    },
    async interrupt() {
      interrupts++;
    },
  };
  model.acceptPayload({ kind: 'panel', version: 1 });
  const view = new AlphaFactoryView(model);
  const q = (sel: string) => view.node.querySelector(sel);
  const progress = (done: number, zoo: number, best: number, message = `zoo ${zoo} ${XSS}`, metric?: string) => ({
    payloads: [{ kind: 'progress', version: 1, label: 'Mining', done, total: 3, message, stats: { zoo, zooSize: 8, best, ...(metric ? { metric } : {}) } }],
    texts: [],
    error: null,
    stderr: '',
  });
  const running = model.startMining();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal((q('#af-mine-start') as HTMLButtonElement).disabled, true, 'no second run while one runs');
  assert.equal((q('#af-mine-cancel') as HTMLButtonElement).disabled, false);
  listener?.(progress(1, 2, 0.0312));
  assert.equal((q('#af-mining-progress progress') as HTMLProgressElement).value, 1);
  assert.equal((q('#af-mining-progress progress') as HTMLProgressElement).max, 3);
  assert.equal(q('.af-progress-step dd')?.textContent, '1/3');
  assert.equal(q('.af-progress-zoo dd')?.textContent, '2/8');
  assert.equal(q('.af-progress-best dd')?.textContent, '0.0312');
  assert.equal(q('.af-progress-best dt')?.textContent, `Best |${model.mining.metric}|`, 'no metric in the payload: the tab\'s choice');
  assert.equal(q('#af-mining-complete'), null);
  // the same state again (outputs re-read) is not a new update; the next generation is
  listener?.(progress(1, 2, 0.0312));
  listener?.(progress(2, 5, 0.0456));
  assert.equal(model.progressUpdates, 2);
  assert.equal(q('.af-progress-zoo dd')?.textContent, '5/8');
  // the CPU miner's progress names its fitness metric: the label follows it
  listener?.(progress(3, 5, 1.2345, 'zoo 5', 'ICIR'));
  assert.equal(q('.af-progress-best dt')?.textContent, 'Best |ICIR|');
  assert.equal(q('.af-progress-best dd')?.textContent, '1.2345');
  await model.cancelMining();
  assert.equal(interrupts, 1, 'Cancel interrupts the kernel running the CPU miner');
  finish({ payloads: [], texts: [], error: 'Error: Interrupted asynchronously', stderr: 'Error: Interrupted asynchronously' });
  await running;
  assert.equal(model.miningRun.error, null, 'an interrupt asked for by Cancel is not shown as a failure');
  assert.ok(q('#af-mining-cancelled'), 'the tab says the run was cancelled');
  assert.equal((q('#af-mine-start') as HTMLButtonElement).disabled, false);
  assert.equal((q('#af-mine-cancel') as HTMLButtonElement).disabled, true);
  assert.equal(view.node.querySelectorAll('img').length, 0);
  view.dispose();
});

test('GPU Jobs view: empty state, then a job row, then the Ray warning', () => {
  const model = new GpuJobsModel({ defaultExecutor: 'local', rayDashboardUrl: '' });
  const view = new GpuJobsView(model);
  assert.match(view.node.querySelector('.af-empty')?.textContent ?? '', /^No jobs yet/);
  model.setJobs([{ id: 'j1', name: XSS, status: 'running', progress: 0.25, device: 'cuda:0', executor: 'local' }]);
  assert.equal(view.node.querySelector('.af-empty'), null);
  assert.equal(view.node.querySelector('.af-job-name')?.textContent, XSS);
  assert.equal(view.node.querySelector('.af-job-state')?.textContent, 'running');
  assert.equal((view.node.querySelector('.af-job-progress') as HTMLProgressElement).value, 0.25);
  assert.match(view.node.querySelector('.af-job-meta')?.textContent ?? '', /cuda:0/);
  assert.equal(view.node.querySelector('img'), null);
  model.setSettings({ defaultExecutor: 'ray', rayDashboardUrl: '' });
  assert.equal(view.node.querySelector('.af-executor')?.getAttribute('role'), 'alert');
  view.dispose();
});

test('Portfolio view: shows the followed notebook and its latest payload, as text', () => {
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
  const model = new PortfolioModel();
  const view = new PortfolioView(model, createRendererRegistry());
  assert.match(view.node.textContent ?? '', /No notebook is active/);
  model.follow({ name: 'research.ipynb', cells });
  assert.match(view.node.querySelector('.af-following')?.textContent ?? '', /^Following research\.ipynb$/);
  assert.match(view.node.querySelector('.af-empty')?.textContent ?? '', /No Alpha Factory output/);
  outputs.items.push({ data: { 'application/vnd.alpha-factory.table.v1+json': { kind: 'table', version: 1, title: XSS, columns: ['a'], rows: [[1]] } } });
  outputs.changed.emit();
  assert.equal(view.node.querySelector('.af-payload-title')?.textContent, XSS);
  assert.equal(view.node.querySelector('img'), null);
  view.dispose();
  model.dispose();
});
