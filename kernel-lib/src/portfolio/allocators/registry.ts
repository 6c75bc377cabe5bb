/**
 * Every optimiser-style allocator by name, each behind the `Allocator` interface.
 */
import { InvalidArgumentError } from '../../errors';
import type { Allocation } from './allocation';
import { blackLitterman } from './blackLitterman';
import { equalRiskContribution } from './erc';
import { hrp } from './hrp';
import { kelly } from './kelly';
import { maxDiversification, maxSharpe } from './maxRatio';
import { meanVariance, minVariance } from './minVariance';
import { equalWeight, inverseVolatility } from './simple';
import type { AllocationInput, Allocator } from './types';

export type AllocatorName =
  | 'equal' | 'inverse_vol' | 'erc' | 'max_diversification' | 'min_volatility' | 'max_sharpe' | 'mean_variance' | 'hrp'
  | 'black_litterman' | 'kelly';

const make = (name: AllocatorName, f: (input: AllocationInput) => Allocation): Allocator => ({ name, allocate: f });

export const ALLOCATORS: Record<AllocatorName, Allocator> = {
  equal: make('equal', equalWeight),
  inverse_vol: make('inverse_vol', inverseVolatility),
  erc: make('erc', (i) => equalRiskContribution(i)),
  max_diversification: make('max_diversification', maxDiversification),
  min_volatility: make('min_volatility', minVariance),
  max_sharpe: make('max_sharpe', maxSharpe),
  mean_variance: make('mean_variance', (i) => meanVariance(i)),
  hrp: make('hrp', hrp),
  black_litterman: make('black_litterman', (i) => blackLitterman(i)),
  kelly: make('kelly', (i) => kelly(i)),
};

/** Run an allocator by name. */
export function allocate(name: string, input: AllocationInput): Allocation {
  const a = (ALLOCATORS as Record<string, Allocator>)[name];
  if (!a) throw new InvalidArgumentError(`unknown allocation method "${name}" (methods: ${Object.keys(ALLOCATORS).join(', ')})`);
  return a.allocate(input);
}
