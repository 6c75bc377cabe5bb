/**
 * The JupyterLab plugins of Alpha Factory Lab. Each plugin provides or requires one token
 * (tokens.ts); state lives in the models (panels/<panel>/model.ts), views only render
 * (panels/<panel>/view.ts), payload views come from the renderer registry (render/). The
 * MIME renderer itself is the mime extension in mime.ts.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin,
} from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { Poll } from '@lumino/polling';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { Widget } from '@lumino/widgets';
import { alphaFactoryIcon, gpuJobsIcon, portfolioIcon } from './icons';
import { AlphaFactoryModel } from './panels/alphaFactory/model';
import { AlphaFactoryView } from './panels/alphaFactory/view';
import { NotebookCodeRunner } from './notebook/runner';
import { GpuJobsModel } from './panels/gpuJobs/model';
import { JobStoreReader } from './panels/gpuJobs/store';
import { refreshJobs } from './panels/gpuJobs/poll';
import { RayProxy } from './panels/gpuJobs/proxy';
import { GpuJobsView } from './panels/gpuJobs/view';
import { PortfolioModel } from './panels/portfolio/model';
import { PortfolioView } from './panels/portfolio/view';
import type { PayloadRendererRegistry } from './render/registry';
import { sharedRenderers } from './render/shared';
import { SettingsModel } from './settings/model';
import {
  CATEGORY,
  CommandIDs,
  DOM_IDS,
  IAlphaFactoryModel,
  IAlphaFactorySettings,
  IGpuJobsModel,
  INotebookRunner,
  IPayloadRenderers,
  IPortfolioModel,
  PLUGIN_IDS,
} from './tokens';

/** A command that opens a panel, in the palette and as a launcher card. */
function addOpenCommand(
  app: JupyterFrontEnd,
  spec: { id: string; label: string; caption: string; icon: LabIcon; rank: number; execute: () => Widget },
  palette: ICommandPalette | null,
  launcher: ILauncher | null,
): void {
  app.commands.addCommand(spec.id, {
    label: spec.label,
    caption: spec.caption,
    icon: (args) => (args.isPalette ? undefined : spec.icon),
    execute: spec.execute,
  });
  palette?.addItem({ command: spec.id, category: CATEGORY });
  launcher?.add({ command: spec.id, category: CATEGORY, rank: spec.rank });
}

/** Puts a sidebar panel in the shell with its id, icon and aria label, and restores it. */
function addSidebar(
  app: JupyterFrontEnd,
  widget: Widget,
  spec: { id: string; label: string; icon: LabIcon; area: 'left' | 'right' },
  restorer: ILayoutRestorer | null,
): void {
  widget.id = spec.id;
  widget.title.icon = spec.icon;
  widget.title.caption = spec.label;
  widget.node.setAttribute('role', 'region');
  widget.node.setAttribute('aria-label', `${spec.label} panel`);
  app.shell.add(widget, spec.area, { rank: 650 });
  restorer?.add(widget, spec.id);
}

/** Keeps `model` following the active notebook's cells. */
function followActiveNotebook(notebooks: INotebookTracker, model: PortfolioModel): void {
  const follow = (panel: NotebookPanel | null): void => {
    if (!panel) {
      model.follow(null);
      return;
    }
    void panel.context.ready.then(() => {
      const cells = panel.content.model?.cells;
      if (notebooks.currentWidget === panel && cells) model.follow({ name: panel.context.path, cells });
    });
  };
  notebooks.currentChanged.connect((_, panel) => follow(panel));
  follow(notebooks.currentWidget);
}

/** Settings: reads schema/settings/plugin.json through the setting registry. */
const settingsPlugin: JupyterFrontEndPlugin<SettingsModel> = {
  id: PLUGIN_IDS.settings,
  description: 'Alpha Factory settings: Ray cluster, default executor, experiment folder, admission thresholds.',
  autoStart: true,
  provides: IAlphaFactorySettings,
  optional: [ISettingRegistry],
  activate: (_app: JupyterFrontEnd, registry: ISettingRegistry | null): SettingsModel => {
    const model = new SettingsModel();
    registry
      ?.load(PLUGIN_IDS.settings)
      .then((settings) => {
        model.update(settings.composite);
        settings.changed.connect(() => model.update(settings.composite));
      })
      .catch((reason: unknown) => console.warn('Alpha Factory: settings not loaded, using defaults.', reason));
    return model;
  },
};

/** The payload renderer registry, shared with the MIME renderer extension. */
const renderersPlugin: JupyterFrontEndPlugin<PayloadRendererRegistry> = {
  id: PLUGIN_IDS.renderers,
  description: 'The Alpha Factory payload renderers (kind -> text-only view).',
  autoStart: true,
  provides: IPayloadRenderers,
  activate: (): PayloadRendererRegistry => sharedRenderers,
};

