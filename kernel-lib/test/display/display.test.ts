import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { PAYLOAD_SCHEMAS } from '@alpha-factory/schema';
import { Panel } from '../../src/data/panel';
import { Chart, lineChart } from '../../src/display/charts';
import { toBundle, VEGA_LITE_MIME } from '../../src/display/bundle';
import { escapeHtml } from '../../src/display/html';
import { toJsonValue } from '../../src/display/payload';
import { setDisplayWriter, writeBundle, type DisplayMessage } from '../../src/display/tslab';
import { show } from '../../src/display/show';
import { PROGRESS_MIME, progressDisplay } from '../../src/display/progress';
import { Table } from '../../src/display/table';

const XSS = '<img src=x onerror=alert(1)>';

test('a chart bundle carries vega-lite, an SVG rendered by vega, and text', () => {
  const chart = lineChart(['2020-01-01', '2020-01-02', '2020-01-03'], { close: [1, 2, NaN] }, { title: 'Close' });
  const b = toBundle(chart);
  assert.equal((b[VEGA_LITE_MIME] as { $schema: string }).$schema, 'https://vega.github.io/schema/vega-lite/v5.json');
  const svg = b['image/svg+xml'] as string;
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  // the line mark is drawn as a path, the title as text
  assert.match(svg, /<path[^>]*d="M/);
  assert.match(svg, />Close</);
  assert.equal(b['text/plain'], 'Chart(Close)');
  // NaN values are left out of the data, not drawn as zero
  const values = ((b[VEGA_LITE_MIME] as { data: { values: unknown[] } }).data.values);
  assert.equal(values.length, 2);
});

test('the in-kernel SVG equals what vega View.toSVG() produces', async () => {
  const chart = new Chart({
    data: { values: [{ a: 'x', b: 1 }, { a: 'y', b: 3 }] },
    mark: 'bar',
    encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
  });
  const vega = require('vega');
  const vl = require('vega-lite');
  const view = new vega.View(vega.parse(vl.compile(chart.spec).spec), { renderer: 'none' });
  const expected: string = await view.toSVG();
  const strip = (s: string) => s.replace(/clip\d+/g, 'clip').replace(/gradient_\d+/g, 'gradient');
  assert.equal(strip(chart.toSvg()), strip(expected));
});

test('payload objects get their versioned MIME type, escaped HTML and text', () => {
  const obj = {
    toPayload: () => ({ kind: 'factor-report', version: 1, formula: XSS, ic: 0.05, series: new Float64Array([1, NaN]) }),
    toString: () => `FactorReport(${XSS})`,
  };
  const b = toBundle(obj);
  const payload = b['application/vnd.alpha-factory.factor-report.v1+json'] as Record<string, unknown>;
  assert.deepEqual(payload.series, [1, null]);
  assert.equal(payload.formula, XSS);
  const html = b['text/html'] as string;
  assert.ok(!html.includes('<img'), 'user text must not become markup');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.equal(b['text/plain'], `FactorReport(${XSS})`);
});

test('tables render as escaped HTML, aligned text and a table payload', () => {
  const t = Table.fromRecords([{ name: XSS, value: 1.23456789 }, { name: 'b', value: NaN }], 'T');
  const b = toBundle(t);
  assert.match(b['text/html'] as string, /<table class="af-table"><caption>T<\/caption>/);
  assert.ok(!(b['text/html'] as string).includes('<img'));
  assert.deepEqual((b['application/vnd.alpha-factory.table.v1+json'] as { columns: string[] }).columns, ['name', 'value']);
  assert.match(b['text/plain'] as string, /1\.23457/);
  assert.equal(toBundle([{ a: 1 }])['text/plain'], 'a\n1');
});

test('a panel shows its shape, fields and head', () => {
  const p = new Panel({ dates: ['2020-01-01', '2020-01-02'], assets: ['A', 'B'], fields: { close: new Float64Array([1, 2, 3, 4]) } });
  const b = toBundle(p);
  const payload = b['application/vnd.alpha-factory.panel.v1+json'] as Record<string, unknown>;
  assert.equal(payload.n_dates, 2);
  assert.deepEqual(payload.fields, ['close']);
  assert.match(b['text/html'] as string, /<td>2020-01-02<\/td><td>B<\/td><td>4<\/td>/);
});

test('escapeHtml escapes the five HTML metacharacters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('toJsonValue turns typed arrays, NaN, Infinity and Maps into plain JSON', () => {
  assert.deepEqual(toJsonValue({ a: new Float64Array([1, Infinity]), m: new Map([['k', NaN]]) }), { a: [1, null], m: { k: null } });
});

