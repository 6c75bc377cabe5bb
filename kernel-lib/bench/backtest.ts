/**
 * bench:backtest — a daily-rebalanced backtest of the 500 S&P 500 constituents with the most
 * history in data/sp500_stocks_5yr_ohlcv.csv.gz (1,259 dates, 2013-02-08 .. 2018-02-07): equal
 * weight over the assets priced each day, commission 5 bp, slippage 10 bp, trade log kept.
 * Target: <= 100 ms. The peer is the same bookkeeping in numpy (scripts/bench/backtest_numpy.py),
 * timed in the same run with .venv-ref/bin/python (skipped with a message when absent); the final
 * equities of both are printed as a cross-check.
 *
 *   node kernel-lib/build/bench/backtest.js [--repeat 20]   (also the last section of npm run bench:portfolio)
 *
 * Not a test: it prints numbers, asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv } from '../src/data/load';
import { runBacktest } from '../src/backtest';

const ROOT = resolve(__dirname, '..', '..', '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Runs the backtest benchmark and prints ours, the peer's and the ratio (also called by bench/portfolio.ts). */
export function benchBacktest(repeat = 20, nWant = 500): void {
  const panel = readCsv(join(ROOT, 'kernel-lib', 'data', 'sp500_stocks_5yr_ohlcv.csv.gz'), { fields: ['close'] });
  const all = panel.field('close');
  const T = panel.nDates;
  const n0 = panel.nAssets;
  const counts = panel.assets.map((a, i) => {
    let c = 0;
    for (let t = 0; t < T; t++) if (all[t * n0 + i] > 0) c++;
    return { i, c, a };
  });
  counts.sort((x, y) => y.c - x.c || (x.a < y.a ? -1 : 1));
  const pick = counts.slice(0, nWant).map((x) => x.i).sort((a, b) => a - b);
  const N = pick.length;
  const prices = new Float64Array(T * N);
  const weights = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    let k = 0;
    for (let j = 0; j < N; j++) {
      const p = all[t * n0 + pick[j]];
      prices[t * N + j] = p > 0 ? p : NaN;
      if (p > 0) k++;
    }
    for (let j = 0; j < N; j++) weights[t * N + j] = prices[t * N + j] > 0 ? 1 / k : 0;
  }
  const assets = pick.map((i) => panel.assets[i]);
  const input = { assets, dates: panel.dates, prices, weights };
  const opts = { costs: { commissionBps: 5, slippageBps: 10 } };
  runBacktest(input, opts); // warm-up
  runBacktest(input, opts);
  const times: number[] = [];
  const cpu: number[] = [];
  let final = 0;
  let trades = 0;
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const res = runBacktest(input, opts);
    const n = res.trades.count; // the trade log is part of the timed work
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
    final = res.equity[T - 1];
    trades = n;
  }
  const ours = median(times);
  console.log(`backtest: ${N} assets x ${T} dates, daily rebalance, ${trades} trades (machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
  console.log(`  ours (TypeScript):   median ${ours.toFixed(2)} ms wall, min ${Math.min(...times).toFixed(2)} ms, median CPU ${median(cpu).toFixed(2)} ms over ${repeat} runs (target <= 100 ms)  final equity ${final.toFixed(4)}`);
  const py = join(ROOT, '.venv-ref', 'bin', 'python');
  if (!existsSync(py)) {
    console.log('  peer (numpy):        skipped (.venv-ref not found; run `make ref-venv` to compare)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'af-bench-'));
  try {
    const pf = join(dir, 'prices.f64');
    const wf = join(dir, 'weights.f64');
    writeFileSync(pf, Buffer.from(prices.buffer));
    writeFileSync(wf, Buffer.from(weights.buffer));
    const out = spawnSync(py, [join(ROOT, 'scripts', 'bench', 'backtest_numpy.py'), pf, wf, String(T), String(N), String(Math.max(3, Math.min(repeat, 7)))], { encoding: 'utf8' });
    if (out.status !== 0) {
      console.log(`  peer (numpy):        failed: ${out.stderr.trim().split('\n').pop()}`);
      return;
    }
    const peer = JSON.parse(out.stdout) as { median_ms: number; min_ms: number; cpu_ms: number; final_equity: number };
    console.log(`  peer (numpy loop):   median ${peer.median_ms.toFixed(2)} ms wall, min ${peer.min_ms.toFixed(2)} ms, median CPU ${peer.cpu_ms.toFixed(2)} ms  final equity ${peer.final_equity.toFixed(4)}`);
    console.log(`  ratio peer / ours:   ${(peer.median_ms / ours).toFixed(1)}x (medians), ${(peer.min_ms / Math.min(...times)).toFixed(1)}x (minima); medians are noisy on a loaded machine`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '20' }, assets: { type: 'string', default: '500' } } });
  benchBacktest(Number(values.repeat), Number(values.assets));
}
