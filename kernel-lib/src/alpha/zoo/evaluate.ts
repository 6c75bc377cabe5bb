/**
 * Factor values of zoo members on a panel, for the gate's zoo-correlation check and for
 * combiners: evaluates each member's formula with the given evaluator (which shares common
 * sub-formulas between members).
 */
import type { FormulaEvaluator } from '../eval';
import type { FactorZoo } from './zoo';
import type { FactorStatus, ZooEntry } from './types';

export function evaluateZoo(
  zoo: FactorZoo,
  evaluator: FormulaEvaluator,
  status: FactorStatus | FactorStatus[] = 'active',
): { entries: ZooEntry[]; names: string[]; values: Float64Array[] } {
  const entries = zoo.search({ status });
  return { entries, names: entries.map((e) => e.name), values: entries.map((e) => evaluator.evaluate(e.formula)) };
}
