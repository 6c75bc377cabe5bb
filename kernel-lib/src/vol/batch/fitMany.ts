/**
 * Fit one or several model specs to many series across worker threads, with per-series failure
 * isolation (a failed series comes back `ok: false` with its reason; a crashed worker fails only
 * the chunk it held and is replaced) and progress callbacks (done, total) for a notebook display
 * or a CLI bar. `workers: 0` (or 1 series) fits in the calling thread, and so does a batch of fewer
 * than `INLINE_BELOW` fits when `workers` is not given: a worker thread loads the engine and warms its
 * JIT before its first fit (a few hundred ms), more than such a batch takes in one thread.
 *
 *   const results = await fitMany(seriesList, { vol: 'gjr', dist: 't' }, { workers: 8, horizon: 5 });
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidArgumentError } from '../../errors';
import type { GarchSpec } from '../spec';
import { specLabel } from '../spec';
import { fitOne } from './fitOne';
import type { BatchFitOptions, BatchFitResult } from './fitOne';

/** Below this many fits (series x specs), the default `workers` fits in the calling thread. */
export const INLINE_BELOW = 512;

export interface FitManyOptions extends BatchFitOptions {
  /** Worker threads (default: number of CPU cores, or none below INLINE_BELOW fits); 0 fits in this thread. */
  workers?: number;
  /** Series per message (default 8). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Results in input order: for each series, one result per spec (series-major) when `spec` is an
 * array, else one per series.
 */
export async function fitMany(series: Array<ArrayLike<number>>, spec: GarchSpec | GarchSpec[], opts: FitManyOptions = {}): Promise<BatchFitResult[]> {
  const specs = Array.isArray(spec) ? spec : [spec];
  if (specs.length === 0) throw new InvalidArgumentError('fitMany needs at least one model spec');
  const total = series.length * specs.length;
  const defaultWorkers = total < INLINE_BELOW ? 0 : cpus().length;
  const workersWanted = Math.min(opts.workers ?? defaultWorkers, Math.ceil(series.length / (opts.chunkSize ?? 8)));
  const fitOpts: BatchFitOptions = { horizon: opts.horizon, backcast: opts.backcast, dropna: opts.dropna, rescale: opts.rescale };
  const out: BatchFitResult[] = new Array(total);
  let done = 0;
  if (workersWanted <= 1) {
    series.forEach((y, i) => {
      specs.forEach((s, k) => {
        out[i * specs.length + k] = fitOne(i, y, s, fitOpts);
        opts.onProgress?.(++done, total);
      });
    });
    return out;
  }
  const chunkSize = opts.chunkSize ?? 8;
  const chunks: Array<Array<{ index: number; y: Float64Array }>> = [];
  for (let i = 0; i < series.length; i += chunkSize) {
    chunks.push(series.slice(i, i + chunkSize).map((y, k) => ({ index: i + k, y: Float64Array.from(y) })));
  }
  const file = join(__dirname, 'worker.js');
  let next = 0;
  const record = (results: BatchFitResult[]): void => {
    for (const r of results) {
      const k = specs.findIndex((s, j) => out[r.index * specs.length + j] === undefined && labelMatch(s, r));
      out[r.index * specs.length + (k >= 0 ? k : 0)] = r;
      opts.onProgress?.(++done, total);
    }
  };
  await new Promise<void>((resolveAll) => {
    let active = 0;
    const startWorker = (): void => {
      if (next >= chunks.length) {
        if (active === 0) resolveAll();
        return;
      }
      const worker = new Worker(file);
      active++;
      let current = -1;
      const feed = (): void => {
        if (next >= chunks.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ id: current, items: chunks[current], specs, opts: fitOpts });
      };
      worker.on('message', (msg: { id: number; results: BatchFitResult[] }) => {
        record(msg.results);
        feed();
      });
      worker.on('error', (err) => {
        // isolate: fail the chunk this worker held, keep going with a fresh worker
        if (current >= 0) {
          const failed: BatchFitResult[] = [];
          for (const item of chunks[current]) for (const s of specs) failed.push({ index: item.index, ok: false, label: specLabel(s), error: `worker crashed: ${err.message}`, code: 'worker_crashed' });
          record(failed);
          current = -1;
        }
      });
      worker.on('exit', () => {
        active--;
        if (next < chunks.length) startWorker();
        else if (active === 0) resolveAll();
      });
      feed();
    };
    for (let w = 0; w < workersWanted; w++) startWorker();
  });
  return out;
}

function labelMatch(s: GarchSpec, r: BatchFitResult): boolean {
  return specLabel(s) === r.label;
}
