import { AlphaFactoryError } from '../../errors';
import type { Panel } from '../../data/panel';
import type { FormulaNode } from '../dsl/ast';
import { canonicalTree } from '../dsl/canonical';
import { DERIVED_FIELDS } from '../dsl/fields';
import { formatFormula } from '../dsl/printer';
import { parseFormula, toFormulaNode } from '../dsl';
import { defaultRegistry } from '../ops';
import type { OperatorRegistry } from '../ops/registry';
import type { ArgValue, OperatorContext } from '../ops/types';
import { allocArray, ArrayPool, withPool } from '../ops/pool';
import { SubexpressionCache } from './cache';

export interface EvaluateOptions {
  /** Operators (default: the default registry). */
  registry?: OperatorRegistry;
  /** Memory for cached sub-formula results, in bytes (default 512 MiB; 0 turns caching off). */
  cacheBytes?: number;
}

/** Counters for the sub-expression cache. */
export interface EvaluatorStats {
  /** Sub-formulas served from the cache. */
  hits: number;
  /** Sub-formulas computed. */
  computed: number;
  cachedArrays: number;
  cachedBytes: number;
}

const DEFAULT_CACHE_BYTES = 512 * 1024 * 1024;

/**
 * A sub-formula's value. `shared`: the array is also held elsewhere (the cache, the panel) and
 * is copied before it is handed out; `recyclable`: a fresh array from a built-in operator that
 * nothing else holds, so it can be recycled once its consumer has run.
 */
interface Value {
  v: ArgValue;
  shared: boolean;
  recyclable?: boolean;
}

/**
 * Evaluates formulas on one panel, sharing work between them: every sub-formula's result is
 * cached under its canonical form, so `rank(delta(close, 1))` in one formula and
 * `delta(close, 1) * -1` in another compute `delta(close, 1)` once. Results are date-major
 * `Float64Array`s like the panel's fields (index t * nAssets + i), NaN = missing; each call
 * returns a fresh array the caller owns.
 */
export class FormulaEvaluator {
  readonly panel: Panel;
  private readonly registry: OperatorRegistry;
  private readonly cache: SubexpressionCache;
  private readonly ctx: OperatorContext;
  private registryVersion: number;
  private computed = 0;
  /** During evaluateMany: keys worth keeping (used more than once in the batch) and their remaining uses. */
  private plan?: Map<string, number>;
  private readonly keys = new WeakMap<FormulaNode, string>();
  /** Arrays recycled between operators (ops/pool.ts). */
  private readonly pool = new ArrayPool();
  /**
   * Arrays held on the evaluation stack (arguments gathered for an operator that has not run
   * yet, a result being cached), with a count: the cache may evict them, but they are not
   * recycled until released.
   */
  private readonly pinned = new Map<Float64Array, number>();

