import { dataTable, el, keyValueTable, section } from '../../../render/dom';
import { actionStatus, button, textField } from '../../form';
import type { AlphaFactoryModel } from '../model';

export interface DataTabOptions {
  /** The path selected in the file browser (relative to the server root), if any. */
  pickFile?: () => string | null;
}

/** Contents paths carried by a JupyterLab file-browser drag (Lumino drag event), if any. */
export function droppedPath(event: Event): string | null {
  const mime = (event as unknown as { mimeData?: { getData(type: string): unknown } }).mimeData;
  const items = mime?.getData('application/x-jupyter-icontents');
  if (Array.isArray(items) && items.length > 0) {
    const first = items[0] as { path?: unknown };
    if (typeof first?.path === 'string') return first.path;
  }
  return null;
}

/** Data tab: choose a file (type, file browser, drop) -> generated validate/load/describe cell; the results. */
export function dataTab(doc: Document, model: AlphaFactoryModel, opts: DataTabOptions): { form: HTMLElement; results: () => HTMLElement } {
  const form = el(doc, 'form', 'af-form af-drop-zone');
  form.setAttribute('aria-label', 'Load data');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void model.loadData(model.dataPath);
  });
  let pathInput: HTMLInputElement | null = null;
  const setPath = (p: string): void => {
    model.dataPath = p;
    if (pathInput) pathInput.value = p;
  };
  const pathRow = textField(doc, 'Data file (CSV or Parquet)', model.dataPath, (v) => (model.dataPath = v), {
    id: 'af-data-path',
    placeholder: 'data/prices.csv',
    hint: 'Path from the JupyterLab root; or select a file in the file browser, or drop it here.',
  });
  pathInput = pathRow.querySelector('input');
  form.appendChild(pathRow);
  const buttons = form.appendChild(el(doc, 'div', 'af-buttons'));
  if (opts.pickFile) {
    buttons.appendChild(
      button(doc, 'Use file browser selection', () => {
        const p = opts.pickFile?.();
        if (p) setPath(p);
      }, { id: 'af-data-browse' }),
    );
  }
  const load = button(doc, 'Load and check', () => void model.loadData(model.dataPath), { id: 'af-data-load', primary: true });
  buttons.appendChild(load);
  // drops: a file from JupyterLab's file browser (Lumino drag) or a path as text
  for (const type of ['lm-dragenter', 'lm-dragover']) {
    form.addEventListener(type, (e) => {
      if (droppedPath(e) !== null || (e as unknown as { mimeData?: { hasData(t: string): boolean } }).mimeData?.hasData('application/x-jupyter-icontents')) {
        e.preventDefault();
        e.stopPropagation();
        (e as unknown as { dropAction: string }).dropAction = 'copy';
        form.classList.add('af-drop-active');
      }
    });
  }
  form.addEventListener('lm-dragleave', () => form.classList.remove('af-drop-active'));
  form.addEventListener('lm-drop', (e) => {
    const p = droppedPath(e);
    form.classList.remove('af-drop-active');
    if (p) {
      e.preventDefault();
      e.stopPropagation();
      (e as unknown as { dropAction: string }).dropAction = 'copy';
      setPath(p);
      void model.loadData(p);
    }
  });
  form.addEventListener('dragover', (e) => e.preventDefault());
  form.addEventListener('drop', (e) => {
    const text = e.dataTransfer?.getData('text/plain');
    if (text) {
      e.preventDefault();
      setPath(text.trim());
      void model.loadData(text.trim());
    }
  });

  const results = (): HTMLElement => {
    const root = el(doc, 'div', 'af-results');
    root.appendChild(actionStatus(doc, model.data, `Checking and loading ${model.dataPath}…`));
    const p = model.panel;
    if (p) {
      root.appendChild(
        section(doc, 'Panel', keyValueTable(doc, [
          ['source', p.source],
          ['dates', p.n_dates],
          ['assets', p.n_assets],
          ['fields', Array.isArray(p.fields) ? p.fields.join(', ') : p.fields],
          ['first date', p.first_date],
          ['last date', p.last_date],
        ])),
      );
    }
    if (model.issues) {
      const n = model.issues.rows.length;
      const body = n === 0 ? el(doc, 'p', 'af-ok', 'No issues: every row and column is valid.') : dataTable(doc, model.issues.columns, model.issues.rows);
      const s = root.appendChild(section(doc, `Validation (${n} issue${n === 1 ? '' : 's'})`, body));
      s.id = 'af-data-issues';
    }
    if (model.preview) {
      const wrap = el(doc, 'div', 'af-grid-wrap');
      wrap.appendChild(dataTable(doc, model.preview.columns, model.preview.rows));
      root.appendChild(section(doc, 'Preview', wrap)).id = 'af-data-preview';
    }
    if (model.stats) {
      const wrap = el(doc, 'div', 'af-grid-wrap');
      wrap.appendChild(dataTable(doc, model.stats.columns, model.stats.rows));
      root.appendChild(section(doc, 'Statistics', wrap)).id = 'af-data-stats';
    }
    if (!p && !model.issues && !model.data.running && !model.data.error) {
      root.appendChild(el(doc, 'p', 'af-empty', 'No data loaded yet. Loading writes a cell into the active notebook (or a new one) and runs it.'));
    }
    return root;
  };
  return { form, results };
}
