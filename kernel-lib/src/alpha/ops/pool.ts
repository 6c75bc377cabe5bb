/**
 * Recycling of the panel-sized arrays that formula evaluation produces and drops.
 *
 * A fresh 5 MB Float64Array costs about as much as the arithmetic that fills it (the memory
 * is zeroed and faulted in page by page, and collected later). A `FormulaEvaluator` owns an
 * `ArrayPool` and makes it current while it evaluates; kernels take their output and scratch
 * arrays with `allocArray` and give scratch back with `freeArray`; the evaluator gives back an
 * intermediate result once the operator that consumed it has run (and a cached result the
 * cache evicts, when nothing on the evaluation stack still holds it).
 *
 * `allocArray` returns an array whose contents are unspecified: a kernel must write every cell
 * of what it takes. Outside an evaluation (no current pool) it is `new Float64Array(size)`.
 */
export class ArrayPool {
  private readonly free: Float64Array[] = [];

  /** @param maxArrays arrays kept for reuse at most (the rest are left to the garbage collector). */
  constructor(readonly maxArrays = 16) {}

  take(size: number): Float64Array {
    const free = this.free;
    for (let k = free.length - 1; k >= 0; k--) {
      if (free[k].length === size) {
        const a = free[k];
        free[k] = free[free.length - 1];
        free.pop();
        return a;
      }
    }
    return new Float64Array(size);
  }

  /** Give back an array nothing references any more (whole arrays only, never a view). */
  give(a: Float64Array): void {
    if (a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) return;
    if (this.free.length >= this.maxArrays) return;
    for (const f of this.free) if (f === a) return;
    this.free.push(a);
  }

  get size(): number {
    return this.free.length;
  }

  clear(): void {
    this.free.length = 0;
  }
}

let current: ArrayPool | undefined;

/** Run `f` with `pool` as the current pool (restored afterwards, also on a throw). */
export function withPool<T>(pool: ArrayPool, f: () => T): T {
  const previous = current;
  current = pool;
  try {
    return f();
  } finally {
    current = previous;
  }
}

/** An array of `size` values with unspecified contents (write every cell). */
export function allocArray(size: number): Float64Array {
  return current ? current.take(size) : new Float64Array(size);
}

/** An array of `size` values, all `value`. */
export function filledArray(size: number, value: number): Float64Array {
  return allocArray(size).fill(value);
}

/** Give back a kernel's own scratch array (nothing else may reference it). */
export function freeArray(a: Float64Array): void {
  current?.give(a);
}
