export { Allocation, type AllocationPayload } from './allocation';
export type { AllocationInput, Allocator } from './types';
export { resolveConstraints, satisfies, type Constraints, type ResolvedConstraints } from './constraints';
export { projectToConstraints, solvePortfolioQp } from './qpBuild';
export { projectBoxBudget } from './project';
export { equalWeight, inverseVolatility, fixedWeights, PRESETS } from './simple';
export { minVariance, meanVariance } from './minVariance';
export { efficientReturn, efficientRisk } from './frontier';
export { maxSharpe, maxDiversification } from './maxRatio';
export { equalRiskContribution, riskBudgeting, riskBudgetY, type RiskBudgetOptions } from './erc';
export { hrp, hrpWeights, singleLinkage, preOrder, type Linkage } from './hrp';
export {
  blackLitterman, blackLittermanPosterior, marketImpliedPriorReturns, marketImpliedRiskAversion,
  type BlackLittermanOptions, type BlackLittermanPosterior, type Views,
} from './blackLitterman';
export { kelly, kellyCriterion, multiStrategyKelly, type KellyStrategy } from './kelly';
export { strategyScore, scoreTargets, stepTowards, DynamicAllocator, rebalanceAllocation, type StrategyPerformance, type RebalanceRecord } from './dynamic';
export { DrawdownGuard, DEFAULT_LADDER, type GuardStatus } from './drawdownGuard';
export { regimeOverlay, varBudgetScale, mixSleeves, REGIME_MULTIPLIERS } from './overlays';
export { ALLOCATORS, allocate, type AllocatorName } from './registry';