/** The notebook runner: panel actions -> generated cells in the active (or a new tslab) notebook. */
const runnerPlugin: JupyterFrontEndPlugin<NotebookCodeRunner> = {
  id: PLUGIN_IDS.runner,
  description: 'Writes panel actions as kernel-lib code cells into the active notebook and runs them.',
  autoStart: true,
  provides: INotebookRunner,
  requires: [INotebookTracker, IAlphaFactorySettings],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker, settings: SettingsModel): NotebookCodeRunner =>
    new NotebookCodeRunner(app, tracker, settings),
};

/** Alpha Factory: the main-area panel with tabs Data, Mining, Factors, Combination. */
const alphaFactoryPlugin: JupyterFrontEndPlugin<AlphaFactoryModel> = {
  id: PLUGIN_IDS.alphaFactory,
  description: 'The Alpha Factory panel (main area).',
  autoStart: true,
  provides: IAlphaFactoryModel,
  optional: [ICommandPalette, ILauncher, ILayoutRestorer, INotebookRunner, IGpuJobsModel, IDefaultFileBrowser, INotebookTracker, IAlphaFactorySettings],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    restorer: ILayoutRestorer | null,
    runner: NotebookCodeRunner | null,
    jobsModel: GpuJobsModel | null,
    browser: IDefaultFileBrowser | null,
    notebooks: INotebookTracker | null,
    settings: SettingsModel | null,
  ): AlphaFactoryModel => {
    const model = new AlphaFactoryModel();
    model.runner = runner;
    if (settings) {
      // the Mining form starts from the configured admission thresholds and executor
      const apply = (s: SettingsModel['settings']): void => {
        model.mining = {
          ...model.mining,
          minIC: s.gateThresholds.minIC,
          minICIR: s.gateThresholds.minICIR,
          maxCorrelation: s.gateThresholds.maxCorrelation,
          executor: s.defaultExecutor === 'ray' ? 'ray' : model.mining.executor,
        };
      };
      apply(settings.settings);
      settings.changed.connect((_, s) => apply(s));
    }
    if (notebooks) {
      // a zoo, combination or backtest shown by any cell of the active notebook feeds the tabs too
      const follower = new PortfolioModel();
      const seen = new Map<string, unknown>();
      follower.changed.connect(() => {
        for (const kind of ['zoo', 'combination', 'signal-backtest']) {
          const p = follower.latestOf(kind);
          if (p && seen.get(kind) !== p) {
            seen.set(kind, p);
            const tab = model.acceptPayload(p);
            if (tab) model.emit(tab);
          }
        }
      });
      followActiveNotebook(notebooks, follower);
    }
    jobsModel?.changed.connect(() => {
      if (model.job) model.emit('mining');
    });
    const viewOptions = {
      pickFile: browser
        ? () => {
            const item = browser.selectedItems().next();
            return item && !item.done && item.value.type !== 'directory' ? item.value.path : null;
          }
        : undefined,
      liveJob: (id: string) => {
        const j = jobsModel?.job(id);
        return j ? { state: j.status, progress: j.progress, message: j.message ?? null, device: j.device } : null;
      },
      currentNotebook: () => runner?.lastNotebook?.context.path ?? null,
    };
    const tracker = new WidgetTracker<MainAreaWidget<AlphaFactoryView>>({ namespace: 'alpha-factory' });
    let widget: MainAreaWidget<AlphaFactoryView> | null = null;
    addOpenCommand(
      app,
      {
        id: CommandIDs.openAlphaFactory,
        label: 'Alpha Factory',
        caption: 'Open the Alpha Factory panel: data, mining, factors, combination',
        icon: alphaFactoryIcon,
        rank: 1,
        execute: () => {
          if (!widget || widget.isDisposed) {
            widget = new MainAreaWidget({ content: new AlphaFactoryView(model, viewOptions) });
            widget.id = DOM_IDS.alphaFactory;
            widget.addClass('af-panel');
            widget.title.label = 'Alpha Factory';
            widget.title.icon = alphaFactoryIcon;
            widget.title.closable = true;
            widget.node.setAttribute('role', 'region');
            widget.node.setAttribute('aria-label', 'Alpha Factory panel');
            void tracker.add(widget);
          }
          if (!widget.isAttached) app.shell.add(widget, 'main');
          app.shell.activateById(widget.id);
          return widget;
        },
      },
      palette,
      launcher,
    );
    if (restorer) {
      void restorer.restore(tracker, { command: CommandIDs.openAlphaFactory, name: () => 'alpha-factory' });
    }
    return model;
  },
};

