import type { CallNode, FormulaNode } from './ast';
import { BINARY, BINARY_TOKENS } from './syntax';
import { syntaxError, tokenize } from './tokenizer';
import type { Token } from './tokenizer';

/**
 * Recursive-descent parser from text to an unbound tree: operator and field names are kept as
 * written (aliases are resolved and arguments checked by `bindFormula`). Infix operators become
 * calls of the canonical operators (`a + b` -> add(a, b)); a minus sign directly before a number
 * folds into a negative literal, so `delay(close, -21)` has the literal -21 as its lag.
 */
export function parseRaw(formula: string): FormulaNode {
  if (typeof formula !== 'string') {
    throw syntaxError(String(formula), 0, `a formula must be a string, got ${typeof formula}`);
  }
  const tokens = tokenize(formula);
  let k = 0;
  const peek = (): Token => tokens[k];
  const next = (): Token => tokens[k++];
  const describe = (t: Token): string => (t.type === 'eof' ? 'the end of the formula' : `"${t.text}"`);
  const expect = (type: Token['type'], what: string): Token => {
    const t = peek();
    if (t.type !== type) throw syntaxError(formula, t.pos, `expected ${what}, found ${describe(t)}`);
    return next();
  };
  const span = (op: string, args: FormulaNode[], pos: number): CallNode => ({
    kind: 'call',
    op,
    args,
    pos,
    end: args[args.length - 1].end,
  });

  function ternary(): FormulaNode {
    const cond = binary(2);
    const t = peek();
    if (t.type === 'op' && t.text === '?') {
      next();
      const a = ternary();
      const colon = peek();
      if (colon.type !== 'op' || colon.text !== ':') {
        throw syntaxError(formula, colon.pos, `expected ":" of the "?" at position ${t.pos}, found ${describe(colon)}`);
      }
      next();
      const b = ternary();
      return span('where', [cond, a, b], cond.pos ?? t.pos);
    }
    return cond;
  }

  /** Binary operators with precedence >= minPrec (levels 2..6; ^ is handled in power()). */
  function binary(minPrec: number): FormulaNode {
    if (minPrec > 6) return unary();
    let left = binary(minPrec + 1);
    for (;;) {
      const t = peek();
      const op = t.type === 'op' ? BINARY_TOKENS[t.text] : undefined;
      if (!op || BINARY[op].prec !== minPrec) return left;
      next();
      const right = binary(minPrec + 1);
      left = span(op, [left, right], left.pos ?? t.pos);
    }
  }

  function unary(): FormulaNode {
    const t = peek();
    if (t.type === 'op' && (t.text === '-' || t.text === '+' || t.text === '!')) {
      next();
      const operand = unary();
      if (t.text === '+') return operand;
      if (t.text === '-' && operand.kind === 'number') {
        return { kind: 'number', value: -operand.value, pos: t.pos, end: operand.end };
      }
      return { kind: 'call', op: t.text === '-' ? 'neg' : 'not', args: [operand], pos: t.pos, end: operand.end };
    }
    return power();
  }

  function power(): FormulaNode {
    const base = primary();
    const t = peek();
    if (t.type === 'op' && (t.text === '^' || t.text === '**')) {
      next();
      const exponent = unary();
      return span('pow', [base, exponent], base.pos ?? t.pos);
    }
    return base;
  }

  function primary(): FormulaNode {
    const t = next();
    if (t.type === 'number') {
      if (!Number.isFinite(t.value)) throw syntaxError(formula, t.pos, `number "${t.text}" is out of range`);
      return { kind: 'number', value: t.value as number, pos: t.pos, end: t.end };
    }
    if (t.type === 'ident') {
      if (peek().type !== '(') return { kind: 'field', name: t.text, pos: t.pos, end: t.end };
      next();
      const args: FormulaNode[] = [];
      if (peek().type !== ')') {
        for (;;) {
          args.push(ternary());
          if (peek().type === ',') {
            next();
            continue;
          }
          break;
        }
      }
      const close = expect(')', `"," or ")" in the arguments of ${t.text}`);
      return { kind: 'call', op: t.text, args, pos: t.pos, end: close.end };
    }
    if (t.type === '(') {
      const inner = ternary();
      const close = expect(')', '")"');
      return { ...inner, pos: t.pos, end: close.end } as FormulaNode;
    }
    if (t.type === 'eof') throw syntaxError(formula, t.pos, 'unexpected end of the formula (an operand is missing)');
    throw syntaxError(formula, t.pos, `unexpected ${describe(t)} (expected a number, a field or a function call)`);
  }

  const tree = ternary();
  const rest = peek();
  if (rest.type !== 'eof') {
    const hint = rest.type === ')' ? 'unbalanced ")"' : `unexpected ${describe(rest)}`;
    throw syntaxError(formula, rest.pos, `${hint} after a complete expression`);
  }
  return tree;
}
