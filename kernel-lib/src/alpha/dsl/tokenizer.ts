import { AlphaFactoryError } from '../../errors';

export type TokenType = 'number' | 'ident' | 'op' | '(' | ')' | ',' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** The text as written (for identifiers without a leading `$`). */
  readonly text: string;
  /** 0-based offset of the first character. */
  readonly pos: number;
  readonly end: number;
  /** Parsed value of a number token. */
  readonly value?: number;
}

const OPERATORS = ['**', '&&', '||', '<=', '>=', '==', '!=', '+', '-', '*', '/', '^', '<', '>', '!', '?', ':', '&', '|'];

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

/** A syntax error pointing at a character of the formula. */
export function syntaxError(formula: string, position: number, message: string): AlphaFactoryError {
  return new AlphaFactoryError('formula_syntax', message, { formula, position });
}

/**
 * Split a formula into tokens. Numbers: `12`, `0.5`, `.001`, `2.`, `1e-12`. Identifiers: letters,
 * digits and `_`, optionally prefixed by `$` (Qlib fields) and dotted (`IndClass.industry`).
 */
export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let p = 0;
  const n = formula.length;
  while (p < n) {
    const c = formula[p];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      p++;
      continue;
    }
    const start = p;
    if (isDigit(c) || (c === '.' && p + 1 < n && isDigit(formula[p + 1]))) {
      while (p < n && isDigit(formula[p])) p++;
      if (formula[p] === '.') {
        p++;
        while (p < n && isDigit(formula[p])) p++;
      }
      if ((formula[p] === 'e' || formula[p] === 'E') && (isDigit(formula[p + 1] ?? '') || ((formula[p + 1] === '+' || formula[p + 1] === '-') && isDigit(formula[p + 2] ?? '')))) {
        p += 2;
        while (p < n && isDigit(formula[p])) p++;
      }
      if (p < n && isIdentStart(formula[p])) throw syntaxError(formula, p, `unexpected "${formula[p]}" after the number "${formula.slice(start, p)}"`);
      const text = formula.slice(start, p);
      tokens.push({ type: 'number', text, pos: start, end: p, value: Number(text) });
      continue;
    }
    if (isIdentStart(c) || c === '$') {
      if (c === '$') {
        p++;
        if (p >= n || !isIdentStart(formula[p])) throw syntaxError(formula, start, 'expected a field name after "$"');
      }
      while (p < n && (isIdentPart(formula[p]) || (formula[p] === '.' && isIdentStart(formula[p + 1] ?? '')))) p++;
      const text = formula.slice(c === '$' ? start + 1 : start, p);
      tokens.push({ type: 'ident', text, pos: start, end: p });
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      p++;
      tokens.push({ type: c, text: c, pos: start, end: p });
      continue;
    }
    const op = OPERATORS.find((o) => formula.startsWith(o, p));
    if (op) {
      p += op.length;
      tokens.push({ type: 'op', text: op, pos: start, end: p });
      continue;
    }
    if (c === '=') throw syntaxError(formula, p, 'unexpected "=" (write == to compare)');
    throw syntaxError(formula, p, `unexpected character "${c}"`);
  }
  tokens.push({ type: 'eof', text: '', pos: n, end: n });
  return tokens;
}
