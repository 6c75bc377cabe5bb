/**
 * The alpha factory: a formula language over panels (dsl/, ops/, eval/), a library of known
 * alphas (library/), and the research tools built on them.
 */
export {
  parseFormula,
  formatFormula,
  canonicalFormula,
  canonicalNode,
  toFormulaNode,
  tokenize,
  call,
  field,
  num,
  sameFormula,
  formulaSize,
  formulaDepth,
  formulaFields,
  STANDARD_FIELDS,
  DEFAULT_FIELDS,
  DERIVED_FIELDS,
} from './dsl';
export type { FormulaNode, CallNode, FieldNode, NumberNode, ParseOptions, Token } from './dsl';
export { registerOperator, listOperators, defaultRegistry, OperatorRegistry } from './ops';
export type { ArgSpec, ArgType, ArgValue, Operator, OperatorContext, OperatorDef, OperatorInfo, OperatorKind } from './ops';
export { FormulaEvaluator, evaluateFormula } from './eval';
export type { EvaluateOptions, EvaluatorStats } from './eval';

// Research tools on factor values: metrics, validation gate, factor zoo, combiners, backtest.
export * from './metrics';
export * from './gate';
export * from './zoo';
export * from './combine';
export * from './backtest';
export * from './killswitch';
export * from './miner';
export { alphaLibrary, libraryAlpha, BASIC_ALPHAS, ALPHA101, alpha158, ALPHA158_WINDOWS } from './library';
export type { LibraryAlpha } from './library';
