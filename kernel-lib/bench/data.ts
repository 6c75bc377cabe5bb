/**
 * `npm run bench:data`: how fast the data layer loads the bundled datasets, against pandas /
 * pyarrow doing the same work in the same run (scripts/bench/data.py with .venv-ref; skipped
 * with a message when that venv is absent). Prints median milliseconds and the ratio ours/peer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPanel, readParquet, writeParquet } from '../src/data/load';
import { panelFromArrowBytes, writeArrow } from '../src/data';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const REPEAT = 5;
const ROOT = join(__dirname, '..', '..', '..');
const DATA = join(ROOT, 'kernel-lib', 'data');

function medianMs(fn: () => unknown): number {
  const times: number[] = [];
  for (let k = 0; k < REPEAT; k++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(REPEAT / 2)];
}

const stocksPath = join(DATA, 'sp500_stocks_5yr_ohlcv.csv.gz');
const p20Path = join(DATA, 'stock_prices_20.csv');
const stocks = loadPanel(stocksPath);
const dir = mkdtempSync(join(tmpdir(), 'af-bench-'));
const ours: Record<string, number> = {
  csv_stocks: medianMs(() => loadPanel(stocksPath)),
  csv_prices20: medianMs(() => loadPanel(p20Path)),
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
let peer: Record<string, number> | null = null;
let peerNote = '';
if (existsSync(python)) {
  const r = spawnSync(python, [join(ROOT, 'scripts', 'bench', 'data.py'), DATA, String(REPEAT)], { encoding: 'utf8' });
  if (r.status === 0) peer = JSON.parse(r.stdout) as Record<string, number>;
  else peerNote = `peer script failed: ${r.stderr.trim().split('\n').pop()}`;
} else {
  peerNote = 'peer timings skipped: .venv-ref is absent (create it with scripts/requirements-ref.txt)';
}

console.log(`data layer benchmark (median of ${REPEAT}, milliseconds)`);
for (const k of Object.keys(LABELS)) {
  const o = ours[k];
  const p = peer ? peer[k] : NaN;
  const ratio = peer ? `ratio ${(o / p).toFixed(2)}` : '';
  console.log(`${LABELS[k]}  ours ${o.toFixed(1)}  peer ${peer ? p.toFixed(1) : '-'}  ${ratio}`);
}
console.log(`Arrow IPC write + read of the stocks panel (in memory): ours ${arrowMs.toFixed(1)}`);
if (peerNote) console.log(peerNote);
