import { ISignal, Signal } from '@lumino/signaling';
import { EPOCHS, type CombinationParams, type MiningParams, type PanelAction } from '../../codegen/actions';
import type { CellResult } from '../../notebook/outputs';
import type { Payload } from '../../payload/parse';
import { progressOf } from '../../render/kinds/progress';
import { FactorTable, factorRows } from './factorTable';

/** One tab of the Alpha Factory panel. */
export interface AlphaFactoryTab {
  /** Stable id; the tab's DOM id is `af-tab-<id>`. */
  readonly id: 'data' | 'mining' | 'factors' | 'combination';
  readonly label: string;
  /** One sentence: what the researcher does here. */
  readonly purpose: string;
}

export const ALPHA_FACTORY_TABS: readonly AlphaFactoryTab[] = [
  { id: 'data', label: 'Data', purpose: 'Load market data into a Panel and check it before any research.' },
  { id: 'mining', label: 'Mining', purpose: 'Mine formula alphas and admit them to the factor zoo.' },
  { id: 'factors', label: 'Factors', purpose: 'Inspect the factor zoo and choose factors for the mega-alpha.' },
  { id: 'combination', label: 'Combination', purpose: 'Combine the chosen factors into a mega-alpha, backtest it and export the report.' },
];

/** Runs an action as a generated cell (the notebook runner in Lab, a fake in tests). */
export interface ActionRunner {
  run(action: PanelAction, listener?: (r: CellResult) => void): Promise<{ notebook: string; code: string; done: Promise<CellResult> }>;
  /** Interrupts the kernel of the notebook the last cell went into. */
  interrupt?(): Promise<void>;
}

/** A `table` payload's content. */
export interface TableData {
  title: string;
  columns: string[];
  rows: unknown[][];
}

export function tableData(p: Payload): TableData {
  return {
    title: typeof p.title === 'string' ? p.title : '',
    columns: Array.isArray(p.columns) ? p.columns.map(String) : [],
    rows: Array.isArray(p.rows) ? (p.rows.filter(Array.isArray) as unknown[][]) : [],
  };
}

/** Where an action stands: what it ran, where, and how it ended. */
export interface ActionState {
  running: boolean;
  error: string | null;
  code: string | null;
  notebook: string | null;
}

const idle = (): ActionState => ({ running: false, error: null, code: null, notebook: null });

export interface ProgressState {
  done: number;
  total: number;
  message: string;
  /** Named figures from the progress payload (CPU miner: zoo, zooSize, best); empty from text. */
  stats?: Record<string, unknown>;
}

