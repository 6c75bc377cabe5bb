import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPanel, parseCsv, parseCsvRows, parseDateSpan, scanCsv, validateContent } from '../../src/data';
import { parseNumberSpan } from '../../src/data/numbers';
import { Rng } from '../../src/math/rng';
import { AlphaFactoryError } from '../../src/errors';
import { FIXTURES, fixture } from './helpers';

/** Asserts that fn throws an AlphaFactoryError whose one-line form matches re. */
function throwsLine(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AlphaFactoryError);
    assert.match(err.toLine(), re);
    return true;
  });
}

test('CSV scanner reads quotes, doubled quotes, newlines in quotes, CRLF, BOM and blank lines as Python csv does', () => {
  const text = readFileSync(join(FIXTURES, 'tricky.csv'), 'utf8');
  const want = fixture<{ records: string[][] }>('tricky.json').records;
  assert.deepEqual(parseCsvRows(text), want);
  // row numbers count the blank line and the quoted line break as a spreadsheet does records
  const rows: number[] = [];
  scanCsv(text, (r) => {
    rows.push(r.row);
  });
  assert.deepEqual(rows, [1, 2, 4, 5, 6]);
});

test('tricky.csv loads as a long panel keyed by the Name column', () => {
  const p = loadPanel(join(FIXTURES, 'tricky.csv'), { fields: ['close'] });
  assert.deepEqual(p.assets, ['AAA', 'B"B', 'CCC', 'DDD']);
  assert.deepEqual(p.dates, ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07']);
  assert.equal(p.value('close', 1, 1), 2.5);
  assert.ok(Number.isNaN(p.value('close', 2, 2)));
  // without the fields option the text column is reported cell by cell
  const r = validateContent(readFileSync(join(FIXTURES, 'tricky.csv')), { file: 'tricky.csv' });
  assert.deepEqual(
    r.issues.map((i) => [i.row, i.column, i.code]),
    [
      [2, 'note', 'bad_number'],
      [4, 'note', 'bad_number'],
    ],
  );
});

test('dates: ISO, slashes, one-digit month/day and datetimes normalise; impossible dates do not', () => {
  const ok: [string, string][] = [
    ['2020-01-02', '2020-01-02'],
    ['2020/01/02', '2020-01-02'],
    ['2020-1-2', '2020-01-02'],
    [' 2020-01-02 ', '2020-01-02'],
    ['2020-01-02 00:00:00', '2020-01-02'],
    ['2020-01-02T15:30:00Z', '2020-01-02'],
    ['2020-01-02T15:30:00.123+01:00', '2020-01-02'],
    ['2020-01-02 15:30', '2020-01-02'],
    ['2020-02-29', '2020-02-29'], // leap year
    ['2000-02-29', '2000-02-29'], // divisible by 400
  ];
  for (const [text, iso] of ok) assert.equal(parseDateSpan(text), iso, text);
  const bad = ['', '2019-02-29', '1900-02-29', '2020-13-01', '2020-00-10', '2020-04-31', '02/01/2020', '2020-01', '20200102', '2020-01-02x', '2020-01/02', 'date', '2020-01-02T25'];
  for (const text of bad) assert.equal(parseDateSpan(text), null, text);
});

test('numbers: the hand-written parser gives exactly what Number() gives on 20,000 random decimals', () => {
  const rng = new Rng(11);
  for (let k = 0; k < 20000; k++) {
    const intDigits = rng.int(8);
    const fracDigits = rng.int(12);
    let s = rng.uniform() < 0.2 ? '-' : '';
    for (let d = 0; d < intDigits; d++) s += String(rng.int(10));
    if (fracDigits > 0) {
      s += '.';
      for (let d = 0; d < fracDigits; d++) s += String(rng.int(10));
    }
    if (intDigits === 0 && fracDigits === 0) s += '0';
    if (rng.uniform() < 0.1) s += `e${rng.int(40) - 20}`;
    assert.equal(parseNumberSpan(s, 0, s.length), Number(s), s);
  }
  for (const s of ['1234567890123456789', '9007199254740993', '900719925474099.3', '9007199254740992', '0.1', '1e308', '4.9e-324', '+3', '.5', '5.', '1E5', ' 7 '])
    assert.equal(parseNumberSpan(s, 0, s.length), Number(s), s);
  for (const s of ['', '-', '.', 'e5', '1e', '0x10', '1,5', '1.2.3', 'abc']) assert.ok(Number.isNaN(parseNumberSpan(s, 0, s.length)), s);
});

test('layouts: symbol and Name tickers, an unnamed pandas index column, single-asset OHLC, explicit options', () => {
  const sym = parseCsv('date,symbol,close\n2020-01-02,X,1\n2020-01-02,Y,2\n');
  assert.deepEqual(sym.assets, ['X', 'Y']);
  const idx = parseCsv(',AAA,BBB\n2020-01-02,1,2\n2020-01-03,3,4\n', { fieldName: 'adj_close' });
  assert.deepEqual(idx.assets, ['AAA', 'BBB']);
  assert.deepEqual(idx.fields, ['adj_close']);
  const single = parseCsv('Date,Open,Close,Volume\n2020-01-02,1,2,3\n', { file: 'data/SPY.csv.gz' });
  assert.deepEqual(single.assets, ['SPY']);
  assert.deepEqual(single.fields, ['Open', 'Close', 'Volume']);
  const forced = parseCsv('day,sym,px\n2020-01-02,X,1\n', { dateColumn: 'day', tickerColumn: 'sym' });
  assert.deepEqual([forced.assets, forced.fields], [['X'], ['px']]);
  // a requested field that is absent is a missing column at row 1
  const r = validateContent('date,ticker,close\n2020-01-02,X,1\n', { file: 'f.csv', fields: ['open', 'close'] });
  assert.deepEqual(r.issues.map((i) => [i.row, i.column, i.code]), [[1, 'open', 'missing_column']]);
  // a long layout without a ticker column cannot be read
  const noTicker = validateContent('date,close\n2020-01-02,1\n', { file: 'g.csv', layout: 'long' });
  assert.deepEqual(noTicker.issues.map((i) => [i.row, i.column, i.code]), [[1, 'ticker', 'missing_column']]);
  assert.equal(noTicker.panel, null);
});

test('FRED-style file: "." markers counted in source.missingMarkers, an error when strict', () => {
  const text = 'observation_date,DGS10\n2020-01-01,.\n2020-01-02,1.88\n2020-01-03,1.80\n2020-01-06,.\n';
  const p = parseCsv(text, { file: 'DGS10.csv', fieldName: 'yield', priceFields: [] });
  assert.equal(p.source?.missingMarkers, 2);
  assert.deepEqual(p.assets, ['DGS10']);
  assert.ok(Number.isNaN(p.value('yield', 0, 0)));
  throwsLine(() => parseCsv(text, { file: 'DGS10.csv', strict: true }), /^DGS10\.csv: row 2, column "DGS10": missing marker/);
});

test('unsorted dates are sorted with a warning, an error when strict', () => {
  const text = 'date,A\n2020-01-03,3\n2020-01-02,2\n2020-01-06,6\n';
  const p = parseCsv(text, { file: 'u.csv' });
  assert.deepEqual(p.dates, ['2020-01-02', '2020-01-03', '2020-01-06']);
  assert.deepEqual(Array.from(p.field('close')), [2, 3, 6]);
  throwsLine(() => parseCsv(text, { file: 'u.csv', strict: true }), /^u\.csv: row 3, column "date": dates go backwards/);
});

test('empty files and headers without rows are reported', () => {
  assert.deepEqual(validateContent('', { file: 'e.csv' }).issues.map((i) => i.code), ['empty_file']);
  assert.deepEqual(validateContent('date,A\n', { file: 'h.csv' }).issues.map((i) => [i.row, i.code]), [[2, 'empty_file']]);
});

test('issue collection stops at maxIssues with a too_many_issues entry', () => {
  const lines = ['date,A'];
  for (let k = 0; k < 500; k++) lines.push(`2020-01-02,x${k}`);
  const r = validateContent(lines.join('\n'), { file: 'many.csv', maxIssues: 50 });
  assert.equal(r.issues.length, 51);
  assert.equal(r.issues.filter((i) => i.code === 'bad_number').length, 50);
  assert.equal(r.issues.filter((i) => i.code === 'too_many_issues').length, 1);
});

test('tab-separated files (.tsv) and other delimiters', () => {
  const tsv = validateContent('date\tticker\tclose\n2020-01-02\tX\t1.5\n', { file: 'p.tsv' });
  assert.equal(tsv.ok, true);
  assert.equal(tsv.panel?.value('close', 0, 0), 1.5);
  const semi = parseCsv('date;A;B\n2020-01-02;1;2\n', { delimiter: ';' });
  assert.deepEqual(semi.assets, ['A', 'B']);
});

test('lone carriage-return line ends', () => {
  assert.deepEqual(parseCsvRows('date,A\r2020-01-02,1\r2020-01-03,2\r'), [
    ['date', 'A'],
    ['2020-01-02', '1'],
    ['2020-01-03', '2'],
  ]);
});
