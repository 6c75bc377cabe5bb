/**
 * bench:portfolio — allocator speed on 500 S&P 500 stocks (Ledoit-Wolf covariance of 5 years of
 * daily returns, see portfolio_data.ts):
 *   - ERC (equal risk contribution to 1e-12 relative)                     target <= 20 ms
 *   - minimum variance, long-only, weight bounds [0, 0.05], fully invested  target <= 50 ms
 * PyPortfolioOpt 1.5.6 with its default cvxpy solver is timed in the same run by spawning
 * .venv-ref/bin/python scripts/bench/portfolio_pypfopt.py (skipped with a message when the venv
 * is absent); the weights of both are compared. Medians over --repeat runs after one warm-up.
 *
 *   npm run bench:portfolio [-- --repeat 15]
 *
 * Not a test: it prints numbers, asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { equalRiskContribution, minVariance } from '../src/portfolio/allocators';
import { sp500Covariance } from './portfolio_data';
import { benchBacktest } from './backtest';

const ROOT = resolve(__dirname, '..', '..', '..');
const UPPER = 0.05;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Median wall-clock and CPU (user + system of this process) milliseconds. */
function time<T>(repeat: number, f: () => T): { ms: number; cpuMs: number; result: T } {
  let result = f(); // warm-up
  const ts: number[] = [];
  const cs: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    result = f();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cs.push((c.user + c.system) / 1000);
  }
  return { ms: median(ts), cpuMs: median(cs), result };
}

interface PeerResult {
  pypfopt: string;
  cvxpy: string;
  min_volatility: { median_ms: number; median_cpu_ms: number; weights: number[] };
  erc: { median_ms: number; median_cpu_ms: number; weights: number[] };
}

function runPeer(cov: Float64Array, n: number, repeat: number): PeerResult | string {
  const python = join(ROOT, '.venv-ref', 'bin', 'python');
  if (!existsSync(python)) return 'skipped: .venv-ref is absent (see scripts/requirements-ref.txt)';
  const dir = mkdtempSync(join(tmpdir(), 'af-bench-'));
  try {
    const file = join(dir, 'cov.f64');
    writeFileSync(file, Buffer.from(cov.buffer, cov.byteOffset, cov.byteLength));
    const r = spawnSync(python, [join(ROOT, 'scripts', 'bench', 'portfolio_pypfopt.py'), file, String(n), String(repeat), String(UPPER)], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) return `failed: ${(r.stderr || '').trim().split('\n').pop()}`;
    return JSON.parse(r.stdout.trim().split('\n').pop() as string) as PeerResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function main(): void {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '15' }, assets: { type: 'string', default: '500' } } });
  const repeat = Number(values.repeat);
  const nAssets = Number(values.assets);
  const t0 = Date.now();
  const cov = sp500Covariance(nAssets);
  const n = cov.assets.length;
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')} on ${cpus().length} cores (wall times inflate on a busy machine; cpu = this process's CPU time)`);
  console.log(`bench:portfolio  ${n} S&P 500 stocks, Ledoit-Wolf covariance (shrinkage ${cov.shrinkage?.toFixed(4)}), loaded in ${Date.now() - t0} ms; median of ${repeat} runs`);
  const input = { assets: cov.assets, cov };
  const erc = time(repeat, () => equalRiskContribution(input));
  const mv = time(repeat, () => minVariance({ ...input, constraints: { upper: UPPER } }));
  const rc = erc.result.riskContributions as Float64Array;
  let spread = 0;
  const mean = rc.reduce((a, b) => a + b, 0) / n;
  for (const v of rc) spread = Math.max(spread, Math.abs(v - mean) / mean);
  const peer = runPeer(cov.matrix.data, n, Math.max(3, Math.min(repeat, 7)));
  const rows: string[][] = [['task', 'ours ms', '(cpu)', 'target', 'PyPortfolioOpt ms', '(cpu)', 'peer/ours', 'max |w - w_peer|']];
  const fmt = (v: number): string => v.toFixed(2);
  const peerCols = (key: 'erc' | 'min_volatility', ours: number, w: Float64Array): string[] =>
    typeof peer === 'string'
      ? ['-', '-', '-', '-']
      : [fmt(peer[key].median_ms), fmt(peer[key].median_cpu_ms), `${(peer[key].median_ms / ours).toFixed(1)}x`, maxDiff(w, peer[key].weights).toExponential(2)];
  rows.push([`ERC (${n})`, fmt(erc.ms), fmt(erc.cpuMs), '<= 20', ...peerCols('erc', erc.ms, erc.result.weights)]);
  rows.push([`min variance [0, ${UPPER}] (${n})`, fmt(mv.ms), fmt(mv.cpuMs), '<= 50', ...peerCols('min_volatility', mv.ms, mv.result.weights)]);
  const widths = rows[0].map((_c, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const r of rows) console.log(r.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  '));
  console.log(`ERC: max relative deviation of risk contributions ${spread.toExponential(2)}, ${erc.result.info.sweeps} coordinate sweeps`);
  console.log(`min variance: ${mv.result.weights.filter((w) => w > 1e-10).length} assets held, volatility ${(mv.result.volatility as number).toFixed(5)}`);
  if (typeof peer === 'string') console.log(`PyPortfolioOpt: ${peer}`);
  else console.log(`peer: PyPortfolioOpt ${peer.pypfopt}, cvxpy ${peer.cvxpy} default solver; ERC peer = convex_objective on Spinu's log-barrier form (PyPortfolioOpt has no risk parity)`);
  benchBacktest(repeat, nAssets); // the daily-rebalanced backtest section (bench/backtest.ts)
}

main();