/** `Mining [#####-----] 3/10 (30%) zoo 5, best |RankIC| 0.0312` (progressDisplay's text). */
export function parseProgress(text: string): ProgressState | null {
  const m = /\[[#-]*\]\s+(\d+)\/(\d+)\s+\(\d+%\)\s*(.*)$/m.exec(text);
  return m ? { done: Number(m[1]), total: Number(m[2]), message: m[3].trim() } : null;
}

export interface SavedStrategy {
  name: string;
  kpis: Record<string, unknown>;
}

export const DEFAULT_MINING: MiningParams = {
  dataPath: '',
  generator: 'LSTM',
  epochs: EPOCHS.default,
  zooSize: 20,
  metric: 'RankIC',
  minIC: 0.03,
  minICIR: 0.1,
  maxCorrelation: 0.7,
  seed: 42,
  executor: 'cpu',
  generations: 6,
  population: 200,
};

export const DEFAULT_COMBINATION: CombinationParams = {
  factorIds: [],
  start: '',
  end: '',
  window: 60,
  topN: 10,
  method: 'alphaforge',
  horizon: 1,
  name: 'Mega-alpha',
};

/**
 * State of the Alpha Factory panel. Every button becomes a generated cell run through the
 * `runner`; what the cell's outputs hold (payloads, progress text, error) lands here, and
 * the views render it. Nothing here computes finance.
 */
export class AlphaFactoryModel {
  readonly tabs: readonly AlphaFactoryTab[] = ALPHA_FACTORY_TABS;
  runner: ActionRunner | null = null;

  // Data
  dataPath = '';
  readonly data: ActionState = idle();
  panel: Payload | null = null;
  issues: TableData | null = null;
  preview: TableData | null = null;
  stats: TableData | null = null;

  // Mining
  mining: MiningParams = { ...DEFAULT_MINING };
  readonly miningRun: ActionState = idle();
  progress: ProgressState | null = null;
  /** How many distinct progress states the current run has shown. */
  progressUpdates = 0;
  /** True once Cancel interrupted the running CPU miner. */
  cancelled = false;
  job: Payload | null = null;

  // Factors
  zoo: Payload | null = null;
  readonly factors = new FactorTable();
  correlation: TableData | null = null;

  // Combination
  combinationParams: CombinationParams = { ...DEFAULT_COMBINATION };
  readonly combinationRun: ActionState = idle();
  combination: Payload | null = null;
  backtest: Payload | null = null;
  strategies: SavedStrategy[] = [];
  readonly report: ActionState = idle();
  reportMessage = '';

  private _activeTab: AlphaFactoryTab['id'] = 'data';
  private readonly _activeTabChanged = new Signal<this, AlphaFactoryTab['id']>(this);
  private readonly _changed = new Signal<this, AlphaFactoryTab['id']>(this);

  get activeTab(): AlphaFactoryTab['id'] {
    return this._activeTab;
  }

  set activeTab(id: AlphaFactoryTab['id']) {
    if (id === this._activeTab || !this.tabs.some((t) => t.id === id)) return;
    this._activeTab = id;
    this._activeTabChanged.emit(id);
  }

  get activeTabChanged(): ISignal<this, AlphaFactoryTab['id']> {
    return this._activeTabChanged;
  }

  /** Emits the tab whose content changed. */
  get changed(): ISignal<this, AlphaFactoryTab['id']> {
    return this._changed;
  }

  emit(tab: AlphaFactoryTab['id']): void {
    this._changed.emit(tab);
  }

  /** Data tab: validate, load, preview and describe the file at `path` (relative to the notebook). */
  loadData(path: string): Promise<void> {
    this.dataPath = path.trim();
    if (!this.dataPath) return this.fail(this.data, 'data', 'Choose a CSV or Parquet file first.');
    this.mining = { ...this.mining, dataPath: this.dataPath };
    return this.perform(this.data, 'data', { type: 'load-data', path: this.dataPath, previewDates: 5 });
  }

  /** Mining tab: start mining with the current parameters. */
  startMining(): Promise<void> {
    if (this.miningRun.running) return Promise.resolve();
    this.progress = null;
    this.progressUpdates = 0;
    this.cancelled = false;
    this.job = null;
    if (this.mining.executor === 'cpu' && !this.panel) {
      return this.fail(this.miningRun, 'mining', 'Load data in the Data tab first: the CPU miner mines the loaded panel.');
    }
    if (this.mining.executor !== 'cpu' && !this.mining.dataPath) {
      return this.fail(this.miningRun, 'mining', 'Load data in the Data tab first: the job reads that file.');
    }
    return this.perform(this.miningRun, 'mining', { type: 'mine', params: { ...this.mining } }).then(() => {
      // the interrupt Cancel sent ends the cell with tslab's "Interrupted" error: that is the cancel, not a failure
      if (this.cancelled && this.miningRun.error) {
        this.miningRun.error = null;
        this._changed.emit('mining');
      }
    });
  }

  /** Mining tab: cancel. A job is cancelled by a generated cell; the CPU miner by interrupting its kernel. */
  async cancelMining(): Promise<void> {
    const id = this.job && typeof this.job.id === 'string' ? this.job.id : null;
    if (id) {
      await this.perform(idle(), 'mining', { type: 'cancel-job', jobId: id });
      return;
    }
    if (this.miningRun.running && this.runner?.interrupt) {
      this.cancelled = true;
      this._changed.emit('mining');
      await this.runner.interrupt();
    }
  }

  /** Combination tab: combine the selected factors (or all) and backtest. */
  combine(): Promise<void> {
    if (!this.zoo) return this.fail(this.combinationRun, 'combination', 'Mine factors first: the combination uses the zoo.');
    const params = { ...this.combinationParams, factorIds: this.factors.selectedIds() };
    return this.perform(this.combinationRun, 'combination', { type: 'combine', params });
  }

  /** Combination tab: export the notebook as an HTML report (alpha-factory report). */
  exportReport(notebookPath: string): Promise<void> {
    const name = notebookPath.slice(notebookPath.lastIndexOf('/') + 1);
    const html = name.replace(/\.ipynb$/, '') + '.html';
    this.reportMessage = '';
    return this.perform(this.report, 'combination', { type: 'export-report', notebook: name, html });
  }

  /** Routes what a generated cell produced to the state it feeds. */
  accept(result: CellResult): AlphaFactoryTab['id'][] {
    const touched = new Set<AlphaFactoryTab['id']>();
    for (const p of result.payloads) {
      const t = this.acceptPayload(p);
      if (t) touched.add(t);
    }
    for (const text of result.texts) {
      const pr = parseProgress(text);
      if (pr) {
        this.progress = pr;
        touched.add('mining');
      } else if (/^Report (written|failed)/.test(text.trim())) {
        this.reportMessage = text.trim();
        touched.add('combination');
      }
    }
    return Array.from(touched);
  }

  /** One payload: returns the tab it feeds, or null. */
  acceptPayload(p: Payload): AlphaFactoryTab['id'] | null {
    switch (p.kind) {
      case 'panel':
        this.panel = p;
        return 'data';
      case 'zoo':
        this.zoo = p;
        this.factors.setRows(factorRows(p));
        // a correlation table of another zoo no longer applies
        if (this.correlation) {
          const ids = new Set(this.factors.rows.map((r) => r.id));
          if (!this.correlation.rows.every((r) => ids.has(String(r[0])))) this.correlation = null;
        }
        this._changed.emit('factors');
        return 'mining';
      case 'job':
        this.job = p;
        return 'mining';
      case 'progress': {
        const v = progressOf(p);
        if (!v) return null;
        const next: ProgressState = { done: v.done, total: v.total, message: v.message, stats: v.stats };
        if (JSON.stringify(next) === JSON.stringify(this.progress)) return null;
        this.progress = next;
        this.progressUpdates++;
        return 'mining';
      }
      case 'combination':
        this.combination = p;
        return 'combination';
      case 'signal-backtest':
        this.backtest = p;
        return 'combination';
      case 'table': {
        const t = tableData(p);
        if (t.title === 'Validation issues') this.issues = t;
        else if (t.title === 'Preview') this.preview = t;
        else if (t.title === 'Statistics') this.stats = t;
        else if (t.title === 'Factor correlation') {
          this.correlation = t;
          this._changed.emit('factors');
          return 'mining';
        } else if (t.title === 'Strategy KPIs') {
          for (const row of t.rows) {
            const rec: Record<string, unknown> = {};
            t.columns.forEach((c, j) => (rec[c] = row[j]));
            const name = String(rec.strategy ?? '');
            delete rec.strategy;
            this.strategies = [...this.strategies.filter((s) => s.name !== name), { name, kpis: rec }];
          }
          return 'combination';
        } else return null;
        return 'data';
      }
      default:
        return null;
    }
  }

  private fail(state: ActionState, tab: AlphaFactoryTab['id'], message: string): Promise<void> {
    state.error = message;
    this._changed.emit(tab);
    return Promise.resolve();
  }

  private async perform(state: ActionState, tab: AlphaFactoryTab['id'], action: PanelAction): Promise<void> {
    if (!this.runner) return this.fail(state, tab, 'No notebook runner: open JupyterLab with the Alpha Factory extension.');
    state.running = true;
    state.error = null;
    this._changed.emit(tab);
    const listener = (r: CellResult): void => {
      for (const t of this.accept(r)) this._changed.emit(t);
    };
    try {
      const handle = await this.runner.run(action, listener);
      state.code = handle.code;
      state.notebook = handle.notebook;
      this._changed.emit(tab);
      const r = await handle.done;
      listener(r);
      state.error = r.error;
    } catch (e) {
      state.error = (e as Error).message ?? String(e);
    } finally {
      state.running = false;
      this._changed.emit(tab);
    }
  }
}
