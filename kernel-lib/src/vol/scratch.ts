/**
 * Shared scratch buffers for likelihood evaluations. Large typed arrays are costly to allocate
 * (their backing stores are tracked as external memory by the garbage collector), and batch fits
 * create thousands of models, so every model of the same size borrows the same buffers. This is
 * safe because an evaluation is synchronous and writes every element it later reads; nothing
 * returned to a caller aliases these buffers (results are copied out).
 */
const pool = new Map<string, Float64Array>();

/** A shared buffer of exactly `length` doubles for `purpose` (contents undefined). */
export function scratch(purpose: string, length: number): Float64Array {
  const key = `${purpose}:${length}`;
  let buf = pool.get(key);
  if (!buf) {
    if (pool.size > 64) pool.clear();
    buf = new Float64Array(length);
    pool.set(key, buf);
  }
  return buf;
}
