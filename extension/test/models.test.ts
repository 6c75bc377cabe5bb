import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Signal } from '@lumino/signaling';
import { ALPHA_FACTORY_TABS, AlphaFactoryModel } from '../src/panels/alphaFactory/model';
import { executorState, GpuJobsModel } from '../src/panels/gpuJobs/model';
import { PortfolioModel, type CellLike, type OutputLike } from '../src/panels/portfolio/model';

/** A stand-in for IOutputAreaModel: a list of outputs with a `changed` signal. */
class FakeOutputs {
  readonly changed = new Signal<this, void>(this);
  private items: OutputLike[] = [];
  get length(): number {
    return this.items.length;
  }
  get(i: number): OutputLike {
    return this.items[i];
  }
  add(data: Record<string, unknown>): void {
    this.items.push({ data });
    this.changed.emit();
  }
  clear(): void {
    this.items = [];
    this.changed.emit();
  }
}

/** A stand-in for CellList. */
class FakeCells {
  readonly changed = new Signal<this, void>(this);
  readonly items: CellLike[] = [];
  get length(): number {
    return this.items.length;
  }
  get(i: number): CellLike {
    return this.items[i];
  }
  addCode(): FakeOutputs {
    const outputs = new FakeOutputs();
    this.items.push({ type: 'code', outputs });
    this.changed.emit();
    return outputs;
  }
  addMarkdown(): void {
    this.items.push({ type: 'markdown' });
    this.changed.emit();
  }
  remove(i: number): void {
    this.items.splice(i, 1);
    this.changed.emit();
  }
}

const TABLE_MIME = 'application/vnd.alpha-factory.table.v1+json';
const table = (title: string) => ({ [TABLE_MIME]: { kind: 'table', version: 1, title, columns: [], rows: [] }, 'text/plain': title });

test('Portfolio: on follow, the last payload in document order is shown', () => {
  const cells = new FakeCells();
  cells.addCode().add(table('first'));
  cells.addMarkdown();
  cells.addCode().add({ 'text/plain': 'no payload' });
  cells.addCode().add(table('last'));
  cells.addCode();
  const model = new PortfolioModel();
  model.follow({ name: 'a.ipynb', cells });
  assert.equal(model.latest?.payload.title, 'last');
  assert.equal(model.latest?.notebook, 'a.ipynb');
});

test('Portfolio: a new output in any cell becomes the latest; clearing keeps what was seen', () => {
  const cells = new FakeCells();
  const first = cells.addCode();
  const second = cells.addCode();
  const model = new PortfolioModel();
  let changes = 0;
  model.changed.connect(() => changes++);
  model.follow({ name: 'a.ipynb', cells });
  assert.equal(model.latest === null, true);
  second.add(table('from second'));
  assert.equal(model.latest?.payload.title, 'from second');
  first.add({ 'application/vnd.alpha-factory.manifest.v1+json': JSON.stringify({ kind: 'manifest', version: 1 }) });
  assert.equal(model.latest?.payload.kind, 'manifest');
  first.clear();
  assert.equal(model.latest?.payload.kind, 'manifest');
  const third = cells.addCode();
  third.add(table('added cell'));
  assert.equal(model.latest?.payload.title, 'added cell');
  assert.equal(changes, 4);
});

test('Portfolio: switching notebooks stops listening to the old one', () => {
  const a = new FakeCells();
  const aOut = a.addCode();
  const b = new FakeCells();
  b.addCode().add(table('in b'));
  const model = new PortfolioModel();
  model.follow({ name: 'a.ipynb', cells: a });
  model.follow({ name: 'b.ipynb', cells: b });
  assert.equal(model.latest?.payload.title, 'in b');
  aOut.add(table('late in a'));
  assert.equal(model.latest?.payload.title, 'in b');
  model.follow(null);
  assert.equal(model.source, null);
  assert.equal(model.latest === null, true);
});

test('Portfolio: a removed cell is no longer watched', () => {
  const cells = new FakeCells();
  const gone = cells.addCode();
  const model = new PortfolioModel();
  model.follow({ name: 'a.ipynb', cells });
  cells.remove(0);
  gone.add(table('from removed cell'));
  assert.equal(model.latest === null, true);
});

test('Alpha Factory: four tabs in order, each saying what it is for; activeTab ignores unknown ids', () => {
  assert.deepEqual(ALPHA_FACTORY_TABS.map((t) => t.label), ['Data', 'Mining', 'Factors', 'Combination']);
  for (const t of ALPHA_FACTORY_TABS) assert.ok(t.purpose.length > 0);
  const model = new AlphaFactoryModel();
  const seen: string[] = [];
  model.activeTabChanged.connect((_, id) => seen.push(id));
  model.activeTab = 'mining';
  model.activeTab = 'mining';
  model.activeTab = 'nope' as never;
  assert.equal(model.activeTab, 'mining');
  assert.deepEqual(seen, ['mining']);
});

test('GPU Jobs: executor line for local, Ray, and Ray without an address', () => {
  assert.equal(executorState({ defaultExecutor: 'local', rayDashboardUrl: '' }).warning, false);
  assert.match(executorState({ defaultExecutor: 'local', rayDashboardUrl: '' }).message, /No Ray cluster is configured/);
  assert.match(executorState({ defaultExecutor: 'ray', rayDashboardUrl: 'http://h:8265' }).message, /Ray cluster at http:\/\/h:8265/);
  const broken = executorState({ defaultExecutor: 'ray', rayDashboardUrl: '' });
  assert.equal(broken.warning, true);
  const model = new GpuJobsModel({ defaultExecutor: 'local', rayDashboardUrl: '' });
  let changes = 0;
  model.changed.connect(() => changes++);
  model.setSettings({ defaultExecutor: 'ray', rayDashboardUrl: '' });
  model.setJobs([{ id: 'j1', name: 'mine', status: 'running', progress: 0.5, device: 'cuda:0', executor: 'local' }]);
  assert.equal(model.executor.warning, true);
  assert.equal(model.jobs.length, 1);
  assert.equal(changes, 2);
});
