import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataValidationError, parseCsv, validateContent } from '../../src/data';

const BAD = [
  'date,ticker,open,close', // row 1
  '2020-01-02,AAA,1.0,1.5', // row 2
  '2020-01-02,BBB,2.0,.', // row 3: FRED marker in close
  '2020-01-03,AAA,1.1,1.6', // row 4
  '2020-01-03,AAA,1.2,1.7', // row 5: duplicate (date, asset)
  '2020-01-06,BBB,2.1', // row 6: close missing
  '',
].join('\n');

test('validateContent reports a marker, a duplicate and a missing column with row and column', () => {
  const r = validateContent(BAD, { file: 'bad.csv' });
  const brief = r.issues.map((i) => [i.row, i.column, i.code, i.severity]);
  assert.deepEqual(brief, [
    [3, 'close', 'missing_marker', 'warning'],
    [5, 'ticker', 'duplicate_row', 'error'],
    [6, 'close', 'missing_column', 'error'],
  ]);
  assert.equal(r.missingMarkers, 1);
  assert.equal(r.ok, false);
  assert.ok(r.panel);
  assert.deepEqual(r.panel.dates, ['2020-01-02', '2020-01-03', '2020-01-06']);
  assert.deepEqual(r.panel.assets, ['AAA', 'BBB']);
  // the first of the duplicate rows is kept; the marker is NaN
  assert.equal(r.panel.value('close', 1, 0), 1.6);
  assert.ok(Number.isNaN(r.panel.value('close', 0, 1)));
});

test('strict mode makes the marker an error', () => {
  const r = validateContent(BAD, { file: 'bad.csv', strict: true });
  assert.equal(r.issues[0].severity, 'error');
  assert.equal(r.errors, 3);
});

test('parseCsv throws the first error with its location and carries every issue', () => {
  assert.throws(
    () => parseCsv(BAD, { file: 'bad.csv' }),
    (err: unknown) => {
      assert.ok(err instanceof DataValidationError);
      assert.equal(err.code, 'duplicate_row');
      assert.equal(err.location.row, 5);
      assert.equal(err.location.column, 'ticker');
      assert.equal(err.location.file, 'bad.csv');
      assert.equal(err.issues.length, 3);
      assert.match(err.toLine(), /^bad\.csv: row 5, column "ticker": /);
      return true;
    },
  );
});