/** GPU Jobs: the left sidebar listing jobs and the executor configuration. */
const gpuJobsPlugin: JupyterFrontEndPlugin<GpuJobsModel> = {
  id: PLUGIN_IDS.gpuJobs,
  description: 'The GPU Jobs panel (left sidebar).',
  autoStart: true,
  provides: IGpuJobsModel,
  requires: [IAlphaFactorySettings],
  optional: [ICommandPalette, ILauncher, ILayoutRestorer, INotebookRunner],
  activate: (
    app: JupyterFrontEnd,
    settings: SettingsModel,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    restorer: ILayoutRestorer | null,
    runner: NotebookCodeRunner | null,
  ): GpuJobsModel => {
    const model = new GpuJobsModel(settings.settings);
    const storeFolder = (): string => `${settings.settings.experimentFolder.replace(/\/+$/, '')}/jobs`;
    const reader = new JobStoreReader(app.serviceManager.contents, storeFolder());
    // the configured Ray cluster, through the server extension's proxy (alpha_factory_lab/ray_proxy.py)
    const ray = new RayProxy(app.serviceManager.serverSettings);
    const rayTarget = () => ({ address: settings.settings.rayDashboardUrl.trim(), token: settings.settings.rayToken });
    // Poll the job store and the Ray cluster: every 2 s while jobs are active or the list changes;
    // backing off to 30 s when idle (an idle read rejects, which makes the poll back off), paused when hidden.
    const poll = new Poll({
      factory: async () => {
        reader.folder = storeFolder();
        if (!(await refreshJobs(model, reader, ray, rayTarget()))) throw new Error('idle');
      },
      frequency: { interval: 2000, backoff: true, max: 30000 },
      standby: 'when-hidden',
      name: 'alpha-factory:job-store',
    });
    settings.changed.connect((_, s) => {
      model.setSettings(s);
      void poll.refresh();
    });
    model.readLog = (id) => reader.logTail(id);
    model.readRayLog = (sid) => ray.logs(rayTarget(), sid, 40);
    model.stopRay = async (sid) => {
      await ray.stop(rayTarget(), sid);
      void poll.refresh();
    };
    model.runCommand = async (c) => {
      if (!runner) throw new Error('No notebook runner.');
      const handle = await runner.run(c);
      void poll.refresh();
      await handle.done;
      void poll.refresh();
    };
    if (runner) {
      // any generated cell (mining jobs, cancels) may change the store: look now
      const run = runner.run.bind(runner);
      runner.run = async (...args) => {
        const handle = await run(...args);
        void handle.done.then(() => poll.refresh());
        return handle;
      };
    }
    const view = new GpuJobsView(model, {
      storeFolder,
      openFile: (path) => void app.commands.execute('docmanager:open', { path }),
    });
    addSidebar(app, view, { id: DOM_IDS.gpuJobs, label: 'GPU Jobs', icon: gpuJobsIcon, area: 'left' }, restorer);
    addOpenCommand(
      app,
      {
        id: CommandIDs.openGpuJobs,
        label: 'GPU Jobs',
        caption: 'Show the GPU Jobs panel: mining and training jobs, local or on Ray',
        icon: gpuJobsIcon,
        rank: 2,
        execute: () => {
          app.shell.activateById(view.id);
          return view;
        },
      },
      palette,
      launcher,
    );
    return model;
  },
};

/** Portfolio: the right sidebar that follows the active notebook's payloads. */
const portfolioPlugin: JupyterFrontEndPlugin<PortfolioModel> = {
  id: PLUGIN_IDS.portfolio,
  description: 'The Portfolio panel (right sidebar), following the active notebook.',
  autoStart: true,
  provides: IPortfolioModel,
  requires: [IPayloadRenderers],
  optional: [INotebookTracker, ICommandPalette, ILauncher, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    renderers: PayloadRendererRegistry,
    notebooks: INotebookTracker | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    restorer: ILayoutRestorer | null,
  ): PortfolioModel => {
    const model = new PortfolioModel();
    const view = new PortfolioView(model, renderers);
    addSidebar(app, view, { id: DOM_IDS.portfolio, label: 'Portfolio', icon: portfolioIcon, area: 'right' }, restorer);
    addOpenCommand(
      app,
      {
        id: CommandIDs.openPortfolio,
        label: 'Portfolio',
        caption: 'Show the Portfolio panel: it follows the active notebook’s Alpha Factory outputs',
        icon: portfolioIcon,
        rank: 3,
        execute: () => {
          app.shell.activateById(view.id);
          return view;
        },
      },
      palette,
      launcher,
    );
    if (notebooks) followActiveNotebook(notebooks, model);
    return model;
  },
};

export default [settingsPlugin, renderersPlugin, runnerPlugin, alphaFactoryPlugin, gpuJobsPlugin, portfolioPlugin];
