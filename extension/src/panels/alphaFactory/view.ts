import { BoxLayout, TabPanel, Widget } from '@lumino/widgets';
import { el } from '../../render/dom';
import type { AlphaFactoryModel, AlphaFactoryTab } from './model';
import { combinationTab } from './tabs/combination';
import { dataTab } from './tabs/data';
import { factorsTab } from './tabs/factors';
import { miningTab, type LiveJob } from './tabs/mining';

export interface AlphaFactoryViewOptions {
  /** The file selected in the file browser (Data tab), if any. */
  pickFile?: () => string | null;
  /** A job's live state from the job store (GPU Jobs model), for the Mining tab. */
  liveJob?: (id: string) => LiveJob | null;
  /** Path of the notebook generated cells go into (Export report). */
  currentNotebook?: () => string | null;
}

interface TabContent {
  form: HTMLElement;
  results: () => HTMLElement;
}

/**
 * The Alpha Factory panel's content: one Lumino tab per model tab. Each tab has a form built
 * once (so typing is never interrupted) and a results area rebuilt when the model says that
 * tab changed. Charts are redrawn when the JupyterLab theme changes.
 */
export class AlphaFactoryView extends Widget {
  private readonly tabPanel = new TabPanel({ tabPlacement: 'top' });
  private readonly contents = new Map<AlphaFactoryTab['id'], { content: TabContent; holder: HTMLElement }>();
  private readonly themeObserver: MutationObserver | null;

  constructor(
    private readonly model: AlphaFactoryModel,
    options: AlphaFactoryViewOptions = {},
  ) {
    super();
    this.addClass('af-alpha-factory');
    this.tabPanel.addClass('af-alpha-factory-tabs');
    this.tabPanel.tabBar.node.setAttribute('aria-label', 'Alpha Factory sections');
    const doc = this.node.ownerDocument;
    const build: Record<AlphaFactoryTab['id'], () => TabContent> = {
      data: () => dataTab(doc, model, { pickFile: options.pickFile }),
      mining: () => miningTab(doc, model, options.liveJob ?? (() => null)),
      factors: () => factorsTab(doc, model),
      combination: () => combinationTab(doc, model, options.currentNotebook ?? (() => null)),
    };
    for (const tab of model.tabs) {
      const w = new Widget();
      w.id = `af-tab-${tab.id}`;
      w.addClass('af-tab');
      w.title.label = tab.label;
      w.title.caption = tab.purpose;
      w.node.setAttribute('role', 'region');
      w.node.setAttribute('aria-label', `${tab.label} tab`);
      const content = build[tab.id]();
      w.node.appendChild(el(doc, 'p', 'af-tab-purpose', tab.purpose));
      w.node.appendChild(content.form);
      const holder = w.node.appendChild(el(doc, 'div', 'af-tab-results'));
      this.contents.set(tab.id, { content, holder });
      this.tabPanel.addWidget(w);
    }
    const layout = new BoxLayout();
    layout.addWidget(this.tabPanel);
    this.layout = layout;
    this.tabPanel.currentChanged.connect((_, args) => {
      const id = args.currentWidget?.id.replace(/^af-tab-/, '');
      if (id) model.activeTab = id as AlphaFactoryTab['id'];
    });
    model.activeTabChanged.connect(this.showActiveTab, this);
    model.changed.connect(this.onChanged, this);
    for (const id of this.contents.keys()) this.renderTab(id);
    this.showActiveTab();
    const MO = doc.defaultView?.MutationObserver;
    this.themeObserver = MO ? new MO(() => this.renderTab(this.model.activeTab)) : null;
    this.themeObserver?.observe(doc.body, { attributes: true, attributeFilter: ['data-jp-theme-name'] });
  }

  dispose(): void {
    this.themeObserver?.disconnect();
    this.model.activeTabChanged.disconnect(this.showActiveTab, this);
    this.model.changed.disconnect(this.onChanged, this);
    super.dispose();
  }

  private onChanged(_: AlphaFactoryModel, tab: AlphaFactoryTab['id']): void {
    this.renderTab(tab);
  }

  private renderTab(id: AlphaFactoryTab['id']): void {
    const entry = this.contents.get(id);
    if (!entry) return;
    entry.holder.replaceChildren(entry.content.results());
  }

  private showActiveTab(): void {
    const index = this.model.tabs.findIndex((t) => t.id === this.model.activeTab);
    if (index >= 0 && this.tabPanel.currentIndex !== index) this.tabPanel.currentIndex = index;
    this.renderTab(this.model.activeTab);
  }
}
