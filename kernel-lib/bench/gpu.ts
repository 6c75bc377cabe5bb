/**
 * bench:gpu: GARCH(1,1)-normal fits per second at T = 2,000, float64:
 *   - the batched PyTorch worker (gpu/alpha_factory_gpu/bench.py) for B = 10^4, 10^5, 10^6 on a GPU
 *     (B = 64, 256 on a CPU-only machine, one thread; override with --sizes),
 *   - our TypeScript engine (fitGarch) on one core, in this process,
 *   - arch 8 on one core (.venv-ref/bin/python scripts/bench/gpu_arch.py; skipped when absent),
 * and the ratios. Target from issue 7: >= 10^5 fits/s on one H100.
 *
 *   npm run bench:gpu [-- --sizes 10000,100000 --ts 10 --arch 20]
 *
 * Not a test: prints numbers, asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../src/math/rng';
import { fitGarch } from '../src/vol/fit';
import { workerPython, workerPythonPath } from '../src/jobs/python';

const ROOT = resolve(__dirname, '..', '..', '..');
const T = 2000;

function simulate(rng: Rng): Float64Array {
  const y = new Float64Array(T);
  let s2 = 1;
  let prev = 0;
  for (let t = 0; t < T + 500; t++) {
    if (t > 0) s2 = 0.05 + 0.08 * prev * prev + 0.9 * s2;
    prev = Math.sqrt(s2) * rng.normal();
    if (t >= 500) y[t - 500] = prev;
  }
  return y;
}

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function main(): void {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '' }, ts: { type: 'string', default: '10' }, arch: { type: 'string', default: '20' } } });
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', PYTHONPATH: workerPythonPath() ?? '' };

  // TypeScript engine, one core
  const rng = new Rng(7);
  const n = Number(values.ts);
  const series = Array.from({ length: n }, () => simulate(rng));
  fitGarch(series[0], { vol: 'garch', dist: 'normal' }, { rescale: false });
  const t0 = process.hrtime.bigint();
  for (const y of series) fitGarch(y, { vol: 'garch', dist: 'normal' }, { rescale: false });
  const tsRate = n / (Number(process.hrtime.bigint() - t0) / 1e9);
  console.log(`TypeScript engine (1 core): ${fmt(tsRate)} fits/s (${n} fits, T = ${T})`);

  // arch, one core
  let archRate = NaN;
  const refPy = join(ROOT, '.venv-ref', 'bin', 'python');
  if (existsSync(refPy)) {
    const r = spawnSync(refPy, [join(ROOT, 'scripts', 'bench', 'gpu_arch.py'), '--n', String(values.arch), '--T', String(T)], { env, encoding: 'utf8', timeout: 600000 });
    if (r.status === 0) {
      archRate = JSON.parse(r.stdout.trim().split('\n').pop()!).fits_per_s;
      console.log(`arch 8 (1 core):            ${fmt(archRate)} fits/s (${values.arch} fits)`);
    } else console.log(`arch timing failed: ${r.stderr.trim().split('\n').pop()}`);
  } else console.log('arch timing skipped: .venv-ref is absent (pip install -r scripts/requirements-ref.txt into .venv-ref)');

  // batched worker
  const py = workerPython();
  const args = ['-m', 'alpha_factory_gpu.bench', '--T', String(T), ...(values.sizes ? ['--sizes', values.sizes] : [])];
  const r = spawnSync(py, args, { env, encoding: 'utf8', timeout: 3600000, maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.log(`batched worker skipped/failed with ${py}: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
    return;
  }
  for (const line of r.stdout.trim().split('\n')) {
    const b = JSON.parse(line) as { B: number; device: string; seconds: number; fits_per_s: number; converged: number; threads: number };
    const vsArch = Number.isFinite(archRate) ? `, ${fmt(b.fits_per_s / archRate)}x arch` : '';
    console.log(
      `batched PyTorch ${b.device}${b.device === 'cpu' ? ` (${b.threads} thread)` : ''}, B = ${b.B}: ${fmt(b.fits_per_s)} fits/s ` +
        `(${b.seconds.toFixed(2)} s, ${(100 * b.converged).toFixed(1)}% converged), ${fmt(b.fits_per_s / tsRate)}x TS engine${vsArch}`,
    );
  }
}

main();
