import { ISignal, Signal } from '@lumino/signaling';

/** One tab of the Alpha Factory panel: what it is for, and what it will hold. */
export interface AlphaFactoryTab {
  /** Stable id; the tab's DOM id is `af-tab-<id>`. */
  readonly id: 'data' | 'mining' | 'factors' | 'combination';
  readonly label: string;
  /** One sentence: what the researcher does here. */
  readonly purpose: string;
  /** What the tab will hold once built (the panels issue). */
  readonly holds: readonly string[];
}

export const ALPHA_FACTORY_TABS: readonly AlphaFactoryTab[] = [
  {
    id: 'data',
    label: 'Data',
    purpose: 'Load market data into a Panel and check it before any research.',
    holds: [
      'A CSV or Parquet file picked from the file browser, or dropped on the panel',
      'A preview grid of the loaded panel',
      'Basic statistics per field and asset (describe)',
      'Validation errors, each with its file, row and column',
    ],
  },
  {
    id: 'mining',
    label: 'Mining',
    purpose: 'Mine formula alphas with a generator and admit them to the factor zoo.',
    holds: [
      'Generator (LSTM, GRU, Transformer), epochs 100–1000 in steps of 50 (default 300), zoo size, seed',
      'Evaluation metric (IC, RankIC, ICIR, RankICIR) and admission thresholds',
      'Target executor: CPU miner, local GPU job or Ray',
      'Start Mining with live progress (epoch, zoo fill, best IC) and Cancel',
    ],
  },
  {
    id: 'factors',
    label: 'Factors',
    purpose: 'Inspect the factor zoo and choose factors for the mega-alpha.',
    holds: [
      'The zoo as a sortable, filterable table: formula, IC, RankIC, ICIR, RankICIR, turnover, status',
      'A factor correlation heatmap',
      'Multi-select of factors for the mega-alpha',
    ],
  },
  {
    id: 'combination',
    label: 'Combination',
    purpose: 'Combine the chosen factors into a mega-alpha and backtest it.',
    holds: [
      'Date range, window, top-N and weighting method',
      'Weights over time; the mega-alpha against the fixed-weight baseline',
      'KPI cards (cumulative return, Sharpe, max drawdown) and saved-strategy comparison',
      'Export report: the HTML export of the notebook',
    ],
  },
];

/** State of the Alpha Factory panel: its tabs and which one is showing. */
export class AlphaFactoryModel {
  readonly tabs: readonly AlphaFactoryTab[] = ALPHA_FACTORY_TABS;
  private _activeTab: AlphaFactoryTab['id'] = 'data';
  private readonly _activeTabChanged = new Signal<this, AlphaFactoryTab['id']>(this);

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
}
