export { DEFAULT_GATE_THRESHOLDS, DEFAULT_COST_PER_UNIT_TRADED } from './thresholds';
export type { GateThresholds } from './thresholds';
export { validateFactor, GateResult } from './gate';
export type { GateCheck, GateInput, CheckStatus } from './gate';
export { factorEconomics } from './economics';
export type { FactorEconomics } from './economics';
export { liquidityScore, rollingMeanByAsset } from './liquidity';
export { gateFactor, maxZooCorrelation, meanFactorCorrelation } from './gateFactor';
export type { GateFactorOptions } from './gateFactor';
