/** What a panel asks the notebook to do; each action becomes one generated code cell. */

export const GENERATORS = ['LSTM', 'GRU', 'Transformer'] as const;
export type Generator = (typeof GENERATORS)[number];
export const METRICS = ['IC', 'RankIC', 'ICIR', 'RankICIR'] as const;
export type Metric = (typeof METRICS)[number];
export const EXECUTORS = ['cpu', 'local-gpu', 'ray'] as const;
export type MiningExecutor = (typeof EXECUTORS)[number];
export const EXECUTOR_LABELS: Record<MiningExecutor, string> = {
  cpu: 'CPU miner (in this kernel)',
  'local-gpu': 'Local GPU job',
  ray: 'Ray cluster job',
};
export const COMBINATION_METHODS = ['alphaforge', 'equal', 'ic', 'rankIC'] as const;
export type CombinationMethod = (typeof COMBINATION_METHODS)[number];

/** Epochs control of the plan (A.9): 100..1000 in steps of 50, default 300. */
export const EPOCHS = { min: 100, max: 1000, step: 50, default: 300 } as const;

export interface LoadDataAction {
  type: 'load-data';
  /** File path relative to the notebook's folder (as the kernel sees it). */
  path: string;
  /** Dates shown in the preview grid. */
  previewDates: number;
}

export interface MiningParams {
  /** Path of the data file, relative to the notebook (GPU/Ray jobs read it; the CPU miner uses `panel`). */
  dataPath: string;
  generator: Generator;
  epochs: number;
  zooSize: number;
  metric: Metric;
  minIC: number;
  minICIR: number;
  maxCorrelation: number;
  seed: number;
  executor: MiningExecutor;
  /** CPU miner: generations and population of the genetic programme. */
  generations: number;
  population: number;
}

export interface MineAction {
  type: 'mine';
  params: MiningParams;
}

export interface CombinationParams {
  /** Zoo ids of the chosen factors (empty: every active or candidate factor). */
  factorIds: string[];
  /** ISO dates, inclusive; '' for the panel's first/last date. */
  start: string;
  end: string;
  /** Realised dates in the weighting window (0: expanding). */
  window: number;
  topN: number;
  method: CombinationMethod;
  /** Label horizon in days. */
  horizon: number;
  /** Name the strategy is saved under in the comparison. */
  name: string;
}

export interface CombineAction {
  type: 'combine';
  params: CombinationParams;
}

export interface JobAction {
  type: 'cancel-job' | 'retry-job' | 'show-job';
  jobId: string;
}

export interface CloneJobAction {
  type: 'clone-job';
  jobId: string;
  seed: number;
}

export interface ExportReportAction {
  type: 'export-report';
  /** The notebook, relative to its own folder (its file name). */
  notebook: string;
  /** The HTML file to write, relative to the notebook's folder. */
  html: string;
}

export type PanelAction = LoadDataAction | MineAction | CombineAction | JobAction | CloneJobAction | ExportReportAction;

/** Where the generated code runs. */
export interface CodeContext {
  /** Names already imported from @alpha-factory/kernel in the notebook. */
  imported: ReadonlySet<string>;
  /** Sources of the notebook's cells (for node: imports). */
  sources: readonly string[];
  /** The job store folder, relative to the notebook's folder (e.g. `../experiments/jobs`). */
  jobStore: string;
  /** Ray dashboard address from the settings ('' when none). */
  rayAddress: string;
}
