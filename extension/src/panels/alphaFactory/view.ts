import { BoxLayout, TabPanel, Widget } from '@lumino/widgets';
import { el } from '../../render/dom';
import type { AlphaFactoryModel, AlphaFactoryTab } from './model';

/** The placeholder body of a tab: its purpose and what it will hold. */
function tabBody(doc: Document, tab: AlphaFactoryTab): HTMLElement {
  const body = el(doc, 'div', 'af-tab-placeholder');
  body.appendChild(el(doc, 'h3', 'af-tab-heading', tab.label));
  body.appendChild(el(doc, 'p', 'af-tab-purpose', tab.purpose));
  body.appendChild(el(doc, 'p', 'af-note', 'Coming in a next release. This tab will hold:'));
  const list = body.appendChild(el(doc, 'ul', 'af-tab-holds'));
  for (const item of tab.holds) list.appendChild(el(doc, 'li', undefined, item));
  return body;
}

/** The Alpha Factory panel's content: one Lumino tab per model tab, kept in sync with it. */
export class AlphaFactoryView extends Widget {
  private readonly tabPanel = new TabPanel({ tabPlacement: 'top' });

  constructor(private readonly model: AlphaFactoryModel) {
    super();
    this.addClass('af-alpha-factory');
    this.tabPanel.addClass('af-alpha-factory-tabs');
    this.tabPanel.tabBar.node.setAttribute('aria-label', 'Alpha Factory sections');
    for (const tab of model.tabs) {
      const w = new Widget();
      w.id = `af-tab-${tab.id}`;
      w.addClass('af-tab');
      w.title.label = tab.label;
      w.title.caption = tab.purpose;
      w.node.setAttribute('role', 'region');
      w.node.setAttribute('aria-label', `${tab.label} tab`);
      w.node.appendChild(tabBody(w.node.ownerDocument, tab));
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
    this.showActiveTab();
  }

  dispose(): void {
    this.model.activeTabChanged.disconnect(this.showActiveTab, this);
    super.dispose();
  }

  private showActiveTab(): void {
    const index = this.model.tabs.findIndex((t) => t.id === this.model.activeTab);
    if (index >= 0 && this.tabPanel.currentIndex !== index) this.tabPanel.currentIndex = index;
  }
}
