/**
 * Random formula trees and the genetic operators on them.
 *
 * - `randomTree`: "grow" initialisation; a leaf is a field, an inner node one of the
 *   grammar's operators with random windows.
 * - `mutate`: one of subtree replacement (a random series position gets a fresh subtree),
 *   point mutation (an operator becomes another of the same signature, or a field another
 *   field), or a window change.
 * - `crossover`: a random series subtree of one parent replaces a random series subtree of
 *   the other.
 * Window arguments are never swapped with series, so every offspring is well-typed. All
 * randomness comes from the `Rng` passed in.
 */
import { call, field, num, type FormulaNode, type CallNode } from '../dsl/ast';
import { formulaDepth, formulaSize } from '../dsl/ast';
import type { Rng } from '../../math/rng';
import type { MinerGrammar } from './grammar';

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)];
}

type Group = 'unary' | 'binary' | 'rolling' | 'pair';

function groupOf(g: MinerGrammar, op: string): Group | null {
  if (g.unary.includes(op)) return 'unary';
  if (g.binary.includes(op)) return 'binary';
  if (g.rolling.includes(op)) return 'rolling';
  if (g.pair.includes(op)) return 'pair';
  return null;
}

/** Argument positions that hold series (the rest are windows). */
function seriesArgs(g: MinerGrammar, node: CallNode): number[] {
  const grp = groupOf(g, node.op);
  if (grp === 'rolling') return [0];
  if (grp === 'pair') return [0, 1];
  return node.args.map((_, k) => k);
}

export function randomTree(rng: Rng, g: MinerGrammar, depth: number): FormulaNode {
  if (depth <= 1 || rng.uniform() < 0.2) return field(pick(rng, g.fields));
  const r = rng.uniform();
  const groups: [Group, number][] = [
    ['unary', 0.2],
    ['binary', 0.3],
    ['rolling', 0.4],
    ['pair', 0.1],
  ];
  let acc = 0;
  let grp: Group = 'rolling';
  for (const [name, p] of groups) {
    acc += p;
    if (r < acc && g[name].length > 0) {
      grp = name;
      break;
    }
  }
  if (g[grp].length === 0) return field(pick(rng, g.fields));
  const op = pick(rng, g[grp]);
  const sub = () => randomTree(rng, g, depth - 1);
  switch (grp) {
    case 'unary':
      return call(op, sub());
    case 'binary':
      return call(op, sub(), sub());
    case 'rolling':
      return call(op, sub(), num(pick(rng, g.windows)));
    case 'pair':
      return call(op, sub(), sub(), num(pick(rng, g.windows)));
  }
}

/** Paths (argument indices from the root) of every series-valued node. */
export function seriesPaths(g: MinerGrammar, node: FormulaNode, prefix: number[] = [], out: number[][] = []): number[][] {
  out.push(prefix);
  if (node.kind === 'call') for (const k of seriesArgs(g, node)) seriesPaths(g, node.args[k], [...prefix, k], out);
  return out;
}

export function nodeAt(node: FormulaNode, path: readonly number[]): FormulaNode {
  let n = node;
  for (const k of path) n = (n as CallNode).args[k];
  return n;
}

export function replaceAt(node: FormulaNode, path: readonly number[], sub: FormulaNode): FormulaNode {
  if (path.length === 0) return sub;
  const c = node as CallNode;
  const args = c.args.slice();
  args[path[0]] = replaceAt(args[path[0]], path.slice(1), sub);
  return { kind: 'call', op: c.op, args };
}

export interface TreeLimits {
  maxDepth: number;
  maxSize: number;
}

function fits(n: FormulaNode, lim: TreeLimits): boolean {
  return formulaDepth(n) <= lim.maxDepth && formulaSize(n) <= lim.maxSize;
}

export function mutate(rng: Rng, g: MinerGrammar, tree: FormulaNode, lim: TreeLimits): FormulaNode {
  for (let attempt = 0; attempt < 10; attempt++) {
    const paths = seriesPaths(g, tree);
    const path = pick(rng, paths);
    const target = nodeAt(tree, path);
    const kind = rng.uniform();
    let out: FormulaNode;
    if (kind < 0.5) {
      out = replaceAt(tree, path, randomTree(rng, g, Math.max(1, lim.maxDepth - path.length)));
    } else if (target.kind === 'field') {
      out = replaceAt(tree, path, field(pick(rng, g.fields)));
    } else if (target.kind === 'call') {
      const grp = groupOf(g, target.op);
      if (grp && kind < 0.8) {
        out = replaceAt(tree, path, { kind: 'call', op: pick(rng, g[grp]), args: target.args });
      } else if (grp === 'rolling' || grp === 'pair') {
        const args = target.args.slice();
        args[args.length - 1] = num(pick(rng, g.windows));
        out = replaceAt(tree, path, { kind: 'call', op: target.op, args });
      } else {
        out = replaceAt(tree, path, randomTree(rng, g, 2));
      }
    } else {
      out = replaceAt(tree, path, field(pick(rng, g.fields)));
    }
    if (fits(out, lim)) return out;
  }
  return tree;
}

export function crossover(rng: Rng, g: MinerGrammar, a: FormulaNode, b: FormulaNode, lim: TreeLimits): FormulaNode {
  for (let attempt = 0; attempt < 10; attempt++) {
    const pa = pick(rng, seriesPaths(g, a));
    const pb = pick(rng, seriesPaths(g, b));
    const out = replaceAt(a, pa, nodeAt(b, pb));
    if (fits(out, lim)) return out;
  }
  return a;
}