  constructor(panel: Panel, options: EvaluateOptions = {}) {
    this.panel = panel;
    this.registry = options.registry ?? defaultRegistry;
    this.cache = new SubexpressionCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES, (v) => {
      if (!this.pinned.has(v)) this.pool.give(v);
    });
    this.ctx = { nDates: panel.nDates, nAssets: panel.nAssets };
    this.registryVersion = this.registry.version;
  }

  /** Parse (text) or bind (tree) a formula against this panel's fields. */
  bind(formula: string | FormulaNode): FormulaNode {
    const options = { registry: this.registry, fields: this.panel.fields };
    return typeof formula === 'string' ? parseFormula(formula, options) : toFormulaNode(formula, options);
  }

  /** Canonical text of a formula (the cache key of its result). */
  canonical(formula: string | FormulaNode): string {
    return formatFormula(canonicalTree(this.bind(formula), this.registry));
  }

  /** Evaluate one formula. Throws AlphaFactoryError (with the formula position) on bad input. */
  evaluate(formula: string | FormulaNode): Float64Array {
    this.checkRegistry();
    const source = typeof formula === 'string' ? formula : undefined;
    const bound = this.bind(formula);
    return withPool(this.pool, () => {
      const value = this.run(bound, source);
      return this.owned(value.v, value.shared);
    });
  }

  /**
   * Evaluate many formulas, computing each sub-formula they share once: the batch is planned
   * first and a shared result is kept exactly until its last user has run.
   */
  evaluateMany(formulas: readonly (string | FormulaNode)[]): Float64Array[] {
    this.checkRegistry();
    const bound = formulas.map((f) => this.bind(f));
    const uses = new Map<string, number>();
    const count = (n: FormulaNode): void => {
      if (n.kind !== 'call') return;
      const k = this.keyFor(n);
      uses.set(k, (uses.get(k) ?? 0) + 1);
      n.args.forEach(count);
    };
    bound.forEach(count);
    this.plan = new Map([...uses].filter(([, c]) => c > 1));
    try {
      return withPool(this.pool, () =>
        bound.map((t, k) => {
          const value = this.run(t, typeof formulas[k] === 'string' ? (formulas[k] as string) : undefined);
          return this.owned(value.v, value.shared);
        }),
      );
    } finally {
      this.plan = undefined;
    }
  }

  get stats(): EvaluatorStats {
    return { hits: this.cache.hits, computed: this.computed, cachedArrays: this.cache.size, cachedBytes: this.cache.cachedBytes };
  }

  clearCache(): void {
    this.cache.clear();
    this.pool.clear();
  }

  private checkRegistry(): void {
    if (this.registry.version !== this.registryVersion) {
      this.cache.clear();
      this.registryVersion = this.registry.version;
    }
  }

  /** The caller's own copy of a result (a cached or field array is copied). */
  private owned(v: ArgValue, shared: boolean): Float64Array {
    const size = this.ctx.nDates * this.ctx.nAssets;
    if (typeof v === 'number') return allocArray(size).fill(v);
    if (!shared) return v;
    const out = allocArray(size);
    out.set(v);
    return out;
  }

  private pin(v: Float64Array): void {
    this.pinned.set(v, (this.pinned.get(v) ?? 0) + 1);
  }

  private unpin(v: Float64Array): void {
    const n = (this.pinned.get(v) ?? 0) - 1;
    if (n <= 0) this.pinned.delete(v);
    else this.pinned.set(v, n);
  }

  /** Cache a result; it stays pinned while the cache makes room, so it is never recycled by its own insertion. */
  private cacheSet(key: string, v: Float64Array): void {
    this.pin(v);
    this.cache.set(key, v);
    this.unpin(v);
  }

  /** Evaluate a bound tree (source positions are used for error locations). */
  private run(bound: FormulaNode, source: string | undefined): Value {
    const fieldPositions = new Map<string, number | undefined>();
    const walk = (n: FormulaNode): void => {
      if (n.kind === 'field' && !fieldPositions.has(n.name)) fieldPositions.set(n.name, n.pos);
      else if (n.kind === 'call') n.args.forEach(walk);
    };
    walk(bound);
    const where = (name: string) => ({ formula: source ?? formatFormula(bound), position: fieldPositions.get(name) });
    return this.node(bound, where);
  }

  private node(n: FormulaNode, where: (field: string) => { formula: string; position?: number }): Value {
    if (n.kind === 'number') return { v: n.value, shared: false };
    if (n.kind === 'field') return this.field(n.name, where);
    const op = this.registry.get(n.op);
    if (op?.expand) return this.node(op.expand(n.args.slice()), where);
    if (!op || !op.run) {
      throw new AlphaFactoryError('unknown_operator', `unknown operator "${n.op}"`, { formula: formatFormula(n) });
    }
    const key = this.keyFor(n);
    if (this.cache.has(key)) {
      const hit = this.cache.get(key) as Float64Array;
      this.releaseSubtree(n);
      return { v: hit, shared: true };
    }
    // series arguments stay pinned until the operator has run (evaluating a later argument may
    // make the cache evict an earlier one)
    const held: Value[] = [];
    const args: ArgValue[] = [];
    let v: ArgValue;
    try {
      for (let k = 0; k < op.args.length; k++) {
        const spec = op.args[k];
        const a = n.args[k];
        if (spec.type === 'series' || spec.type === 'group') {
          const r = this.node(a, where);
          if (typeof r.v !== 'number') this.pin(r.v);
          held.push(r);
          args.push(r.v);
        } else args.push((a as { value: number }).value);
      }
      v = op.run(args, this.ctx);
    } finally {
      for (const r of held) if (typeof r.v !== 'number') this.unpin(r.v);
    }
    this.computed++;
    const builtin = this.registry.isBuiltin(op);
    if (builtin) {
      // a fresh intermediate made by a built-in and consumed by a built-in (neither keeps a
      // reference to it) is garbage now: recycle it, unless the result is that same memory
      for (const r of held) {
        if (!r.recyclable || typeof r.v === 'number' || this.pinned.has(r.v)) continue;
        if (typeof v !== 'number' && v.buffer === r.v.buffer) continue;
        this.pool.give(r.v);
      }
    }
    if (typeof v !== 'number' && this.cache.budgetBytes > 0 && (!this.plan || this.plan.has(key))) {
      this.cacheSet(key, v);
      this.use(key);
      return { v, shared: true };
    }
    return { v, shared: false, recyclable: builtin && typeof v !== 'number' };
  }

  /**
   * Cache key of a sub-formula: its canonical form, so spellings of the same computation share
   * one entry. (The tree evaluated is the one written, in the written order of operations, so a
   * result is bit-for-bit what the formula says; formulas that differ only by re-association of
   * + or * share a cache entry and may differ from a fresh evaluation in the last bits.)
   */
  private keyFor(n: FormulaNode): string {
    let k = this.keys.get(n);
    if (k === undefined) {
      k = subtreeKey(canonicalTree(n, this.registry));
      this.keys.set(n, k);
    }
    return k;
  }

  /** A cache hit skips a subtree: its occurrences (and those of its sub-formulas) in the batch plan are done. */
  private releaseSubtree(n: FormulaNode): void {
    if (!this.plan || n.kind !== 'call') return;
    this.use(this.keyFor(n));
    n.args.forEach((a) => this.releaseSubtree(a));
  }

  private use(key: string): void {
    if (!this.plan || !this.plan.has(key)) return;
    const left = (this.plan.get(key) ?? 0) - 1;
    if (left <= 0) {
      this.plan.delete(key);
      this.cache.delete(key);
    } else this.plan.set(key, left);
  }

  private field(name: string, where: (field: string) => { formula: string; position?: number }): Value {
    if (this.panel.hasField(name)) return { v: this.panel.field(name), shared: true };
    const derived = DERIVED_FIELDS[name];
    if (derived) {
      const needs = name === 'vwap' ? ['high', 'low', 'close'] : ['close'];
      const missing = needs.filter((f) => !this.panel.hasField(f));
      if (missing.length > 0) {
        throw new AlphaFactoryError(
          'unknown_field',
          `field "${name}" is not in the panel and cannot be derived (${derived}) without ${missing.join(', ')}`,
          where(name),
        );
      }
      const key = `@${name}`;
      const hit = this.cache.get(key);
      if (hit) return { v: hit, shared: true };
      const tree = parseFormula(derived, { registry: this.registry, fields: this.panel.fields });
      const r = this.node(tree, where);
      const v = r.v as Float64Array;
      if (this.cache.budgetBytes > 0) this.cacheSet(key, v);
      return { v, shared: true };
    }
    throw new AlphaFactoryError('unknown_field', `panel has no field "${name}" (fields: ${this.panel.fields.join(', ')})`, where(name));
  }
}

const keys = new WeakMap<FormulaNode, string>();

/** Compact key of a canonical node given its children's keys. */
function keyOf(n: FormulaNode, childKeys: string[]): string {
  if (n.kind === 'number') return `#${n.value}`;
  if (n.kind === 'field') return n.name;
  return `${n.op}(${childKeys.join(',')})`;
}

/** Key of a canonical subtree (memoised per node object). */
function subtreeKey(n: FormulaNode): string {
  let k = keys.get(n);
  if (k === undefined) {
    k = keyOf(n, n.kind === 'call' ? n.args.map(subtreeKey) : []);
    keys.set(n, k);
  }
  return k;
}

/**
 * Evaluate one formula on a panel: a date-major Float64Array (index t * nAssets + i), NaN = missing.
 * For many formulas on the same panel use a `FormulaEvaluator`, which shares sub-results.
 */
export function evaluateFormula(panel: Panel, formula: string | FormulaNode, options: EvaluateOptions = {}): Float64Array {
  return new FormulaEvaluator(panel, { cacheBytes: 0, ...options }).evaluate(formula);
}
