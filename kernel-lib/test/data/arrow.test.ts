import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPanel, Panel, panelFromArrowBytes, panelToArrowTable, parseCsv, syntheticMarket, validateContent, writeArrow, writeParquet } from '../../src/data';
import { close, FIXTURES, fixture } from './helpers';

interface ArrowExpected {
  long: { dates: string[]; assets: string[]; fields: Record<string, (number | null)[]> };
  wide: { dates: string[]; assets: string[]; close: (number | null)[] };
}
const FX = fixture<ArrowExpected>('arrow_expected.json');

function checkLong(p: Panel, what: string): void {
  assert.deepEqual(p.dates, FX.long.dates, what);
  assert.deepEqual(p.assets, FX.long.assets, what);
  for (const [f, want] of Object.entries(FX.long.fields)) {
    const got = p.field(f);
    assert.equal(got.length, want.length);
    want.forEach((w, k) => close(got[k], w, 0, `${what} ${f}[${k}]`));
  }
}

for (const file of ['long_date32.parquet', 'long_date32.arrow', 'long_pandas.parquet']) {
  test(`reads ${file} written by pyarrow (date32 / timestamp[ns], string / dictionary tickers, nulls, int64)`, () => {
    const p = loadPanel(join(FIXTURES, file));
    checkLong(p, file);
    assert.equal(p.source?.name, join(FIXTURES, file));
    assert.match(p.source?.sha256 ?? '', /^[0-9a-f]{64}$/);
  });
}

test('reads a wide Arrow IPC stream with string dates written by pyarrow', () => {
  const p = loadPanel(join(FIXTURES, 'wide_strings.arrows'));
  assert.deepEqual(p.dates, FX.wide.dates);
  assert.deepEqual(p.assets, FX.wide.assets);
  FX.wide.close.forEach((w, k) => close(p.field('close')[k], w, 0, `close[${k}]`));
});

const SAMPLE = parseCsv(
  [
    'date,ticker,open,close,volume',
    '2024-01-02,AAA,10,10.5,100',
    '2024-01-02,BBB,20,,200',
    '2024-01-03,AAA,11,11.5,110',
    '2024-01-04,BBB,21,21.5,210',
  ].join('\n'),
  { file: 'sample.csv' },
);

function samePanel(a: Panel, b: Panel): void {
  assert.deepEqual(a.dates, b.dates);
  assert.deepEqual(a.assets, b.assets);
  assert.deepEqual(a.fields, b.fields);
  for (const f of a.fields) assert.deepEqual(Array.from(a.field(f)), Array.from(b.field(f)), f);
}

test('writeArrow / writeParquet round-trip a panel in the long layout (NaN and missing pairs kept)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'af-data-'));
  for (const name of ['p.arrow', 'p.arrows', 'p.parquet']) {
    const path = join(dir, name);
    if (name.endsWith('.parquet')) writeParquet(SAMPLE, path);
    else writeArrow(SAMPLE, path);
    samePanel(loadPanel(path), SAMPLE);
  }
});

test('writeArrow wide layout round-trips one field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'af-data-'));
  const path = join(dir, 'wide.arrow');
  writeArrow(SAMPLE, path, { layout: 'wide', field: 'close' });
  const back = loadPanel(path);
  samePanel(back, SAMPLE.selectFields(['close']));
  const pq = join(dir, 'wide.parquet');
  writeParquet(SAMPLE.selectFields(['open']), pq, { layout: 'wide' });
  const backPq = loadPanel(pq, { fieldName: 'open' });
  samePanel(backPq, SAMPLE.selectFields(['open']));
});

test('gzip CSV: same panel as the plain CSV, sha256 of the compressed bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'af-data-'));
  const text = readFileSync(join(FIXTURES, 'bad_wide.csv'), 'utf8').split('\n').slice(0, 3).join('\n');
  writeFileSync(join(dir, 'w.csv'), text);
  writeFileSync(join(dir, 'w.csv.gz'), require('node:zlib').gzipSync(text));
  const a = loadPanel(join(dir, 'w.csv'));
  const b = loadPanel(join(dir, 'w.csv.gz'));
  samePanel(a, b);
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  assert.equal(b.source?.sha256, createHash('sha256').update(readFileSync(join(dir, 'w.csv.gz'))).digest('hex'));
  assert.equal(b.source?.missingMarkers, 1);
});

test('an Arrow table with a non-numeric value column or a bad date type reports bad_type', () => {
  const A = require('apache-arrow') as typeof import('apache-arrow');
  const t = A.tableFromArrays({ date: ['2024-01-02'], note: ['hello'], close: Float64Array.from([1]) });
  const r = validateContent(A.tableToIPC(t, 'file'), { file: 't.arrow', format: 'arrow' });
  assert.deepEqual(
    r.issues.map((i) => [i.row, i.column, i.code]),
    [[1, 'note', 'bad_type']],
  );
  const t2 = A.tableFromArrays({ date: Float64Array.from([1]), close: Float64Array.from([1]) });
  const r2 = validateContent(A.tableToIPC(t2, 'file'), { file: 't2.arrow', format: 'arrow' });
  assert.equal(r2.issues[0].code, 'bad_type');
  assert.equal(r2.panel, null);
});

test('corrupt Parquet bytes are a one-line AlphaFactoryError naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'af-data-'));
  const path = join(dir, 'broken.parquet');
  writeFileSync(path, 'PAR1 this is not parquet');
  assert.throws(() => loadPanel(path), (err: unknown) => {
    const e = err as { code: string; location: { file: string } };
    assert.equal(e.code, 'bad_parquet');
    assert.equal(e.location.file, path);
    return true;
  });
});

test('Arrow: null dates and tickers are reported by row; several batches with one dictionary read as one table', () => {
  const A = require('apache-arrow') as typeof import('apache-arrow');
  const dict = new A.Dictionary(new A.Utf8(), new A.Int32());
  const t = new A.Table({
    date: A.vectorFromArray(['2024-01-02', null, '2024-01-03', '2024-01-03'], new A.Utf8()),
    ticker: A.vectorFromArray(['X', 'X', null, 'Y'], dict),
    close: A.vectorFromArray([1, 2, 3, null], new A.Float64()),
  });
  const r = validateContent(A.tableToIPC(t, 'file'), { file: 'n.arrow', format: 'arrow' });
  assert.deepEqual(
    r.issues.map((i) => [i.row, i.column, i.code]),
    [
      [3, 'date', 'bad_date'],
      [4, 'ticker', 'empty_ticker'],
    ],
  );
  assert.ok(r.panel && Number.isNaN(r.panel.value('close', 1, 1)));
  // two record batches of the same table
  const big = syntheticMarket({ seed: 2, assets: 3, days: 10 });
  const table = panelToArrowTable(big);
  const two = new A.Table([...table.slice(0, 13).batches, ...table.slice(13).batches]);
  assert.ok(two.batches.length >= 2);
  const back = panelFromArrowBytes(A.tableToIPC(two, 'stream'));
  assert.deepEqual(back.assets, big.assets);
  assert.deepEqual(Array.from(back.field('close')), Array.from(big.field('close')));
});
