export * from './errors';
export { Rng } from './math/rng';
export { Panel } from './data/panel';
export type { PanelInit, PanelSource } from './data/panel';
