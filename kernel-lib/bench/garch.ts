/**
 * bench:garch — single-thread median fit time on the S&P 500 returns (5,030 obs) for
 * GARCH(1,1)-normal, GJR(1,1,1)-t and EGARCH(1,1)-skewt, and GARCH(1,1)-normal fits per second
 * on seeded simulated series of T = 1,000; arch 8.0 is timed in the same run by spawning
 * .venv-ref/bin/python scripts/bench/arch_timing.py (skipped with a message when absent).
 *
 *   npm run bench:garch [-- --repeat 30 --batch 200]
 *
 * Single fits report the median wall time, the mean CPU time (process.cpuUsage, includes V8's
 * background GC threads) and the median per-fit CPU time (the figure the targets refer to: the
 * machine is shared, so CPU time is steadier than wall time).
 *
 * Not a test: it prints numbers, asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../src/math/rng';
import { fitGarch } from '../src/vol/fit';
import type { GarchSpec } from '../src/vol/spec';
import { fitMany } from '../src/vol/batch/fitMany';

const ROOT = resolve(__dirname, '..', '..', '..');

function sp500(): Float64Array {
  const lines = readFileSync(join(ROOT, 'kernel-lib', 'data', 'sp500_index_daily.csv'), 'utf8').trim().split('\n');
  const col = lines[0].split(',').indexOf('adj_close');
  const px = lines.slice(1).map((l) => Number(l.split(',')[col]));
  const y = new Float64Array(px.length - 1);
  for (let i = 1; i < px.length; i++) y[i - 1] = 100 * (px[i] / px[i - 1] - 1);
  return y;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** GARCH(1,1) with omega .05, alpha .08, beta .90 and normal shocks, 500 burn-in. */
export function simulateGarch(rng: Rng, T: number): Float64Array {
  const burn = 500;
  const y = new Float64Array(T);
  let s2 = 1;
  let prev = 0;
  for (let t = 0; t < T + burn; t++) {
    if (t > 0) s2 = 0.05 + 0.08 * prev * prev + 0.9 * s2;
    prev = Math.sqrt(s2) * rng.normal();
    if (t >= burn) y[t - burn] = prev;
  }
  return y;
}

const MODELS: Array<{ key: string; label: string; spec: GarchSpec; targetMs: number }> = [
  { key: 'garch_normal', label: 'GARCH(1,1)-normal', spec: { vol: 'garch', dist: 'normal' }, targetMs: 3 },
  { key: 'gjr_t', label: 'GJR(1,1,1)-t', spec: { vol: 'gjr', dist: 't' }, targetMs: 6 },
  { key: 'egarch_skewt', label: 'EGARCH(1,1)-skewt', spec: { vol: 'egarch', dist: 'skewt' }, targetMs: 8 },
];

