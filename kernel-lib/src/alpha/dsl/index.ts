import { defaultRegistry } from '../ops';
import type { OperatorRegistry } from '../ops/registry';
import type { FormulaNode } from './ast';
import { bindFormula } from './bind';
import { canonicalTree } from './canonical';
import { parseRaw } from './parser';
import { formatFormula } from './printer';

export { call, field, num, sameFormula, formulaSize, formulaDepth, formulaFields } from './ast';
export type { CallNode, FieldNode, FormulaNode, NumberNode } from './ast';
export { formatFormula, formatNumber } from './printer';
export { DEFAULT_FIELDS, DERIVED_FIELDS, STANDARD_FIELDS } from './fields';
export { tokenize } from './tokenizer';
export type { Token } from './tokenizer';

export interface ParseOptions {
  /** Fields that exist (default: open high low close volume vwap returns amount cap industry sector subindustry market). */
  fields?: Iterable<string>;
  /** Operator registry (default: the built-ins plus `registerOperator` additions). */
  registry?: OperatorRegistry;
}

/**
 * Parse formula text into a bound tree. Accepts infix arithmetic and comparisons
 * (`-(close / delay(close, 10) - 1)`, `cs_rank(volume) > 0.5 ? close : open`, `x ^ 2`), function
 * calls by canonical name or alias (Qlib `Ref($close, 1)`, `Mean`, `Std`; Alpha101 `rank`,
 * `correlation`, `Ts_ArgMax`, `adv20`; AlphaForge `S_log1p`, `ts_pctchange`), and never
 * evaluates JavaScript. Throws AlphaFactoryError with code 'formula_syntax', 'unknown_operator',
 * 'unknown_field', 'arity', 'window' or 'constant' and location { formula, position }.
 */
export function parseFormula(text: string, options: ParseOptions = {}): FormulaNode {
  const registry = options.registry ?? defaultRegistry;
  return bindFormula(parseRaw(text), registry, text, options.fields);
}

/** Parse a string (or bind a tree built in code) with the given options. */
export function toFormulaNode(formula: string | FormulaNode, options: ParseOptions = {}): FormulaNode {
  if (typeof formula === 'string') return parseFormula(formula, options);
  return bindFormula(formula, options.registry ?? defaultRegistry, undefined, options.fields);
}

/** The canonical tree of a formula (see `canonicalTree`). */
export function canonicalNode(formula: string | FormulaNode, options: ParseOptions = {}): FormulaNode {
  return canonicalTree(toFormulaNode(formula, options), options.registry ?? defaultRegistry);
}

/**
 * Canonical text of a formula, for de-duplication: two formulas with the same canonical text
 * compute the same thing. `canonicalFormula('Ref($close, 5) + $open') === canonicalFormula('open + delay(close, 5)')`.
 */
export function canonicalFormula(formula: string | FormulaNode, options: ParseOptions = {}): string {
  return formatFormula(canonicalNode(formula, options));
}
