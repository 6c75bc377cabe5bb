/**
 * Infix syntax shared by the parser and the printer. Precedence, loosest first:
 *   1  c ? a : b            where(c, a, b)       right-associative
 *   2  a || b   (also |)    or(a, b)
 *   3  a && b   (also &)    and(a, b)
 *   4  == != < <= > >=      eq ne lt le gt ge    (chains group to the left; printed with parentheses)
 *   5  a + b, a - b         add, sub
 *   6  a * b, a / b         mul, div
 *   7  -a, !a               neg, not              (so -x ^ 2 is -(x ^ 2), as in mathematics)
 *   8  a ^ b   (also **)    pow                   right-associative, the exponent may be signed: x ^ -2
 */
export interface BinarySyntax {
  readonly symbol: string;
  readonly prec: number;
  readonly assoc: 'left' | 'right' | 'none';
}

export const BINARY: Readonly<Record<string, BinarySyntax>> = {
  or: { symbol: '||', prec: 2, assoc: 'left' },
  and: { symbol: '&&', prec: 3, assoc: 'left' },
  eq: { symbol: '==', prec: 4, assoc: 'none' },
  ne: { symbol: '!=', prec: 4, assoc: 'none' },
  lt: { symbol: '<', prec: 4, assoc: 'none' },
  le: { symbol: '<=', prec: 4, assoc: 'none' },
  gt: { symbol: '>', prec: 4, assoc: 'none' },
  ge: { symbol: '>=', prec: 4, assoc: 'none' },
  add: { symbol: '+', prec: 5, assoc: 'left' },
  sub: { symbol: '-', prec: 5, assoc: 'left' },
  mul: { symbol: '*', prec: 6, assoc: 'left' },
  div: { symbol: '/', prec: 6, assoc: 'left' },
  pow: { symbol: '^', prec: 8, assoc: 'right' },
};

export const PREFIX: Readonly<Record<string, string>> = { neg: '-', not: '!' };
export const PREFIX_PREC = 7;
export const TERNARY_PREC = 1;

/** Token text -> operator name for binary infix operators (aliases included). */
export const BINARY_TOKENS: Readonly<Record<string, string>> = {
  '||': 'or',
  '|': 'or',
  '&&': 'and',
  '&': 'and',
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '^': 'pow',
  '**': 'pow',
};