/** Median wall time, mean and median CPU time of `repeat` fits after 3 warm-up fits. */
function timeFits(y: Float64Array, spec: GarchSpec, repeat: number): { ms: number; cpuMs: number; cpuMedMs: number; loglik: number } {
  for (let i = 0; i < 3; i++) fitGarch(y, spec); // warm-up (JIT)
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let ll = NaN;
  const c0 = process.cpuUsage();
  for (let i = 0; i < repeat; i++) {
    const c1 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const r = fitGarch(y, spec);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c1);
    cpuTimes.push((c.user + c.system) / 1000);
    ll = r.loglik;
  }
  const cpu = process.cpuUsage(c0);
  return { ms: median(times), cpuMs: (cpu.user + cpu.system) / 1000 / repeat, cpuMedMs: median(cpuTimes), loglik: ll };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '30' }, batch: { type: 'string', default: '200' }, workers: { type: 'string', default: String(Math.max(1, cpus().length)) } } });
  const repeat = Number(values.repeat);
  const batch = Number(values.batch);
  const y = sp500();
  const ours: Record<string, { ms: number; cpuMs: number; cpuMedMs: number; loglik: number }> = {};
  for (const m of MODELS) ours[m.key] = timeFits(y, m.spec, repeat);
  const rng = new Rng(7);
  const series = Array.from({ length: batch }, () => simulateGarch(rng, 1000));
  for (let i = 0; i < 5; i++) fitGarch(series[i], { vol: 'garch' });
  const t0 = process.hrtime.bigint();
  const cb = process.cpuUsage();
  for (const s of series) fitGarch(s, { vol: 'garch' });
  const oursBatch = batch / (Number(process.hrtime.bigint() - t0) / 1e9);
  const cbd = process.cpuUsage(cb);
  const oursBatchCpu = batch / ((cbd.user + cbd.system) / 1e6);
  const workers = Number(values.workers);
  // threads pay off on large batches only (each loads the engine and warms its JIT first): 10x the batch
  const manySeries = Array.from({ length: 10 }, () => series).flat();
  const t1 = process.hrtime.bigint();
  const many = await fitMany(manySeries, { vol: 'garch' }, { workers });
  const oursParallel = manySeries.length / (Number(process.hrtime.bigint() - t1) / 1e9);
  const failed = many.filter((r) => !r.ok).length;

  let arch: {
    single_ms: Record<string, number>;
    single_cpu_ms: Record<string, number>;
    loglik: Record<string, number>;
    batch_fits_per_s: number;
    batch_fits_per_cpu_s: number;
    batch_n: number;
  } | null = null;
  const py = join(ROOT, '.venv-ref', 'bin', 'python');
  if (existsSync(py)) {
    const res = spawnSync(py, [join(ROOT, 'scripts', 'bench', 'arch_timing.py'), '--repeat', String(Math.min(repeat, 15)), '--batch', String(Math.min(batch, 40))], { encoding: 'utf8' });
    if (res.status === 0) arch = JSON.parse(res.stdout.trim().split('\n').pop() as string);
    else console.log(`arch timing failed: ${res.stderr.trim().split('\n').pop()}`);
  } else {
    console.log(`reference venv not found at ${py}: arch timings skipped (make ref-venv)`);
  }

  console.log(`bench:garch  S&P 500 returns, n = ${y.length}; single thread; median wall time of ${repeat} fits (arch: ${Math.min(repeat, 15)}), mean CPU time per fit, and (ours) median CPU time per fit`);
  console.log(
    `${'model'.padEnd(20)} ${'ours ms'.padStart(9)} ${'arch ms'.padStart(9)} ${'ratio'.padStart(7)} | ${'ours cpu'.padStart(9)} ${'arch cpu'.padStart(9)} ${'ratio'.padStart(7)} | ${'cpu med'.padStart(8)} ${'target'.padStart(7)}  loglik ours / arch`,
  );
  for (const m of MODELS) {
    const o = ours[m.key];
    const a = arch ? arch.single_ms[m.key] : NaN;
    const ac = arch ? arch.single_cpu_ms[m.key] : NaN;
    const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
    const rat = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) + 'x' : 'n/a');
    console.log(
      `${m.label.padEnd(20)} ${fmt(o.ms).padStart(9)} ${fmt(a).padStart(9)} ${rat(a / o.ms).padStart(7)} | ${fmt(o.cpuMs).padStart(9)} ${fmt(ac).padStart(9)} ${rat(ac / o.cpuMs).padStart(7)} | ${fmt(o.cpuMedMs).padStart(8)} ${('<=' + m.targetMs).padStart(7)}  ${o.loglik.toFixed(4)} / ${arch ? arch.loglik[m.key].toFixed(4) : 'n/a'}`,
    );
  }
  console.log(
    `batch GARCH(1,1)-normal, T = 1000, single thread: ours ${oursBatch.toFixed(0)} fits/s wall, ${oursBatchCpu.toFixed(0)} fits/CPU-s (${batch} series); ` +
      (arch ? `arch ${arch.batch_fits_per_s.toFixed(1)} fits/s wall, ${arch.batch_fits_per_cpu_s.toFixed(1)} fits/CPU-s (${arch.batch_n} series); ratio ${(oursBatch / arch.batch_fits_per_s).toFixed(1)}x wall, ${(oursBatchCpu / arch.batch_fits_per_cpu_s).toFixed(1)}x CPU` : 'arch n/a') +
      '; target >= 500 fits/s per core',
  );
  console.log(`batch with fitMany on ${workers} worker threads, ${manySeries.length} series: ${oursParallel.toFixed(0)} fits/s wall, ${(oursParallel / oursBatch).toFixed(2)}x one thread (${failed} failed)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
