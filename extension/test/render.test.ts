import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRendererRegistry, renderPayloadData } from '../src/render';
import { formatValue } from '../src/render/dom';
import { newDocument, XSS } from './helpers';

const MIME = (kind: string): string => `application/vnd.alpha-factory.${kind}.v1+json`;

function assertShownAsText(root: HTMLElement): void {
  assert.equal(root.querySelector('img'), null, 'no <img> element was created');
  assert.equal(root.querySelector('script'), null);
  assert.ok(root.textContent?.includes(XSS), 'the markup shows as literal text');
  assert.ok(root.innerHTML.includes('&lt;img src=x onerror=alert(1)&gt;'), 'serialised escaped');
}

test('a table payload with markup in the title, a column and a cell renders it as text', () => {
  const doc = newDocument();
  const data = { kind: 'table', version: 1, title: XSS, columns: ['ticker', XSS], rows: [[XSS, 1.5], ['AAPL', null]] };
  for (const given of [data, JSON.stringify(data)]) {
    const root = renderPayloadData(createRendererRegistry(), given, doc, MIME('table'));
    assertShownAsText(root);
    assert.equal(root.querySelector('.af-payload-title')?.textContent, XSS);
    assert.equal(root.querySelectorAll('tbody tr').length, 2);
    assert.deepEqual(
      Array.from(root.querySelectorAll('thead th'), (th) => th.textContent),
      ['ticker', XSS],
    );
    assert.equal(root.querySelectorAll('tbody td.af-missing').length, 1);
  }
});

test('an unknown kind gets the generic view: scalars as key/value rows, records as a table, markup as text', () => {
  const doc = newDocument();
  const data = {
    kind: 'garch-fit',
    version: 1,
    title: 'GARCH(1,1)',
    loglik: -1234.5,
    converged: true,
    formula: XSS,
    params: [
      { name: 'omega', value: 1e-5 },
      { name: 'alpha', value: 0.05 },
    ],
    forecast: { horizon: 5, sigma: [0.01, 0.011] },
  };
  const root = renderPayloadData(createRendererRegistry(), JSON.stringify(data), doc, MIME('garch-fit'));
  assertShownAsText(root);
  assert.equal(root.dataset.kind, 'garch-fit');
  assert.equal(root.querySelector('.af-payload-title')?.textContent, 'GARCH(1,1)');
  const kv = Array.from(root.querySelectorAll(':scope > .af-generic > table.af-kv tr'), (tr) => [
    tr.querySelector('th')?.textContent,
    tr.querySelector('td')?.textContent,
  ]);
  assert.deepEqual(kv, [
    ['loglik', '-1234.5'],
    ['converged', 'true'],
    ['formula', XSS],
  ]);
  const sections = Array.from(root.querySelectorAll('.af-section-title'), (h) => h.textContent);
  assert.deepEqual(sections, ['params', 'forecast']);
  assert.deepEqual(
    Array.from(root.querySelectorAll('.af-section')[0].querySelectorAll('tbody tr'), (tr) => tr.textContent),
    ['omega1.0000e-5', 'alpha0.05'],
  );
});

test('the manifest view lists data files, versions and platform', () => {
  const doc = newDocument();
  const manifest = {
    kind: 'manifest',
    version: 1,
    created_at: '2026-11-21T05:00:00.000Z',
    seeds: [42, 7],
    data: [{ name: XSS, path: null, sha256: 'a'.repeat(64), rows: 10 }],
    versions: { kernel_lib: '0.1.0', node: 'v20.20.2', tslab: null, typescript: '5.0.4' },
    platform: { os: 'Linux 6.1', arch: 'x64', cpus: 2 },
  };
  const root = renderPayloadData(createRendererRegistry(), manifest, doc, MIME('manifest'));
  assertShownAsText(root);
  assert.equal(root.querySelector('.af-payload-title')?.textContent, 'Experiment manifest');
  assert.deepEqual(
    Array.from(root.querySelectorAll('.af-section-title'), (h) => h.textContent),
    ['Data read', 'Versions', 'Platform'],
  );
  assert.ok(root.textContent?.includes('42, 7'));
  assert.ok(root.textContent?.includes('a'.repeat(64)));
});

test('the panel-summary view puts the describe() statistics columns first', () => {
  const doc = newDocument();
  const summary = {
    kind: 'panel-summary',
    version: 1,
    source: 'sp500',
    n_dates: 3,
    n_assets: 2,
    stats: [{ max: 3, field: 'close', asset: XSS, count: 3, mean: 2, std: 1, min: 1, missing: 0 }],
    issues: [{ row: 4, column: 'close', message: 'non-positive price' }],
  };
  const root = renderPayloadData(createRendererRegistry(), summary, doc, MIME('panel-summary'));
  assertShownAsText(root);
  const statsHead = Array.from(root.querySelectorAll('.af-section')[0].querySelectorAll('thead th'), (th) => th.textContent);
  assert.deepEqual(statsHead, ['field', 'asset', 'count', 'mean', 'std', 'min', 'max', 'missing']);
  assert.equal(root.querySelectorAll('.af-section-title')[1].textContent, 'Validation issues (1)');
});

test('data that is not a payload shows a one-line error as text', () => {
  const doc = newDocument();
  const root = renderPayloadData(createRendererRegistry(), `{"kind": "${XSS}"`, doc);
  assert.equal(root.className, 'af-payload-error');
  assert.equal(root.getAttribute('role'), 'alert');
  assert.match(root.textContent ?? '', /^Alpha Factory: payload is not valid JSON/);
  assert.equal(root.querySelector('img'), null);
});

test('a kind renderer that throws falls back to the generic view with the reason', () => {
  const doc = newDocument();
  const root = renderPayloadData(createRendererRegistry(), { kind: 'table', version: 1, title: 'bad', columns: 'a' }, doc);
  assert.match(root.querySelector('.af-payload-error')?.textContent ?? '', /could not render "table": a table payload needs "columns" and "rows" arrays/);
  assert.ok(root.querySelector('.af-generic'));
});

test('formatValue: 6 significant digits, exponent for tiny/huge, dash for null', () => {
  assert.equal(formatValue(0.123456789), '0.123457');
  assert.equal(formatValue(1e-5), '1.0000e-5');
  assert.equal(formatValue(12), '12');
  assert.equal(formatValue(null), '–');
  assert.equal(formatValue([1, 2, null]), '1, 2, –');
  assert.equal(formatValue(false), 'false');
});

test('a progress payload renders as a bar with done/total and its message as text', () => {
  const doc = newDocument();
  const data = { kind: 'progress', version: 1, label: XSS, done: 2, total: 8, message: `zoo 3 ${XSS}`, stats: { zoo: 3 } };
  for (const given of [data, JSON.stringify(data)]) {
    const root = renderPayloadData(createRendererRegistry(), given, doc, MIME('progress'));
    assertShownAsText(root);
    const bar = root.querySelector('progress') as HTMLProgressElement;
    assert.deepEqual([bar.value, bar.max], [2, 8]);
    assert.equal(root.querySelector('.af-progress-count')?.textContent, '2/8 (25%)');
  }
  const broken = renderPayloadData(createRendererRegistry(), { kind: 'progress', version: 1, done: 'x' }, doc, MIME('progress'));
  assert.match(broken.textContent ?? '', /progress without numeric done\/total/);
});
