/** Combiners by name, for the CLI and for code that takes the method as text. */
import { InvalidArgumentError } from '../../errors';
import type { CombinerRule } from './engine';
import { equalWeights, icWeights } from './simple';
import { alphaForgeWeights } from './alphaforge';
import { kakushadzeYuCombiner } from './kakushadzeYu';
import { bayesianWeights } from './bayesian';
import { adaptiveWeights } from './adaptive';
import { meanVarianceWeights } from './meanVariance';
import { hierarchicalWeights } from './hierarchical';

const MAKERS: Record<string, () => CombinerRule> = {
  equal: equalWeights,
  'ic-weighted': () => icWeights('ic'),
  'rank-ic-weighted': () => icWeights('rankIC'),
  alphaforge: () => alphaForgeWeights(),
  'kakushadze-yu': () => kakushadzeYuCombiner(),
  bayesian: () => bayesianWeights(),
  adaptive: () => adaptiveWeights(),
  'mean-variance': () => meanVarianceWeights(),
  hierarchical: () => hierarchicalWeights(),
};

export const COMBINER_NAMES: readonly string[] = Object.keys(MAKERS);

/** The combiner called `name` with default settings. */
export function combinerByName(name: string): CombinerRule {
  const make = MAKERS[name];
  if (!make) throw new InvalidArgumentError(`unknown combiner "${name}" (use ${COMBINER_NAMES.join(', ')})`);
  return make();
}
