export { FormulaEvaluator, evaluateFormula } from './evaluator';
export type { EvaluateOptions, EvaluatorStats } from './evaluator';
