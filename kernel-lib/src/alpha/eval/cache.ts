/**
 * Results of sub-formulas keyed by canonical form, least recently used first out, bounded by a
 * byte budget. Cached arrays are shared: callers copy before handing one out.
 */
export class SubexpressionCache {
  private readonly map = new Map<string, Float64Array>();
  /** How many keys hold each array (a derived field is cached under its name and its formula). */
  private readonly holders = new Map<Float64Array, number>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  /**
   * @param onEvict called with each array dropped to stay within the budget that no other key
   *   still holds (not with those removed by `delete` or `clear`).
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
      this.unhold(old);
    }
    this.map.set(key, value);
    this.holders.set(value, (this.holders.get(value) ?? 0) + 1);
    this.bytes += value.byteLength;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.budgetBytes) break;
      this.map.delete(k);
      this.bytes -= v.byteLength;
      if (this.unhold(v)) this.onEvict?.(v);
    }
  }

  /** Drop one holder of v; true when no key holds it any more. */
  private unhold(v: Float64Array): boolean {
    const n = (this.holders.get(v) ?? 0) - 1;
    if (n > 0) {
      this.holders.set(v, n);
      return false;
    }
    this.holders.delete(v);
    return true;
  }

  delete(key: string): void {
    const v = this.map.get(key);
    if (v) {
      this.bytes -= v.byteLength;
      this.map.delete(key);
      this.unhold(v);
    }
  }

  clear(): void {
    this.map.clear();
    this.holders.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.map.size;
  }

  get cachedBytes(): number {
    return this.bytes;
  }
}
