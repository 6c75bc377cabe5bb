import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cli/run';
import { close, fixture } from './helpers';

const DATA = path.resolve(__dirname, '../../../data');

function cli(args: string[], cwd = DATA): Promise<{ code: number; out: string; err: string }> {
  return runCli(args, cwd);
}

describe('alpha-factory metrics / regime', () => {
  it('metrics --prices on the S&P 500 equals empyrical on pct_change() (1e-9)', async () => {
    const r = await cli(['metrics', '--prices', 'sp500_index_daily.csv', '--column', 'adj_close', '--json']);
    assert.equal(r.code, 0, r.err);
    const got = JSON.parse(r.out);
    const e = fixture('metrics.json').sp500_full.expected;
    assert.equal(got.n_obs, 5030);
    for (const k of ['sharpe', 'sortino', 'calmar', 'max_drawdown', 'cagr', 'annual_volatility', 'var_95', 'cvar_95', 'win_rate', 'profit_factor', 'total_return', 'downside_risk', 'omega', 'tail_ratio']) {
      close(got[k], e[k], 1e-9, k);
    }
    assert.ok(got.max_drawdown < 0);
    const text = await cli(['metrics', '--prices', 'sp500_index_daily.csv', '--column', 'adj_close']);
    assert.match(text.out, /Sharpe\s+0\.2827/);
  });

  it('regime hmm --json: 2 states sorted by variance, log-likelihood >= hmmlearn fitted - 1e-6', async () => {
    const r = await cli(['regime', 'hmm', 'sp500_index_daily.csv', '--column', 'adj_close', '--returns', 'pct', '--scale', '100', '--states', '2', '--json']);
    assert.equal(r.code, 0, r.err);
    const got = JSON.parse(r.out);
    const peer = fixture('hmm.json').models[0].fitted;
    assert.ok(got.log_likelihood >= peer.log_likelihood - 1e-6, `${got.log_likelihood} vs ${peer.log_likelihood}`);
    assert.equal(got.n_obs, 5030);
    assert.ok(got.variances[0] < got.variances[1]);
    assert.equal(got.transition_matrix.length, 2);
    assert.equal(got.state_counts[0] + got.state_counts[1], 5030);
    const log = await cli(['regime', 'hmm', 'sp500_index_daily.csv', '--column', 'adj_close', '--returns', 'log', '--states', '1', '--json']);
    const l = JSON.parse(log.out);
    // one state: the MLE is the sample mean and the population variance of 100 x log returns
    const px = fs.readFileSync(path.join(DATA, 'sp500_index_daily.csv'), 'utf8').trim().split('\n').slice(1).map((x) => Number(x.split(',')[5]));
    const lr = px.slice(1).map((p, i) => 100 * Math.log(p / px[i]));
    const m = lr.reduce((a, b) => a + b, 0) / lr.length;
    close(l.means[0], m, 1e-9, 'mean');
    close(l.variances[0], lr.reduce((a, b) => a + (b - m) ** 2, 0) / lr.length, 1e-9, 'variance');
  });

  it('bad input: one line, exit 1, naming the file, row and column', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'af-risk-'));
    fs.writeFileSync(path.join(dir, 'gap.csv'), 'date,x\n2024-01-01,100\n2024-01-02,101\n2024-01-03,\n2024-01-04,103\n2024-01-05,104\n');
    const bad = await cli(['metrics', '--prices', 'gap.csv', '--column', 'x'], dir);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /gap\.csv: row 4, column "x": missing value inside the series/);
    assert.equal(bad.err.trim().split('\n').length, 1);
    const ok = await cli(['metrics', '--prices', 'gap.csv', '--column', 'x', '--dropna', '--json'], dir);
    assert.equal(JSON.parse(ok.out).n_obs, 3);
    assert.equal((await cli(['metrics', '--prices', 'gap.csv', '--column', 'nope'], dir)).code, 1);
    assert.equal((await cli(['metrics', '--prices', 'gap.csv'], dir)).code, 1);
    assert.equal((await cli(['regime', 'hmm', 'gap.csv', '--column', 'x', '--states', '9'], dir)).code, 1);
    assert.equal((await cli(['regime', 'hmm', 'gap.csv', '--column', 'x', '--states', '2', '--returns', 'abs'], dir)).code, 1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
