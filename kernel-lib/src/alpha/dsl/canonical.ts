import type { OperatorRegistry } from '../ops/registry';
import type { CallNode, FormulaNode } from './ast';
import { formatFormula } from './printer';

/** Operators that are associative and commutative: nested chains are flattened and sorted. */
const AC_OPS = new Set(['add', 'mul', 'max2', 'min2', 'and', 'or']);
/** a < b is written b > a, a <= b as b >= a. */
const FLIP: Readonly<Record<string, string>> = { lt: 'gt', le: 'ge' };

/**
 * The canonical form of a bound tree, for de-duplication: macros expanded (`adv(20)` ->
 * `ts_mean(volume, 20)`), `-1 * x` and `x * -1` -> `-x`, `--x` -> `x`, `-(3)` -> `-3`,
 * comparisons turned to `>` / `>=`, chains of + * max2 min2 && || flattened and their operands
 * sorted, the symmetric arguments of commutative operators (eq, ne, ts_corr, ts_cov) sorted, and
 * source positions dropped. Two formulas that differ only in spelling (aliases, `$close`,
 * operand order, parentheses) get the same canonical text.
 *
 * Flattening re-associates sums and products, which can change the last bits of a result; the
 * evaluator computes the canonical tree, so equal canonical forms give identical numbers.
 */
export function canonicalTree(node: FormulaNode, registry: OperatorRegistry): FormulaNode {
  if (node.kind === 'number') return { kind: 'number', value: node.value };
  if (node.kind === 'field') return { kind: 'field', name: node.name };
  const op = registry.get(node.op);
  if (op?.expand) return canonicalTree(op.expand(node.args.slice()), registry);
  let args = node.args.map((a) => canonicalTree(a, registry));
  let name = node.op;
  if (FLIP[name] && args.length === 2) {
    name = FLIP[name];
    args = [args[1], args[0]];
  }
  if (name === 'mul' && args.length === 2) {
    const [a, b] = args;
    if (a.kind === 'number' && a.value === -1) return negate(b);
    if (b.kind === 'number' && b.value === -1) return negate(a);
  }
  if (name === 'neg' && args.length === 1) return negate(args[0]);
  if (AC_OPS.has(name)) {
    const flat: FormulaNode[] = [];
    const collect = (n: FormulaNode): void => {
      if (n.kind === 'call' && n.op === name && n.args.length === 2) n.args.forEach(collect);
      else flat.push(n);
    };
    args.forEach(collect);
    const sorted = sortByText(flat);
    let acc: FormulaNode = sorted[0];
    for (let k = 1; k < sorted.length; k++) acc = { kind: 'call', op: name, args: [acc, sorted[k]] };
    return acc;
  }
  const symmetric = op?.commutative === true ? args.length : typeof op?.commutative === 'number' ? op.commutative : 0;
  if (symmetric > 1) args = [...sortByText(args.slice(0, symmetric)), ...args.slice(symmetric)];
  return { kind: 'call', op: name, args } as CallNode;
}

function negate(n: FormulaNode): FormulaNode {
  if (n.kind === 'number') return { kind: 'number', value: -n.value };
  if (n.kind === 'call' && n.op === 'neg' && n.args.length === 1) return n.args[0];
  return { kind: 'call', op: 'neg', args: [n] };
}

function sortByText(nodes: FormulaNode[]): FormulaNode[] {
  return nodes
    .map((n) => ({ n, key: formatFormula(n) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((e) => e.n);
}
