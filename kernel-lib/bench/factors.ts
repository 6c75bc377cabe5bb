/**
 * `npm run bench:factors`: 100 library formulas (5 basic, 56 Alpha101, 39 Alpha158) evaluated on
 * the 505-stock panel (1,259 days), each with its daily RankIC against the 5-day forward return
 * delay(close, -5) / close - 1, single-threaded; against pandas doing the same in the same run
 * (scripts/bench/factors_pandas.py with .venv-ref; skipped with a message when absent).
 *
 * RankIC: the metrics module's RankICScorer (the label's per-date ranks computed once and reused;
 * checked against dailyRankIC before timing).
 * Ours is timed twice: with the sub-expression cache (FormulaEvaluator, the normal way) and
 * without it (cacheBytes 0, every formula from scratch); pandas likewise plain and memoised.
 * The mean RankIC of each formula is compared between the two engines as a correctness check.
 * Panel loading is not timed. A warm-up pass on the first 300 days lets V8 compile first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alpha158, ALPHA101, BASIC_ALPHAS, FormulaEvaluator } from '../src/alpha';
import { dailyRankIC, RankICScorer } from '../src/alpha/metrics';
import { datasets } from '../src/data';
import type { Panel } from '../src/data/panel';

const ROOT = join(__dirname, '..', '..', '..');
const LABEL = 'delay(close, -5) / close - 1';

/** 5 basic + 56 Alpha101 + the 13 k-bar/price features and 26 rolling families of Alpha158 (windows cycling 5..60). */
function selectFormulas(): { name: string; formula: string; family: string }[] {
  const a158 = alpha158();
  const fixed = a158.slice(0, 13);
  const windows = [5, 10, 20, 30, 60];
  const families = [...new Set(a158.slice(13).map((a) => a.name.replace(/\d+$/, '')))];
  const rolling = families.slice(0, 100 - BASIC_ALPHAS.length - ALPHA101.length - fixed.length).map((fam, k) => a158.find((a) => a.name === `${fam}${windows[k % 5]}`)!);
  const all = [...BASIC_ALPHAS, ...ALPHA101, ...fixed, ...rolling];
  return all.slice(0, 100).map((a) => ({ name: a.name, formula: a.formula, family: a.family }));
}

