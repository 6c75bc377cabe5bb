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