test('show() and progress displays write whole bundles through the one display writer', () => {
  const seen: { msg: DisplayMessage; update: boolean }[] = [];
  setDisplayWriter((msg, update) => seen.push({ msg, update }));
  try {
    show(lineChart(['2020-01-01', '2020-01-02'], { x: [1, 2] }));
    assert.equal(seen.length, 1);
    assert.deepEqual(Object.keys(seen[0].msg.data).sort(), [VEGA_LITE_MIME, 'image/svg+xml', 'text/plain'].sort());
    assert.equal(seen[0].update, false);
    const progress = progressDisplay('fits');
    progress({ done: 1, total: 4 });
    progress({ done: 4, total: 4 });
    assert.equal(seen.length, 3);
    const id = seen[1].msg.transient.display_id;
    assert.ok(id);
    assert.equal(seen[2].msg.transient.display_id, id);
    assert.deepEqual([seen[1].update, seen[2].update], [false, true]);
    assert.match(seen[2].msg.data['text/plain'] as string, /4\/4 \(100%\)/);
  } finally {
    setDisplayWriter(undefined);
  }
  assert.equal(writeBundle({ 'text/plain': 'x' }), false, 'no kernel attached outside tslab');
});

test('a progress display carries a progress payload (schema-valid) that each update replaces', () => {
  const seen: DisplayMessage[] = [];
  setDisplayWriter((msg) => seen.push(msg));
  try {
    const progress = progressDisplay(`Mining ${XSS}`);
    progress({ done: 1, total: 3, message: 'zoo 2', stats: { zoo: 2, zooSize: 8, best: 0.031 } });
    progress({ done: 1, total: 3, message: 'zoo 2', stats: { zoo: 2, zooSize: 8, best: 0.031 } });
    progress({ done: 1, total: 3, message: 'zoo 2', stats: { zoo: 3, zooSize: 8, best: 0.031 } });
    progress({ done: 3, total: 3 });
  } finally {
    setDisplayWriter(undefined);
  }
  // the repeated state is not sent again; a changed figure with the same text is
  assert.equal(seen.length, 3);
  const validate = new Ajv2020({ strict: false }).compile(PAYLOAD_SCHEMAS.progress);
  for (const m of seen) assert.ok(validate(m.data[PROGRESS_MIME]), JSON.stringify(validate.errors));
  assert.deepEqual(seen[0].data[PROGRESS_MIME], { kind: 'progress', version: 1, label: `Mining ${XSS}`, done: 1, total: 3, message: 'zoo 2', stats: { zoo: 2, zooSize: 8, best: 0.031 } });
  assert.deepEqual((seen[1].data[PROGRESS_MIME] as { stats: unknown }).stats, { zoo: 3, zooSize: 8, best: 0.031 });
  assert.deepEqual(seen[2].data[PROGRESS_MIME], { kind: 'progress', version: 1, label: `Mining ${XSS}`, done: 3, total: 3, message: null, stats: {} });
  assert.ok(!(seen[0].data['text/html'] as string).includes('<img'), 'the label is escaped in the HTML part');
});

test('the static HTML of a payload shows its arrays of records as escaped tables', () => {
  const obj = {
    toPayload: () => ({ kind: 'panel-summary', version: 1, title: null, stats: [{ field: 'close', asset: XSS, count: 3 }] }),
    toString: () => 'PanelDescription',
  };
  const html = toBundle(obj)['text/html'] as string;
  assert.match(html, /<caption>stats<\/caption><thead><tr><th>field<\/th><th>asset<\/th><th>count<\/th>/);
  assert.ok(html.includes('<td>&lt;img src=x onerror=alert(1)&gt;</td>'));
  assert.ok(!html.includes('<img'));
});
