/**
 * `npm run bench:data`: how fast the data layer loads the bundled datasets, against pandas /
 * pyarrow doing the same work in the same run (scripts/bench/data.py with .venv-ref; skipped
 * with a message when that venv is absent). Prints median wall and CPU milliseconds (CPU time
 * of the whole process, all threads: stable on a busy machine) and the ratios ours/peer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadPanel, panelFromArrowBytes, readParquet, writeArrow, writeParquet } from '../src/data/load';

const REPEAT = 5;
const ROOT = join(__dirname, '..', '..', '..');
const DATA = join(ROOT, 'kernel-lib', 'data');

/** [median wall ms, median CPU ms] over REPEAT runs, after two untimed warm-up runs (JIT). */
function medianMs(fn: () => unknown): [number, number] {
  fn();
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < REPEAT; k++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(REPEAT / 2)];
  return [med(wall), med(cpu)];
}

const stocksPath = join(DATA, 'sp500_stocks_5yr_ohlcv.csv.gz');
const p20Path = join(DATA, 'stock_prices_20.csv');
// the small file first, before the large panels fill the heap
const prices20 = medianMs(() => loadPanel(p20Path));
const stocks = loadPanel(stocksPath);
const dir = mkdtempSync(join(tmpdir(), 'af-bench-'));
const ours: Record<string, [number, number]> = {
  csv_stocks: medianMs(() => loadPanel(stocksPath)),
  csv_prices20: prices20,
  parquet_roundtrip: medianMs(() => {
    const path = join(dir, 'stocks.parquet');
    writeParquet(stocks, path);
    return readParquet(path);
  }),
};
const arrowMs = medianMs(() => panelFromArrowBytes(writeArrow(stocks)));

const LABELS: Record<string, string> = {
  csv_stocks: 'load 505-stock long CSV.gz (619,040 rows) into a panel  [pandas: read_csv + pivot]',
  csv_prices20: 'load 20-stock wide CSV (7,126 rows)                     [pandas: read_csv, dates parsed]',
  parquet_roundtrip: 'write + read the stocks panel as Parquet (snappy)      [pyarrow: write_table + read_table]',
};

const python = join(ROOT, '.venv-ref', 'bin', 'python');
let peer: Record<string, [number, number]> | null = null;
let peerNote = '';
if (existsSync(python)) {
  const r = spawnSync(python, [join(ROOT, 'scripts', 'bench', 'data.py'), DATA, String(REPEAT)], { encoding: 'utf8' });
  if (r.status === 0) peer = JSON.parse(r.stdout) as Record<string, [number, number]>;
  else peerNote = `peer script failed: ${r.stderr.trim().split('\n').pop()}`;
} else {
  peerNote = 'peer timings skipped: .venv-ref is absent (create it with scripts/requirements-ref.txt)';
}

console.log(`data layer benchmark: median of ${REPEAT} runs, milliseconds (wall / CPU), ratio = ours / peer`);
const f = (x: number): string => x.toFixed(1);
for (const k of Object.keys(LABELS)) {
  const [ow, oc] = ours[k];
  const line = `${LABELS[k]}\n    ours ${f(ow)} / ${f(oc)}`;
  if (peer) {
    const [pw, pc] = peer[k];
    console.log(`${line}  peer ${f(pw)} / ${f(pc)}  ratio wall ${(ow / pw).toFixed(2)}, CPU ${(oc / pc).toFixed(2)}`);
  } else console.log(line);
}
console.log(`Arrow IPC write + read of the stocks panel (in memory)\n    ours ${f(arrowMs[0])} / ${f(arrowMs[1])}`);
if (peerNote) console.log(peerNote);
