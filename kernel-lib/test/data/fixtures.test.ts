import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataValidationError, loadPanel, validateFile } from '../../src/data';
import { FIXTURES, fixture } from './helpers';

type Expected = Record<string, [number, string, string][]>;

const key = (i: [number, string, string]): string => `${i[0]}|${i[2]}|${i[1]}`;

for (const file of ['bad_long.csv', 'bad_wide.csv']) {
  test(`${file}: every issue found by the independent Python pass, with row and column`, () => {
    const expected = fixture<Expected>('bad_issues.json')[file];
    const report = validateFile(join(FIXTURES, file));
    const got = report.issues.map((i) => [i.row, i.column, i.code] as [number, string, string]);
    assert.deepEqual(got.map(key).sort(), expected.map(key).sort());
    // issues come in row order
    const rows = report.issues.map((i) => i.row);
    assert.deepEqual(rows, rows.slice().sort((a, b) => a - b));
    assert.equal(report.ok, false);
  });
}

test('bad_long.csv: the loader throws the first error in row order and keeps all issues', () => {
  const expected = fixture<Expected>('bad_issues.json')['bad_long.csv'];
  assert.throws(
    () => loadPanel(join(FIXTURES, 'bad_long.csv')),
    (err: unknown) => {
      assert.ok(err instanceof DataValidationError);
      // the marker (row 3) is a warning, so the first error is the duplicate at row 5
      assert.equal(err.location.row, 5);
      assert.equal(err.location.column, 'ticker');
      assert.equal(err.code, 'duplicate_row');
      assert.equal(err.issues.length, expected.length);
      return true;
    },
  );
});

test('bad_long.csv: strict mode turns the marker and the unsorted dates into errors', () => {
  const report = validateFile(join(FIXTURES, 'bad_long.csv'), { strict: true });
  assert.ok(report.issues.every((i) => i.severity === 'error'));
  const lax = validateFile(join(FIXTURES, 'bad_long.csv'));
  const warnings = lax.issues.filter((i) => i.severity === 'warning').map((i) => i.code).sort();
  assert.deepEqual(warnings, ['missing_marker', 'unsorted_dates']);
  assert.equal(lax.missingMarkers, 1);
});

test('bad_long.csv: the validation panel holds the readable cells, dates sorted', () => {
  const report = validateFile(join(FIXTURES, 'bad_long.csv'));
  const p = report.panel;
  assert.ok(p);
  // 2020-13-07 is dropped; 2020/01/08 and '2020-01-06 00:00:00' are normalised
  assert.deepEqual(p.dates, ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09']);
  assert.deepEqual(p.assets, ['AAA', 'BBB']);
  assert.equal(p.value('close', p.dateAt('2020-01-03'), 0), 10.6); // the first of the duplicates
  assert.equal(p.value('open', p.dateAt('2020-01-06'), 0), 10.5); // the unsorted row is placed by date
  assert.ok(Number.isNaN(p.value('close', p.dateAt('2020-01-09'), 1))); // empty cell
  assert.ok(Number.isNaN(p.value('open', p.dateAt('2020-01-09'), 1))); // NaN token
});
