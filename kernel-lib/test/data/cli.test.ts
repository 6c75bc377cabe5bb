import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../cli/run';
import { FIXTURES, fixture } from './helpers';

const KERNEL_LIB = join(__dirname, '..', '..', '..');

function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCli(args, FIXTURES);
}

type Expected = Record<string, [number, string, string][]>;

test('data info reports the marker, the duplicate row and the missing column with row and column', async () => {
  const r = await run(['data', 'info', 'bad_long.csv']);
  assert.equal(r.code, 1);
  assert.match(r.out, /bad_long\.csv: row 3, column "close": warning: missing marker "\." read as NaN/);
  assert.match(r.out, /bad_long\.csv: row 5, column "ticker": error: duplicate row for \(2020-01-03, AAA\)/);
  assert.match(r.out, /bad_long\.csv: row 6, column "close": error: row has 3 cell\(s\) but the header has 4/);
  // every issue of the independent pass is printed with its row and column
  for (const [row, column] of fixture<Expected>('bad_issues.json')['bad_long.csv']) {
    assert.ok(r.out.includes(`row ${row}, column "${column}"`), `row ${row} column ${column} not printed`);
  }
  assert.match(r.out, /statistics:/);
  // one line on stderr naming the first error's row and column, no stack trace
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^alpha-factory data: bad_long\.csv: row 5, column "ticker": duplicate row/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});

test('data info --json gives every issue and the statistics', async () => {
  const r = await run(['data', 'info', 'bad_wide.csv', '--json', '--field-name', 'adj_close']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out) as {
    layout: string;
    issues: { row: number; column: string; code: string }[];
    statistics: { field: string; asset: string; count: number }[];
    missingMarkers: number;
  };
  assert.equal(j.layout, 'wide');
  assert.equal(j.missingMarkers, 1);
  const want = fixture<Expected>('bad_issues.json')['bad_wide.csv'].map((i) => `${i[0]}|${i[2]}|${i[1]}`).sort();
  assert.deepEqual(j.issues.map((i) => `${i.row}|${i.code}|${i.column}`).sort(), want);
  assert.deepEqual(j.statistics.map((s) => `${s.field}/${s.asset}`), ['adj_close/AAA', 'adj_close/BBB']);
});

test('data info --strict turns the marker into an error; a good file exits 0', async () => {
  const strict = await run(['data', 'info', 'bad_long.csv', '--strict', '--json']);
  const j = JSON.parse(strict.out) as { issues: { code: string; severity: string }[] };
  assert.equal(j.issues.find((i) => i.code === 'missing_marker')?.severity, 'error');
  const good = await run(['data', 'info', 'long_date32.parquet']);
  assert.equal(good.code, 0, good.err);
  assert.match(good.out, /issues: 0 error\(s\), 0 warning\(s\)/);
});

test('data info: a missing date column, a missing file and a bad option are one-line errors', async () => {
  const noDate = await run(['data', 'info', 'bad_long.csv', '--date-column', 'when']);
  assert.equal(noDate.code, 1);
  assert.match(noDate.out, /row 1, column "when": error: no date column "when"/);
  assert.match(noDate.err, /^alpha-factory data: bad_long\.csv: row 1, column "when": /);
  const missing = await run(['data', 'info', 'no-such-file.csv']);
  assert.equal(missing.code, 1);
  assert.equal(missing.err, 'alpha-factory data: no-such-file.csv: cannot read data file: no such file\n');
  const bad = await run(['data', 'info', 'bad_long.csv', '--no-such-option']);
  assert.equal(bad.code, 1);
  assert.equal(bad.err.trimEnd().split('\n').length, 1);
});

/** bin/ runs lib/: compile lib when it is missing or older than any data-layer or CLI source. */
function ensureLib(): void {
  const sources = [join('cli', 'commands', 'data'), join('cli', 'main'), join('cli', 'registry')];
  for (const f of readdirSync(join(KERNEL_LIB, 'src', 'data'))) if (f.endsWith('.ts')) sources.push(join('data', f.slice(0, -3)));
  const stale = sources.some((rel) => {
    const lib = join(KERNEL_LIB, 'lib', `${rel}.js`);
    return !existsSync(lib) || statSync(lib).mtimeMs < statSync(join(KERNEL_LIB, 'src', `${rel}.ts`)).mtimeMs;
  });
  if (!stale) return;
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(KERNEL_LIB, 'tsconfig.json')], { encoding: 'utf8' });
  assert.ok(existsSync(join(KERNEL_LIB, 'lib', 'cli', 'commands', 'data.js')), `building lib failed: ${r.stdout}${r.stderr}`);
}

test('the alpha-factory binary prints the issues and one error line, exit code 1', () => {
  ensureLib();
  const r = spawnSync(process.execPath, [join(KERNEL_LIB, 'bin', 'alpha-factory.js'), 'data', 'info', 'bad_long.csv'], {
    cwd: FIXTURES,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /row 3, column "close": warning: missing marker/);
  assert.match(r.stdout, /row 5, column "ticker": error: duplicate row/);
  assert.match(r.stdout, /row 6, column "close": error: row has 3 cell/);
  assert.match(r.stderr, /^alpha-factory data: bad_long\.csv: row 5, column "ticker": duplicate row[^\n]*\n$/);
});
