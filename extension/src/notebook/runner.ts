/**
 * Runs generated code in a notebook: inserts the cell after the active cell of the current
 * notebook (or in a new tslab notebook in the experiment folder when none is open), runs it in
 * that notebook's kernel, and reports what its outputs hold while it runs and when it is done.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICodeCellModel } from '@jupyterlab/cells';
import { NotebookActions, type INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { codeFor } from '../codegen/generate';
import type { PanelAction } from '../codegen/actions';
import { importedNames } from '../codegen/imports';
import { rayTokenCode } from '../codegen/secrets';
import type { SettingsModel } from '../settings/model';
import { readOutputs, type CellResult, type OutputRecord } from './outputs';
import { dirname, join, relative } from './paths';

export interface RunHandle {
  /** The notebook the cell went into. */
  notebook: string;
  code: string;
  /** Resolves with the cell's outputs once it has run. */
  done: Promise<CellResult>;
}

/**
 * Whether a code cell ran and succeeded: tslab keeps the declarations (imports included) of
 * successful cells only, so a failed cell's imports must be written again.
 */
function ranOk(cell: ICodeCellModel): boolean {
  if (cell.executionCount === null) return false;
  const r = readOutputs(cell.outputs.toJSON() as OutputRecord[]);
  return r.error === null && r.stderr === '';
}

export type OutputListener = (result: CellResult) => void;

/** The kernel the panels write code for. */
export const KERNEL_NAME = 'tslab';

export class NotebookCodeRunner {
  constructor(
    private readonly app: JupyterFrontEnd,
    private readonly tracker: INotebookTracker,
    private readonly settings: SettingsModel,
  ) {}

  /** The notebook generated cells go into: the current one, or a new tslab notebook. */
  async target(): Promise<NotebookPanel> {
    const current = this.tracker.currentWidget;
    if (current) return current;
    const folder = this.settings.settings.experimentFolder;
    await this.ensureFolder(folder);
    const panel = (await this.app.commands.execute('notebook:create-new', { cwd: folder, kernelName: KERNEL_NAME })) as NotebookPanel;
    await panel.context.ready;
    return panel;
  }

  /** The code an action becomes in `panel` (imports the notebook lacks, job store relative to it). */
  codeIn(panel: NotebookPanel, action: PanelAction): string {
    const cells = panel.content.model?.cells;
    const sources: string[] = [];
    for (let i = 0; cells && i < cells.length; i++) {
      const c = cells.get(i);
      if (c.type === 'code' && ranOk(c as ICodeCellModel)) sources.push(c.sharedModel.getSource());
    }
    const s = this.settings.settings;
    const dir = dirname(panel.context.path);
    // paths the panels hold are relative to the server root; the kernel runs in the notebook's folder
    const local = (p: string): string => (p.startsWith('/') || p === '' ? p : relative(dir, p));
    if (action.type === 'load-data') action = { ...action, path: local(action.path) };
    if (action.type === 'mine') action = { ...action, params: { ...action.params, dataPath: local(action.params.dataPath) } };
    return codeFor(action, {
      imported: importedNames(sources),
      sources,
      jobStore: relative(dir, join(s.experimentFolder, 'jobs')),
      rayAddress: s.rayDashboardUrl,
    });
  }

  /** Inserts and runs the cell for `action`; `listener` sees the outputs each time they change. */
  async run(action: PanelAction, listener?: OutputListener): Promise<RunHandle> {
    const panel = await this.target();
    await panel.sessionContext.ready;
    this.last = panel;
    const code = this.codeIn(panel, action);
    const notebook = panel.content;
    if (notebook.widgets.length === 1 && notebook.activeCell?.model.sharedModel.getSource() === '') {
      // an empty new notebook: use its first cell
    } else {
      NotebookActions.insertBelow(notebook);
    }
    const cell = notebook.activeCell;
    if (!cell || cell.model.type !== 'code') throw new Error('could not insert a code cell');
    cell.model.sharedModel.setSource(code);
    // the report re-executes the notebook file: it must hold every cell, this one included
    if (action.type === 'export-report') await panel.context.save();
    // the Ray token from the settings goes into the kernel's environment, never into the notebook
    const secret = rayTokenCode(action, this.settings.settings.rayToken);
    const kernel = panel.sessionContext.session?.kernel;
    if (secret && kernel) await kernel.requestExecute({ code: secret, silent: true, store_history: false }).done;
    const model = cell.model as ICodeCellModel;
    const read = (): CellResult => readOutputs(model.outputs.toJSON() as OutputRecord[]);
    const onChange = (): void => listener?.(read());
    model.outputs.changed.connect(onChange);
    const done = NotebookActions.run(notebook, panel.sessionContext).then((ok) => {
      model.outputs.changed.disconnect(onChange);
      const r = read();
      if (!ok && !r.error) r.error = r.stderr.trim() || 'The generated cell failed; see the notebook.';
      listener?.(r);
      return r;
    });
    return { notebook: panel.context.path, code, done };
  }

  /** Interrupts the kernel of the notebook cells go into (cancels a CPU mining run). */
  async interrupt(): Promise<void> {
    await this.last?.sessionContext.session?.kernel?.interrupt();
  }

  /** The notebook the last cell went into. */
  get lastNotebook(): NotebookPanel | null {
    return this.last && !this.last.isDisposed ? this.last : null;
  }

  private last: NotebookPanel | null = null;

  private async ensureFolder(folder: string): Promise<void> {
    const contents = this.app.serviceManager.contents;
    let path = '';
    for (const part of folder.split('/').filter(Boolean)) {
      path = path ? `${path}/${part}` : part;
      try {
        await contents.get(path, { content: false });
      } catch {
        await contents.save(path, { type: 'directory' });
      }
    }
  }
}
