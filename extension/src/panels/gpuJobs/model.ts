import { ISignal, Signal } from '@lumino/signaling';
import type { AlphaFactorySettings } from '../../settings/model';

/** One row of the jobs list (the job store's record, reduced to what the list shows). */
export interface JobRow {
  id: string;
  name: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** 0..1, or null when the job reports none. */
  progress: number | null;
  device: string | null;
  executor: 'local' | 'ray';
}

/** Where jobs will run, in words, and whether that needs the user's attention. */
export interface ExecutorState {
  executor: 'local' | 'ray';
  /** One line for the panel. */
  message: string;
  /** True when the configuration cannot work as it stands (e.g. Ray without an address). */
  warning: boolean;
}

/** The executor line for the given settings. */
export function executorState(s: Pick<AlphaFactorySettings, 'defaultExecutor' | 'rayDashboardUrl'>): ExecutorState {
  if (s.defaultExecutor === 'ray') {
    return s.rayDashboardUrl
      ? { executor: 'ray', message: `Jobs run on the Ray cluster at ${s.rayDashboardUrl}.`, warning: false }
      : {
          executor: 'ray',
          message: 'The default executor is Ray, but no Ray dashboard address is set (Settings › Alpha Factory).',
          warning: true,
        };
  }
  const ray = s.rayDashboardUrl ? ` A Ray cluster is configured at ${s.rayDashboardUrl}.` : ' No Ray cluster is configured.';
  return { executor: 'local', message: `Jobs run on this machine (GPU when present, else CPU).${ray}`, warning: false };
}

/**
 * State of the GPU Jobs panel: the jobs list and the executor configuration. The job store
 * service (panels issue) calls `setJobs`; the settings plugin calls `setSettings`.
 */
export class GpuJobsModel {
  private _jobs: readonly JobRow[] = [];
  private _executor: ExecutorState;
  private readonly _changed = new Signal<this, void>(this);

  constructor(settings: Pick<AlphaFactorySettings, 'defaultExecutor' | 'rayDashboardUrl'>) {
    this._executor = executorState(settings);
  }

  get jobs(): readonly JobRow[] {
    return this._jobs;
  }

  get executor(): ExecutorState {
    return this._executor;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  setJobs(jobs: readonly JobRow[]): void {
    this._jobs = jobs.slice();
    this._changed.emit();
  }

  setSettings(settings: Pick<AlphaFactorySettings, 'defaultExecutor' | 'rayDashboardUrl'>): void {
    this._executor = executorState(settings);
    this._changed.emit();
  }
}
