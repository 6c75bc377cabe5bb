/**
 * Worker-thread entry for `fitMany`: receives chunks { id, items: [{ index, y }], spec, opts },
 * answers { id, results } with one `BatchFitResult` per item.
 */
import { parentPort } from 'node:worker_threads';
import type { GarchSpec } from '../spec';
import { fitOne } from './fitOne';
import type { BatchFitOptions } from './fitOne';

interface Chunk {
  id: number;
  items: Array<{ index: number; y: Float64Array }>;
  specs: GarchSpec[];
  opts: BatchFitOptions;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (chunk: Chunk) => {
    const results = [];
    for (const item of chunk.items) for (const spec of chunk.specs) results.push(fitOne(item.index, item.y, spec, chunk.opts));
    port.postMessage({ id: chunk.id, results });
  });
}
