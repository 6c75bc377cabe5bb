import { InvalidArgumentError } from '../../errors';
import { liftCrossSection, liftScalar, liftWindow } from './lift';
import type { Operator, OperatorDef, OperatorInfo } from './types';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The operator registry (Qlib-style): each operator is declared once with its name, aliases,
 * argument list and kind, and evaluated generically from that declaration. Names are
 * case-sensitive, so Qlib's rolling `Rank(x, d)` and Alpha101's cross-sectional `rank(x)` can
 * both be spelled as their sources write them.
 */
export class OperatorRegistry {
  private readonly ops = new Map<string, Operator>();
  private readonly aliases = new Map<string, string>();
  private readonly builtins = new Set<string>();
  /** The compiled built-in operators (a replaced built-in is not one). */
  private readonly builtinOps = new WeakSet<Operator>();
  /** Bumped on every registration, so evaluators can drop caches built with an older definition. */
  version = 0;

  /**
   * Register an operator. Throws when the name or an alias is taken, unless `replace` is set
   * (a replaced built-in keeps its place in `listOperators()`).
   */
  register(def: OperatorDef, options: { replace?: boolean; builtin?: boolean } = {}): Operator {
    validateDef(def);
    const taken = [def.name, ...(def.aliases ?? [])].filter((n) => this.resolve(n) !== undefined);
    if (taken.length > 0 && !options.replace) {
      throw new InvalidArgumentError(
        `operator name ${taken.map((n) => `"${n}"`).join(', ')} is already registered (pass { replace: true } to override)`,
      );
    }
    const op = compile(def);
    this.ops.set(def.name, op);
    for (const a of def.aliases ?? []) this.aliases.set(a, def.name);
    if (options.builtin) {
      this.builtins.add(def.name);
      this.builtinOps.add(op);
    }
    this.version++;
    return op;
  }

  /**
   * True for an operator object registered as a built-in: one that never keeps a reference to
   * its argument arrays, so the evaluator may recycle them once it has run.
   */
  isBuiltin(op: Operator): boolean {
    return this.builtinOps.has(op);
  }

  /** The canonical name for a name or alias, or undefined. */
  resolve(name: string): string | undefined {
    if (this.ops.has(name)) return name;
    return this.aliases.get(name);
  }

  /** The operator for a canonical name or alias, or undefined. */
  get(name: string): Operator | undefined {
    const canonical = this.resolve(name);
    return canonical === undefined ? undefined : this.ops.get(canonical);
  }

  /** All operators, built-ins first, in registration order. */
  list(): OperatorInfo[] {
    return [...this.ops.values()].map((op) => ({
      name: op.name,
      kind: op.kind,
      args: op.args.map((a) => ({ ...a })),
      aliases: [...(op.aliases ?? [])],
      description: op.description,
      builtin: this.builtins.has(op.name),
    }));
  }

  /** Every accepted spelling (names and aliases), for "did you mean" messages. */
  spellings(): string[] {
    return [...this.ops.keys(), ...this.aliases.keys()];
  }
}

function validateDef(def: OperatorDef): void {
  if (!def || typeof def.name !== 'string' || !NAME.test(def.name)) {
    throw new InvalidArgumentError(`operator name must be an identifier (letters, digits, _), got ${JSON.stringify(def?.name)}`);
  }
  for (const a of def.aliases ?? []) {
    if (!NAME.test(a)) throw new InvalidArgumentError(`operator "${def.name}": alias ${JSON.stringify(a)} is not an identifier`);
  }
  if (!['elementwise', 'timeseries', 'crosssectional', 'group'].includes(def.kind)) {
    throw new InvalidArgumentError(`operator "${def.name}": unknown kind ${JSON.stringify(def.kind)}`);
  }
  const impls = ['scalar', 'window', 'crossSection', 'evaluate', 'expand'].filter(
    (k) => typeof (def as unknown as Record<string, unknown>)[k] === 'function',
  );
  if (impls.length !== 1) {
    throw new InvalidArgumentError(
      `operator "${def.name}" needs exactly one of scalar, window, crossSection, evaluate, expand (got ${impls.join(', ') || 'none'})`,
    );
  }
  let optional = false;
  for (const a of def.args) {
    if (!['series', 'window', 'lag', 'constant', 'group'].includes(a.type)) {
      throw new InvalidArgumentError(`operator "${def.name}": argument "${a.name}" has unknown type ${JSON.stringify(a.type)}`);
    }
    if (a.default !== undefined) {
      if (a.type === 'series' || a.type === 'group') {
        throw new InvalidArgumentError(`operator "${def.name}": series argument "${a.name}" cannot have a default`);
      }
      optional = true;
    } else if (optional) {
      throw new InvalidArgumentError(`operator "${def.name}": argument "${a.name}" follows an optional one`);
    }
  }
  if (def.window && !def.args.some((a) => a.type === 'window')) {
    throw new InvalidArgumentError(`operator "${def.name}": a window operator needs a "window" argument`);
  }
}

function compile(def: OperatorDef): Operator {
  const maxArity = def.args.length;
  const minArity = def.args.filter((a) => a.default === undefined).length;
  let run: Operator['run'];
  if (def.evaluate) run = def.evaluate;
  else if (def.scalar) run = liftScalar(def.args, def.scalar);
  else if (def.window) run = liftWindow(def.args, def.window);
  else if (def.crossSection) run = liftCrossSection(def.args, def.crossSection);
  return { ...def, minArity, maxArity, run };
}
