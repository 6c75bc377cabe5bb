import { Token } from '@lumino/coreutils';
import type { NotebookCodeRunner } from './notebook/runner';
import type { AlphaFactoryModel } from './panels/alphaFactory/model';
import type { GpuJobsModel } from './panels/gpuJobs/model';
import type { PortfolioModel } from './panels/portfolio/model';
import type { PayloadRendererRegistry } from './render/registry';
import type { SettingsModel } from './settings/model';

/** Plugin ids; the settings plugin's id names its schema (schema/settings/plugin.json). */
export const PLUGIN_IDS = {
  settings: '@alpha-factory/jupyterlab:plugin',
  renderers: '@alpha-factory/jupyterlab:renderers',
  alphaFactory: '@alpha-factory/jupyterlab:alpha-factory-panel',
  gpuJobs: '@alpha-factory/jupyterlab:gpu-jobs-panel',
  portfolio: '@alpha-factory/jupyterlab:portfolio-panel',
  runner: '@alpha-factory/jupyterlab:notebook-runner',
} as const;

/** Palette commands; the launcher cards run the same commands. */
export const CommandIDs = {
  openAlphaFactory: 'alpha-factory:open',
  openGpuJobs: 'alpha-factory:open-gpu-jobs',
  openPortfolio: 'alpha-factory:open-portfolio',
} as const;

/** Stable DOM ids (browser tests select these). */
export const DOM_IDS = {
  alphaFactory: 'af-alpha-factory-panel',
  gpuJobs: 'af-gpu-jobs-panel',
  portfolio: 'af-portfolio-panel',
} as const;

/** Palette and launcher category. */
export const CATEGORY = 'Alpha Factory';

/** The extension's settings, kept current from the setting registry. */
export const IAlphaFactorySettings = new Token<SettingsModel>(
  '@alpha-factory/jupyterlab:IAlphaFactorySettings',
  'Alpha Factory settings: Ray cluster, default executor, experiment folder, admission thresholds.',
);

/** The kind -> renderer registry used for notebook outputs and by the panels. */
export const IPayloadRenderers = new Token<PayloadRendererRegistry>(
  '@alpha-factory/jupyterlab:IPayloadRenderers',
  'Renders Alpha Factory payloads as text-only DOM; register a KindRenderer to add a kind.',
);

/** State of the Alpha Factory main-area panel. */
export const IAlphaFactoryModel = new Token<AlphaFactoryModel>(
  '@alpha-factory/jupyterlab:IAlphaFactoryModel',
  'State of the Alpha Factory panel (tabs Data, Mining, Factors, Combination).',
);

/** State of the GPU Jobs sidebar. */
export const IGpuJobsModel = new Token<GpuJobsModel>(
  '@alpha-factory/jupyterlab:IGpuJobsModel',
  'Jobs list and executor configuration shown by the GPU Jobs panel.',
);

/** State of the Portfolio sidebar. */
export const IPortfolioModel = new Token<PortfolioModel>(
  '@alpha-factory/jupyterlab:IPortfolioModel',
  'The notebook the Portfolio panel follows and the latest payload it emitted.',
);

/** Writes panel actions as code cells into the active notebook (or a new one) and runs them. */
export const INotebookRunner = new Token<NotebookCodeRunner>(
  '@alpha-factory/jupyterlab:INotebookRunner',
  'Turns panel actions into kernel-lib code cells, inserts them after the active cell and runs them.',
);
