import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChart } from '../../src/display/charts';

// 2013-02-08 .. 2015-02-06 at weekly steps: vega's default labels for this span are month names
const dates: string[] = [];
for (let d = Date.UTC(2013, 1, 8); d <= Date.UTC(2015, 1, 6); d += 7 * 86400000) dates.push(new Date(d).toISOString().slice(0, 10));
const values = dates.map((_, i) => Math.sin(i / 10));

test('lineChart xFormat labels the date axis with the given d3 time format', () => {
  const chart = lineChart(dates, { rho: values }, { xFormat: '%b %Y' });
  const x = (chart.spec.encoding as { x: { axis?: { format?: string } } }).x;
  assert.equal(x.axis?.format, '%b %Y');
  const labels = [...chart.toSvg().matchAll(/>([A-Z][a-z]{2} 20\d\d)</g)].map((m) => m[1]);
  assert.ok(labels.length >= 2, `axis labels: ${labels.join(', ')}`);
  assert.ok(labels.some((l) => l.endsWith('2014')), `axis labels: ${labels.join(', ')}`);
});

test('lineChart without xFormat leaves the axis format to vega', () => {
  const x = (lineChart(dates, { rho: values }).spec.encoding as { x: { axis?: unknown } }).x;
  assert.equal(x.axis, undefined);
});
