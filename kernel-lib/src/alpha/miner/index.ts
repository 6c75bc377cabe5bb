export { mineFormulas, mineFormulasAsync, MiningResult, MINER_METRICS } from './miner';
export type { MinerMetric, MinerOptions, AsyncMinerOptions, MinerProgress, MinedFormula } from './miner';
export { DEFAULT_GRAMMAR, checkGrammar } from './grammar';
export type { MinerGrammar } from './grammar';
export { randomTree, mutate, crossover, seriesPaths } from './trees';
export type { TreeLimits } from './trees';
export { plantedSignalPanel } from './planted';
export type { PlantedPanelOptions } from './planted';
