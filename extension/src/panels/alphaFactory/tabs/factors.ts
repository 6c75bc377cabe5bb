import { chartNode } from '../../../charts/chart';
import { correlationHeatmap } from '../../../charts/specs';
import { el, formatValue } from '../../../render/dom';
import { button, textField } from '../../form';
import { FACTOR_COLUMNS, type FactorTable } from '../factorTable';
import type { AlphaFactoryModel } from '../model';

export const ROW_HEIGHT = 28;
const OVERSCAN = 8;

/**
 * A virtualised table of the zoo: a fixed header of sort buttons, then a scroller whose
 * height stands for every row, holding only the rows in view (plus a few). Rows are
 * re-used on scroll; every cell is text.
 */
export class VirtualFactorTable {
  readonly node: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private readonly header: HTMLElement;
  private first = -1;
  private last = -1;

  constructor(
    private readonly doc: Document,
    private readonly table: FactorTable,
    private readonly onSelectionChange: () => void,
    private readonly viewportHeight = 14 * ROW_HEIGHT,
  ) {
    this.node = el(doc, 'div', 'af-vtable');
    this.node.id = 'af-factor-table';
    this.node.setAttribute('role', 'grid');
    this.node.setAttribute('aria-label', 'Factor zoo');
    this.header = this.node.appendChild(el(doc, 'div', 'af-vrow af-vhead'));
    this.header.setAttribute('role', 'row');
    this.scroller = this.node.appendChild(el(doc, 'div', 'af-vscroll'));
    this.scroller.style.height = `${this.viewportHeight}px`;
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('aria-label', 'Factor rows (scroll)');
    this.spacer = this.scroller.appendChild(el(doc, 'div', 'af-vspacer'));
    this.body = this.spacer.appendChild(el(doc, 'div', 'af-vbody'));
    this.scroller.addEventListener('scroll', () => this.renderRows(false));
    this.refresh();
  }

  /** Rebuilds the header and the visible rows (after sort, filter or new rows). */
  refresh(): void {
    const doc = this.doc;
    const sort = this.table.sort;
    const cells: HTMLElement[] = [el(doc, 'span', 'af-vcell af-vsel', 'Use')];
    for (const c of FACTOR_COLUMNS) {
      const cell = el(doc, 'span', `af-vcell af-vcol-${c.key}`);
      cell.setAttribute('role', 'columnheader');
      cell.setAttribute('aria-sort', sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none');
      const b = cell.appendChild(el(doc, 'button', 'af-sort', c.label + (sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : '')));
      b.type = 'button';
      b.dataset.sort = c.key;
      b.addEventListener('click', () => {
        this.table.sortBy(c.key);
        this.refresh();
      });
      cells.push(cell);
    }
    this.header.replaceChildren(...cells);
    this.node.setAttribute('aria-rowcount', String(this.table.order.length + 1));
    this.spacer.style.height = `${this.table.order.length * ROW_HEIGHT}px`;
    this.renderRows(true);
  }

  /** Number of row elements in the DOM (tests: stays small for a huge zoo). */
  get renderedRows(): number {
    return this.body.childElementCount;
  }

  private renderRows(force: boolean): void {
    const order = this.table.order;
    const top = this.scroller.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(order.length, Math.ceil((top + this.viewportHeight) / ROW_HEIGHT) + OVERSCAN);
    if (!force && first === this.first && last === this.last) return;
    this.first = first;
    this.last = last;
    const doc = this.doc;
    const rows: HTMLElement[] = [];
    for (let pos = first; pos < last; pos++) {
      const r = this.table.rows[order[pos]];
      const row = el(doc, 'div', 'af-vrow');
      row.setAttribute('role', 'row');
      row.setAttribute('aria-rowindex', String(pos + 2));
      row.style.top = `${pos * ROW_HEIGHT}px`;
      row.dataset.id = r.id;
      const selCell = row.appendChild(el(doc, 'span', 'af-vcell af-vsel'));
      selCell.setAttribute('role', 'gridcell');
      const box = selCell.appendChild(el(doc, 'input', 'af-select-factor'));
      box.type = 'checkbox';
      box.checked = this.table.selected.has(r.id);
      box.setAttribute('aria-label', `Use ${r.name || r.id} in the mega-alpha`);
      box.addEventListener('change', () => {
        this.table.toggle(r.id, box.checked);
        row.classList.toggle('af-selected', box.checked);
        this.onSelectionChange();
      });
      if (box.checked) row.classList.add('af-selected');
      for (const c of FACTOR_COLUMNS) {
        const cell = row.appendChild(el(doc, 'span', `af-vcell af-vcol-${c.key}${c.numeric ? ' af-num' : ''}`));
        cell.setAttribute('role', 'gridcell');
        if (c.key === 'formula') {
          const code = cell.appendChild(el(doc, 'code', 'af-formula', r.formula));
          code.title = r.formula;
        } else {
          cell.textContent = formatValue(r[c.key]);
        }
      }
      rows.push(row);
    }
    this.body.replaceChildren(...rows);
  }
}

/** Factors tab: filter, quick selection, the virtualised zoo table, the correlation heatmap. */
export function factorsTab(doc: Document, model: AlphaFactoryModel): { form: HTMLElement; results: () => HTMLElement } {
  const form = el(doc, 'div', 'af-form af-form-row');
  const selectedLine = el(doc, 'p', 'af-selected-count');
  selectedLine.id = 'af-selected-count';
  selectedLine.setAttribute('aria-live', 'polite');
  const updateCount = (): void => {
    const n = model.factors.selected.size;
    selectedLine.textContent = n === 0 ? 'No factor selected: the combination uses every active or candidate factor.' : `${n} factor${n === 1 ? '' : 's'} selected for the mega-alpha.`;
  };
  let table: VirtualFactorTable | null = null;
  form.appendChild(
    textField(doc, 'Filter', model.factors.filter, (v) => {
      model.factors.setFilter(v);
      table?.refresh();
    }, { id: 'af-factor-filter', placeholder: 'formula, name, status…', type: 'search' }),
  );
  const buttons = form.appendChild(el(doc, 'div', 'af-buttons'));
  buttons.appendChild(button(doc, 'Select top 5', () => {
    model.factors.selectTop(5);
    table?.refresh();
    updateCount();
  }, { id: 'af-factor-top5' }));
  buttons.appendChild(button(doc, 'Clear selection', () => {
    model.factors.selectTop(0);
    table?.refresh();
    updateCount();
  }, { id: 'af-factor-clear' }));
  buttons.appendChild(button(doc, 'Combine selected →', () => {
    model.activeTab = 'combination';
    void model.combine();
  }, { id: 'af-factor-combine', primary: true }));

  const results = (): HTMLElement => {
    const root = el(doc, 'div', 'af-results');
    updateCount();
    root.appendChild(selectedLine);
    if (!model.zoo) {
      root.appendChild(el(doc, 'p', 'af-empty', 'The zoo is empty. Mine factors in the Mining tab, or show(zoo) in the notebook.'));
      table = null;
      return root;
    }
    table = new VirtualFactorTable(doc, model.factors, updateCount);
    root.appendChild(el(doc, 'p', 'af-note', `${model.factors.order.length} of ${model.factors.rows.length} factors shown.`));
    root.appendChild(table.node);
    if (model.correlation && model.correlation.rows.length > 0) {
      root.appendChild(chartNode(doc, correlationHeatmap(model.correlation), 'Factor correlation (daily factor returns)', 'af-chart af-heatmap'));
    }
    return root;
  };
  return { form, results };
}
