/**
 * The formula tree.
 *
 * A formula is one of three node kinds: a numeric literal, a field reference (`close`,
 * `volume`, a panel field such as `industry`), or a call of a registered operator. Infix
 * syntax is sugar: `a + b` parses to `add(a, b)`, `-x` to `neg(x)`, `c ? a : b` to
 * `where(c, a, b)`, so every later stage (printing, canonical form, evaluation, mining)
 * handles calls only. Operator names in the tree are always the registry's canonical names
 * (aliases such as Qlib's `Ref` or Alpha101's `correlation` are resolved by the parser).
 *
 * `pos`/`end` are 0-based character offsets into the source text (end exclusive); nodes
 * built in code (for example by a miner) leave them out.
 */
export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly pos?: number;
  readonly end?: number;
}

export interface FieldNode {
  readonly kind: 'field';
  readonly name: string;
  readonly pos?: number;
  readonly end?: number;
}

export interface CallNode {
  readonly kind: 'call';
  readonly op: string;
  readonly args: readonly FormulaNode[];
  readonly pos?: number;
  readonly end?: number;
}

export type FormulaNode = NumberNode | FieldNode | CallNode;

/** A numeric literal node. */
export function num(value: number): NumberNode {
  return { kind: 'number', value };
}

/** A field reference node (`close`, `volume`, ...). */
export function field(name: string): FieldNode {
  return { kind: 'field', name };
}

/** A call node; `op` must be a canonical operator name (see `listOperators()`). */
export function call(op: string, ...args: FormulaNode[]): CallNode {
  return { kind: 'call', op, args };
}

/** Structural equality, ignoring source positions. */
export function sameFormula(a: FormulaNode, b: FormulaNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'number') return Object.is(a.value, (b as NumberNode).value) || a.value === (b as NumberNode).value;
  if (a.kind === 'field') return a.name === (b as FieldNode).name;
  const c = b as CallNode;
  if (a.op !== c.op || a.args.length !== c.args.length) return false;
  for (let k = 0; k < a.args.length; k++) if (!sameFormula(a.args[k], c.args[k])) return false;
  return true;
}

/** Number of nodes in the tree (formula length as a miner counts it). */
export function formulaSize(node: FormulaNode): number {
  if (node.kind !== 'call') return 1;
  let n = 1;
  for (const a of node.args) n += formulaSize(a);
  return n;
}

/** Depth of the tree (a leaf has depth 1). */
export function formulaDepth(node: FormulaNode): number {
  if (node.kind !== 'call') return 1;
  let d = 0;
  for (const a of node.args) d = Math.max(d, formulaDepth(a));
  return d + 1;
}

/** Field names the formula reads, sorted. */
export function formulaFields(node: FormulaNode): string[] {
  const out = new Set<string>();
  const walk = (n: FormulaNode): void => {
    if (n.kind === 'field') out.add(n.name);
    else if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(node);
  return [...out].sort();
}
