import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPanel, Panel, panelToCsv, parseCsv, syntheticMarket, validateContent, writeCsv } from '../../src/data';
import { FIXTURES, fixture } from './helpers';

function samePanel(a: Panel, b: Panel): void {
  assert.deepEqual(a.dates, b.dates);
  assert.deepEqual(a.assets, b.assets);
  assert.deepEqual(a.fields, b.fields);
  for (const f of a.fields) assert.deepEqual(Array.from(a.field(f)), Array.from(b.field(f)), f);
}

test('writeCsv round-trips a synthetic market exactly (long .csv.gz, wide, single)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'af-csv-'));
  const p = syntheticMarket({ seed: 4, assets: 6, days: 80 });
  writeCsv(p, join(dir, 'm.csv.gz'));
  samePanel(loadPanel(join(dir, 'm.csv.gz')), p);
  writeCsv(p, join(dir, 'w.csv'), { layout: 'wide', field: 'close' });
  samePanel(loadPanel(join(dir, 'w.csv')), p.selectFields(['close']));
  const one = p.selectAssets(['S002']);
  samePanel(parseCsv(panelToCsv(one, { layout: 'single' }), { asset: 'S002' }), one);
  assert.throws(() => panelToCsv(p, { layout: 'single' }), /one-asset panel/);
});

test('tickers with commas and quotes survive a round trip; the read-back matches Python csv records', () => {
  const text = readFileSync(join(FIXTURES, 'tricky.csv'), 'utf8');
  const p = parseCsv(text, { fields: ['close'] });
  const back = parseCsv(panelToCsv(p));
  samePanel(back, p);
  const want = fixture<{ records: string[][] }>('tricky.json').records;
  assert.deepEqual(back.assets, want.slice(1).map((r) => r[1]));
  assert.equal(validateContent(panelToCsv(p)).issues.length, 0);
});
