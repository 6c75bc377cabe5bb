/**
 * `alpha-factory factor ...`: the eval JSON against pandas/scipy figures for the same panel
 * file (scripts/fixtures/alpha_research.py, cli_case), gate exit codes, combine, user errors.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/command';
import { fixturePath, assertNum, readFixture } from './helpers';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd: process.cwd(),
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}

const exp = readFixture<Record<string, number | string>>('cli_expected.json');
const panel = fixturePath('cli_panel.csv');

test('factor eval --json prints exactly {ic, icir, rank_ic, rank_icir, t_stat, days, turnover} matching pandas', async () => {
  const io = capture();
  const code = await main(['factor', 'eval', panel, '--formula', String(exp.formula), '--horizon', String(exp.horizon), '--json'], io);
  assert.equal(io.stderr, '');
  assert.equal(code, 0);
  const out = JSON.parse(io.stdout);
  assert.deepEqual(Object.keys(out), ['ic', 'icir', 'rank_ic', 'rank_icir', 't_stat', 'days', 'turnover']);
  for (const k of ['ic', 'icir', 'rank_ic', 'rank_icir', 't_stat', 'turnover']) assertNum(out[k], exp[k] as number, 1e-9, k);
  assert.equal(out.days, exp.days);
});

test('factor eval --label takes any DSL expression (Qlib look-ahead spelling gives the same figures)', async () => {
  const io = capture();
  const code = await main(['factor', 'eval', panel, '--formula', String(exp.formula), '--label', 'Ref($close, -5) / $close - 1', '--horizon', '5', '--json'], io);
  assert.equal(code, 0, io.stderr);
  const out = JSON.parse(io.stdout);
  for (const k of ['ic', 'rank_ic', 't_stat']) assertNum(out[k], exp[k] as number, 1e-9, k);
});

test('factor eval accepts Qlib spelling and prints a readable report', async () => {
  const io = capture();
  const code = await main(['factor', 'eval', panel, '--formula', '-($close / Ref($close, 10) - 1)', '--horizon', '5'], io);
  assert.equal(code, 0, io.stderr);
  assert.match(io.stdout, /FactorReport/);
  assert.match(io.stdout, new RegExp(`IC +${(exp.ic as number).toFixed(4)}`));
});

test('factor gate: exit 3 when a check fails, 0 when thresholds allow it', async () => {
  const io = capture();
  assert.equal(await main(['factor', 'gate', panel, '--formula', String(exp.formula), '--horizon', '5', '--json'], io), 3);
  const g = JSON.parse(io.stdout);
  assert.equal(g.pass, false);
  assert.ok(g.checks.some((c: { name: string; status: string }) => c.name === 't_stat' && c.status === 'fail'));
  const io2 = capture();
  const code = await main(
    ['factor', 'gate', panel, '--formula', String(exp.formula), '--horizon', '5', '--min-t', '1', '--max-cost-share', '100', '--min-liquidity', '0', '--json'],
    io2,
  );
  assert.equal(code, 0, io2.stdout);
});

test('factor combine prints mega-alpha vs baseline', async () => {
  const io = capture();
  const code = await main(
    ['factor', 'combine', panel, '--formula', String(exp.formula), '--formula', 'ts_mean(returns, 5)', '--method', 'ic-weighted', '--horizon', '5', '--json'],
    io,
  );
  assert.equal(code, 0, io.stderr);
  const out = JSON.parse(io.stdout);
  assert.equal(out.method, 'ic-weighted');
  assert.deepEqual(Object.keys(out.contribution), [String(exp.formula), 'ts_mean(returns, 5)']);
});

test('factor mine reports progress on stderr and saves the zoo', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mine-'));
  try {
    const io = capture();
    const code = await main(['factor', 'mine', panel, '--seed', '2', '--population', '8', '--generations', '2', '--horizon', '5', '--zoo-out', dir, '--json'], io);
    assert.equal(code, 0, io.stderr);
    assert.match(io.stderr, /generation 1\/2: \d+ evaluated, zoo \d+/);
    assert.ok(Array.isArray(JSON.parse(io.stdout)));
    assert.ok(fs.existsSync(path.join(dir, 'zoo.json')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('factor gate and combine read the active members of a saved zoo', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { FactorZoo, saveZoo } = await import('../../src/alpha/zoo');
  const { canonicalFormula } = await import('../../src/alpha/dsl');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoo-cli-'));
  try {
    const zoo = new FactorZoo([], (f) => canonicalFormula(f));
    const m = { ic: 0.05, icir: 0.5, rankIC: 0.05, rankICIR: 0.5, tStat: 3, turnover: 0.2 };
    zoo.add({ formula: '-(close / delay(close, 10) - 1)', name: 'rev10', metrics: m, status: 'active' });
    zoo.add({ formula: 'ts_mean(returns, 5)', name: 'mom5', metrics: m, status: 'active' });
    zoo.add({ formula: 'volume', name: 'vol', metrics: m, status: 'retired' });
    saveZoo(zoo, dir);
    // the candidate IS a member in another spelling: correlation 1 fails the zoo check
    const io = capture();
    assert.equal(await main(['factor', 'gate', panel, '--formula', '-($close / Ref($close, 10) - 1)', '--horizon', '5', '--zoo', dir, '--json'], io), 3);
    const zc = JSON.parse(io.stdout).checks.find((c: { name: string }) => c.name === 'zoo_correlation');
    assert.ok(Math.abs(zc.value - 1) < 1e-12);
    assert.equal(zc.status, 'fail');
    const io2 = capture();
    assert.equal(await main(['factor', 'combine', panel, '--zoo', dir, '--method', 'equal', '--horizon', '5', '--json'], io2), 0, io2.stderr);
    assert.deepEqual(JSON.parse(io2.stdout).factors, ['rev10', 'mom5']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('user errors: one line naming the formula position, exit 1', async () => {
  const io = capture();
  assert.equal(await main(['factor', 'eval', panel, '--formula', 'close / delya(close, 1)'], io), 1);
  assert.equal(io.stderr.trim().split('\n').length, 1);
  assert.match(io.stderr, /^alpha-factory factor: .*position \d+/);
  const io2 = capture();
  assert.equal(await main(['factor', 'eval', 'nope.csv', '--formula', 'close'], io2), 1);
  assert.match(io2.stderr, /nope\.csv: no such file or dataset/);
  const io3 = capture();
  assert.equal(await main(['factor', 'eval', panel, '--formula', 'close', '--horizon', 'x'], io3), 1);
  assert.match(io3.stderr, /--horizon expects an integer/);
});

test('factor mine --metric names the fitness in progress lines; an unknown metric is a usage error', async () => {
  const io = capture();
  assert.equal(await main(['factor', 'mine', panel, '--seed', '2', '--population', '8', '--generations', '1', '--metric', 'rankicir'], io), 0, io.stderr);
  assert.match(io.stderr, /generation 1\/1: \d+ evaluated, zoo \d+, best \|RankICIR\| \d\.\d{4} /);
  assert.match(io.stdout, /best fitness \|RankICIR\|/);
  const bad = capture();
  assert.equal(await main(['factor', 'mine', panel, '--metric', 'Sharpe'], bad), 1);
  assert.match(bad.stderr, /--metric must be one of IC, RankIC, ICIR, RankICIR, got "Sharpe"/);
});
