/**
 * Results of sub-formulas keyed by canonical form, least recently used first out, bounded by a
 * byte budget. Cached arrays are shared: callers copy before handing one out.
 */
export class SubexpressionCache {
  private readonly map = new Map<string, Float64Array>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  /**
   * @param onEvict called with each array dropped to stay within the budget (not with those
   *   removed by `delete` or `clear`).
   */
  constructor(
    readonly budgetBytes: number,
    private readonly onEvict?: (value: Float64Array) => void,
  ) {}

  get(key: string): Float64Array | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
      this.hits++;
    } else this.misses++;
    return v;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: Float64Array): void {
    if (value.byteLength > this.budgetBytes) return;
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.byteLength;
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.bytes += value.byteLength;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.budgetBytes) break;
      this.map.delete(k);
      this.bytes -= v.byteLength;
      this.onEvict?.(v);
    }
  }

  delete(key: string): void {
    const v = this.map.get(key);
    if (v) {
      this.bytes -= v.byteLength;
      this.map.delete(key);
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.map.size;
  }

  get cachedBytes(): number {
    return this.bytes;
  }
}
