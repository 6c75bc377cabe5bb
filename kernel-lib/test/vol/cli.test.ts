/**
 * `alpha-factory garch ...`: JSON keys of issue 3 item 8, arch's numbers through the CLI, and the
 * bad-input rules of item 9 (row-naming errors, --dropna, zero variance, too few observations).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run';
import { DATA, loadFixture, relErr } from './helpers';

const fx = loadFixture('arch.json');

function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCli(args, DATA);
}

const dir = mkdtempSync(join(tmpdir(), 'garch-cli-'));
function csv(name: string, rows: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, ['date,px', ...rows].join('\n') + '\n');
  return p;
}
const prices = (n: number, bad?: { at: number; text: string }): string[] => {
  const rows: string[] = [];
  let p = 100;
  for (let i = 0; i < n; i++) {
    p *= 1 + 0.01 * Math.sin(i * 1.7) + 0.004 * Math.cos(i * 0.3);
    rows.push(`2020-01-${i},${bad && bad.at === i ? bad.text : p}`);
  }
  return rows;
};

test('garch fit --json has the keys of the issue and arch\'s GJR-t numbers', async () => {
  const r = await run(['garch', 'fit', 'sp500_index_daily.csv', '--column', 'adj_close', '--vol', 'gjr', '--dist', 't', '--horizon', '4', '--repeat', '2', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  for (const k of ['nobs', 'loglik', 'aic', 'bic', 'converged', 'params', 'std_err', 'forecast', 'timing']) assert.ok(k in j, k);
  assert.deepEqual(Object.keys(j.params), ['mu', 'omega', 'alpha[1]', 'gamma[1]', 'beta[1]', 'nu']);
  assert.equal(j.forecast.variance.length, 4);
  assert.equal(typeof j.timing.fit_ms_median, 'number');
  const c = fx.cases.find((x: { name: string }) => x.name === 'gjr_t');
  assert.equal(j.nobs, c.nobs);
  assert.ok(Math.abs(j.loglik - c.loglik) < 1e-4);
  assert.ok(relErr(j.forecast.variance[0], c.forecast_variance[0]) < 2e-3);
});

test('garch fit: "." marker, NaN and inf name their row; --dropna drops them', async () => {
  for (const text of ['.', 'NaN', 'inf', '']) {
    const f = csv(`bad${text}.csv`, prices(300, { at: 120, text }));
    const r = await run(['garch', 'fit', f, '--column', 'px']);
    assert.equal(r.code, 1);
    assert.match(r.err, /row 122, column "px"/);
    assert.ok(!/\n.+\n/.test(r.err.trim()), 'one line');
    const ok = await run(['garch', 'fit', f, '--column', 'px', '--dropna', '--json']);
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(ok.out).nobs, 298);
  }
});

test('garch fit: zero variance, fewer than 100 observations, unknown options are one-line errors', async () => {
  const flat = csv('flat.csv', Array.from({ length: 200 }, (_, i) => `d${i},5`));
  let r = await run(['garch', 'fit', flat, '--column', 'px']);
  assert.equal(r.code, 1);
  assert.match(r.err, /zero variance/);
  r = await run(['garch', 'fit', csv('short.csv', prices(60)), '--column', 'px']);
  assert.match(r.err, /at least 100 observations/);
  r = await run(['garch', 'fit', flat, '--column', 'px', '--vol', 'figarch']);
  assert.match(r.err, /--vol must be one of/);
  r = await run(['garch', 'fit', flat, '--column', 'nope']);
  assert.match(r.err, /no column "nope"/);
});

test('garch fit warns about poorly scaled data and --rescale fixes it', async () => {
  const f = csv('scaled.csv', prices(400));
  const warned = await run(['garch', 'fit', f, '--column', 'px', '--scale', '1', '--json']);
  assert.equal(warned.code, 0, warned.err);
  assert.match(JSON.parse(warned.out).warnings.join(' '), /poorly scaled/);
  const fixed = await run(['garch', 'fit', f, '--column', 'px', '--scale', '1', '--rescale', '--json']);
  assert.equal(JSON.parse(fixed.out).scale, 100);
});

test('garch var-backtest and dcc run end to end', async () => {
  const bt = await run(['garch', 'var-backtest', 'sp500_index_daily.csv', '--column', 'adj_close', '--window', '1000', '--refit-every', '1000', '--json']);
  assert.equal(bt.code, 0, bt.err);
  const j = JSON.parse(bt.out);
  assert.equal(j.n_forecasts, 4030);
  assert.equal(j.tests.length, 2);
  assert.ok(j.tests[0].kupiec.p_value >= 0 && j.tests[0].kupiec.p_value <= 1);
  const rows = fx.simulated.sim_garch_normal.map((v: number, i: number) => `d${i},${v},${fx.simulated.sim_gjr_t[i]}`);
  const f = join(dir, 'two.csv');
  writeFileSync(f, ['date,a,b', ...rows].join('\n') + '\n');
  const d = await run(['garch', 'dcc', f, '--columns', 'a,b', '--returns', 'none', '--scale', '1', '--json']);
  assert.equal(d.code, 0, d.err);
  const dj = JSON.parse(d.out);
  assert.ok(dj.a >= 0 && dj.b >= 0 && dj.a + dj.b < 1);
  assert.equal(dj.forecast.covariance.length, 2);
});