function meanFinite(x: Float64Array): number {
  let s = 0;
  let n = 0;
  for (const v of x) {
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : NaN;
}

const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

interface RunResult {
  ms: number;
  cpuMs: number;
  ics: number[];
  evalCpu: number[];
  icCpu: number[];
}

function run(panel: Panel, formulas: string[], cacheBytes: number): RunResult {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const ev = new FormulaEvaluator(panel, { cacheBytes });
  const ric = new RankICScorer(ev.evaluate(LABEL), panel.nAssets);
  const evalCpu: number[] = [];
  const icCpu: number[] = [];
  const ics = formulas.map((f) => {
    const a = cpuMs();
    const v = ev.evaluate(f);
    const b = cpuMs();
    const ic = meanFinite(ric.daily(v));
    evalCpu.push(b - a);
    icCpu.push(cpuMs() - b);
    return ic;
  });
  const c = process.cpuUsage(c0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1000, ics, evalCpu, icCpu };
}

const panel = datasets.sp500Stocks();
const chosen = selectFormulas();
const formulas = chosen.map((c) => c.formula);
console.log(`bench:factors: ${formulas.length} formulas + daily RankIC (5-day forward return) on ${panel.toString()}`);

{
  // warm-up (JIT) on 150 days, and a check that the bench's RankIC is the metrics module's dailyRankIC
  const small = panel.sliceDates(undefined, panel.dates[149]);
  run(small, formulas, 512 * 2 ** 20);
  const ev = new FormulaEvaluator(panel);
  const label = ev.evaluate(LABEL);
  const f = ev.evaluate(formulas[5]);
  const diff = Math.abs(meanFinite(new RankICScorer(label, panel.nAssets).daily(f)) - meanFinite(dailyRankIC(f, label, panel.nAssets)));
  if (!(diff < 1e-12)) throw new Error(`bench RankIC differs from dailyRankIC by ${diff}`);
}
const cached = run(panel, formulas, 512 * 2 ** 20);
const plain = run(panel, formulas, 0);

const python = join(ROOT, '.venv-ref', 'bin', 'python');
interface PeerResult {
  plain_ms: number;
  plain_cpu_ms: number;
  memo_ms: number;
  memo_cpu_ms: number;
  mean_rank_ic: (number | null)[];
  eval_cpu_ms: number[];
  rank_ic_cpu_ms: number[];
}
let peer: PeerResult | null = null;
let note = '';
if (existsSync(python)) {
  const dir = mkdtempSync(join(tmpdir(), 'af-factors-'));
  const fpath = join(dir, 'formulas.json');
  writeFileSync(fpath, JSON.stringify(formulas));
  const single = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync(python, [join(ROOT, 'scripts', 'bench', 'factors_pandas.py'), datasets.path('sp500Stocks'), fpath], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...single },
  });
  if (r.status === 0) peer = JSON.parse(r.stdout) as PeerResult;
  else note = `peer script failed: ${r.stderr.trim().split('\n').pop()}`;
} else {
  note = 'pandas timings skipped: .venv-ref is absent (create it with scripts/requirements-ref.txt)';
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2).padStart(7)} s`;
const row = (label: string, wall: number, cpu: number): void => console.log(`${label.padEnd(34)}${fmt(wall)} wall ${fmt(cpu)} cpu`);
row('ours, sub-expression cache', cached.ms, cached.cpuMs);
row('ours, no cache', plain.ms, plain.cpuMs);
if (peer) {
  row('pandas, plain', peer.plain_ms, peer.plain_cpu_ms);
  row('pandas, memoised sub-formulas', peer.memo_ms, peer.memo_cpu_ms);
  const ratio = (p: number, o: number): string => `${(p / o).toFixed(1)}x`;
  console.log('speed-up (pandas time / our time), wall and cpu:');
  console.log(`  pandas plain    / ours cached    ${ratio(peer.plain_ms, cached.ms)} wall, ${ratio(peer.plain_cpu_ms, cached.cpuMs)} cpu`);
  console.log(`  pandas memoised / ours cached    ${ratio(peer.memo_ms, cached.ms)} wall, ${ratio(peer.memo_cpu_ms, cached.cpuMs)} cpu`);
  console.log(`  pandas plain    / ours no cache  ${ratio(peer.plain_ms, plain.ms)} wall, ${ratio(peer.plain_cpu_ms, plain.cpuMs)} cpu`);
  let worst = 0;
  let worstName = '';
  chosen.forEach((c, k) => {
    const a = cached.ics[k];
    const b = peer!.mean_rank_ic[k];
    const d = Number.isNaN(a) && (b === null || Number.isNaN(b)) ? 0 : Math.abs(a - (b ?? NaN));
    if (!(d <= worst)) {
      worst = d;
      worstName = c.name;
    }
  });
  console.log('cpu seconds by part (ours no cache / pandas plain):');
  const families = ['basic', 'alpha101', 'alpha158'];
  for (const fam of families) {
    const ks = chosen.map((c, k) => (c.family === fam ? k : -1)).filter((k) => k >= 0);
    const sum = (xs: number[]): number => ks.reduce((acc, k) => acc + xs[k], 0) / 1000;
    const o = sum(plain.evalCpu);
    const q = sum(peer.eval_cpu_ms);
    console.log(`  evaluate ${fam.padEnd(8)} (${String(ks.length).padStart(2)} formulas)  ${o.toFixed(2).padStart(6)} / ${q.toFixed(2).padStart(6)}  ${(q / o).toFixed(1)}x`);
  }
  const oi = plain.icCpu.reduce((a, b) => a + b, 0) / 1000;
  const qi = peer.rank_ic_cpu_ms.reduce((a, b) => a + b, 0) / 1000;
  console.log(`  daily RankIC (100 formulas)       ${oi.toFixed(2).padStart(6)} / ${qi.toFixed(2).padStart(6)}  ${(qi / oi).toFixed(1)}x`);
  console.log(`mean RankIC agreement with pandas over the ${chosen.length} formulas: max |difference| ${worst.toExponential(2)} (${worstName})`);
} else {
  console.log(note);
}
