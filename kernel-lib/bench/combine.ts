/**
 * bench:combine — Kakushadze-Yu "How to Combine a Billion Alphas" weights for N alphas x 250
 * periods (M + 1 = 250, the paper's M - 1 = 248 risk-factor columns), N = 1e3, 1e4, 1e5, to show
 * the cost grows linearly in N (no N x N matrix). The peer is the same 11 steps in numpy
 * (scripts/bench/combine_ky.py, numpy.linalg.lstsq for the regression), timed in the same run
 * with .venv-ref/bin/python (skipped with a message when absent); the largest weight difference
 * is printed as a cross-check.
 *
 *   node kernel-lib/build/bench/combine.js [--repeat 3] [--max 100000]
 *
 * Not a test: it prints numbers, asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../src/math/rng';
import { kakushadzeYuWeights } from '../src/alpha/combine';

const ROOT = resolve(__dirname, '..', '..', '..');
const P = 250;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

function returns(N: number, rng: Rng): Float64Array {
  const common = Float64Array.from({ length: P }, () => 0.01 * rng.normal());
  const R = new Float64Array(N * P);
  for (let i = 0; i < N; i++) {
    const scale = 0.5 + 1.5 * rng.uniform();
    for (let s = 0; s < P; s++) R[i * P + s] = 0.0005 + 0.5 * common[s] + 0.01 * scale * rng.normal();
  }
  return R;
}

function main(): void {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' }, max: { type: 'string', default: '100000' } } });
  const repeat = Number(values.repeat);
  const sizes = [1000, 10000, 100000].filter((n) => n <= Number(values.max));
  const py = join(ROOT, '.venv-ref', 'bin', 'python');
  const havePy = existsSync(py);
  console.log(`combine (Kakushadze-Yu): N alphas x ${P} periods, ${P - 2} columns (machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
  if (!havePy) console.log('  peer (numpy): skipped (.venv-ref not found; run `make ref-venv` to compare)');
  const rng = new Rng(42);
  for (const N of sizes) {
    const R = returns(N, rng);
    kakushadzeYuWeights(R, N, P); // warm-up
    const times: number[] = [];
    const cpu: number[] = [];
    let w = new Float64Array(0);
    for (let r = 0; r < repeat; r++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      w = kakushadzeYuWeights(R, N, P);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e3);
    }
    const ours = median(times);
    let line = `  N = ${String(N).padStart(6)}: ours ${ours.toFixed(1)} ms wall (CPU ${median(cpu).toFixed(1)} ms, median of ${repeat}, ${((ours / N) * 1e3).toFixed(2)} us per alpha)`;
    if (havePy) {
      const dir = mkdtempSync(join(tmpdir(), 'af-bench-ky-'));
      try {
        const rf = join(dir, 'R.f64');
        const wf = join(dir, 'w.f64');
        writeFileSync(rf, Buffer.from(R.buffer));
        const out = spawnSync(py, [join(ROOT, 'scripts', 'bench', 'combine_ky.py'), rf, String(N), String(P), String(repeat), wf], { encoding: 'utf8' });
        if (out.status !== 0) {
          line += `; peer failed: ${out.stderr.trim().split('\n').pop()}`;
        } else {
          const peer = JSON.parse(out.stdout) as { median_ms: number };
          const pw = new Float64Array(readFileSync(wf).buffer.slice(0));
          let diff = 0;
          for (let i = 0; i < N; i++) diff = Math.max(diff, Math.abs(pw[i] - w[i]));
          line += `; peer (numpy) ${peer.median_ms.toFixed(1)} ms; ratio peer / ours ${(peer.median_ms / ours).toFixed(2)}x; max |w diff| ${diff.toExponential(1)}`;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(line);
  }
}

main();
