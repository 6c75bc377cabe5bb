import type { FormulaNode } from './ast';
import { BINARY, PREFIX, PREFIX_PREC, TERNARY_PREC } from './syntax';

const ATOM = 100;

/** Shortest text that reads back as the same double (`0.1`, `-21`, `1e-12`). */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  return String(v);
}

/**
 * Print a tree as formula text: infix for arithmetic, comparisons, logic and the ternary,
 * function calls for everything else, with the fewest parentheses that parse back to the same
 * tree (see `syntax.ts` for precedence). `parseFormula(formatFormula(t))` equals `t`.
 */
export function formatFormula(node: FormulaNode): string {
  return print(node).text;
}

interface Printed {
  text: string;
  prec: number;
}

function wrap(p: Printed, need: boolean): string {
  return need ? `(${p.text})` : p.text;
}

function print(node: FormulaNode): Printed {
  if (node.kind === 'number') return { text: formatNumber(node.value), prec: node.value < 0 ? PREFIX_PREC : ATOM };
  if (node.kind === 'field') return { text: node.name, prec: ATOM };
  const args = node.args;
  const bin = BINARY[node.op];
  if (bin && args.length === 2) {
    const l = print(args[0]);
    const r = print(args[1]);
    const lNeed = l.prec < bin.prec || (l.prec === bin.prec && bin.assoc !== 'left');
    const rNeed = node.op === 'pow' ? r.prec < PREFIX_PREC : r.prec < bin.prec || (r.prec === bin.prec && bin.assoc !== 'right');
    return { text: `${wrap(l, lNeed)} ${bin.symbol} ${wrap(r, rNeed)}`, prec: bin.prec };
  }
  const prefix = PREFIX[node.op];
  if (prefix && args.length === 1) {
    const a = print(args[0]);
    // "- -x" would also parse, but "-(-x)" reads better; a negative literal after "-" needs it too.
    const need = a.prec < PREFIX_PREC || (a.prec === PREFIX_PREC && a.text.startsWith('-'));
    return { text: `${prefix}${wrap(a, need)}`, prec: PREFIX_PREC };
  }
  if (node.op === 'where' && args.length === 3) {
    const c = print(args[0]);
    const a = print(args[1]);
    const b = print(args[2]);
    return {
      text: `${wrap(c, c.prec <= TERNARY_PREC)} ? ${wrap(a, a.prec < TERNARY_PREC)} : ${wrap(b, b.prec < TERNARY_PREC)}`,
      prec: TERNARY_PREC,
    };
  }
  return { text: `${node.op}(${args.map((a) => print(a).text).join(', ')})`, prec: ATOM };
}
