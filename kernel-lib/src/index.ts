export * from './errors';
export { Rng } from './math/rng';
export { Panel } from './data/panel';
export type { PanelInit, PanelSource } from './data/panel';
export { usedSeeds } from './math/rng';
export * as display from './display';
export { show, Chart, Table, lineChart, barChart, fanChart, heatmap, progressDisplay } from './display';
