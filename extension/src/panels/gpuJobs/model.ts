import { ISignal, Signal } from '@lumino/signaling';
import type { AlphaFactorySettings } from '../../settings/model';

/** One row of the jobs list: the job store's status.json and spec.json, reduced to what the list shows. */
export interface JobRow {
  id: string;
  name: string;
  kind?: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** 0..1, or null when the job reports none. */
  progress: number | null;
  device: string | null;
  executor: 'local' | 'ray';
  submittedAt?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  message?: string | null;
  error?: string | null;
  logTail?: string | null;
  artifacts?: string[];
  attempt?: number;
  seed?: number | null;
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

/** Elapsed time of a job in words: `2m 05s` (running jobs against `now`). */
export function elapsed(job: Pick<JobRow, 'startedAt' | 'finishedAt' | 'submittedAt'>, now: number): string {
  const start = Date.parse(job.startedAt ?? job.submittedAt ?? '');
  if (!Number.isFinite(start)) return '–';
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  const s = Math.max(0, Math.round(((Number.isFinite(end) ? end : now) - start) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

export type JobCommand = { type: 'cancel-job' | 'retry-job' | 'show-job'; jobId: string } | { type: 'clone-job'; jobId: string; seed: number };

/**
 * State of the GPU Jobs panel: the jobs list (fed by the job store reader through a poll), the
 * executor configuration, the expanded job's log tail, and the actions (generated cells).
 */
export class GpuJobsModel {
  private _jobs: readonly JobRow[] = [];
  private _executor: ExecutorState;
  private _hasRay: boolean;
  private readonly _changed = new Signal<this, void>(this);
  /** Runs a job action as a generated cell (set by the plugin). */
  runCommand: ((c: JobCommand) => Promise<void>) | null = null;
  /** Reads a job's log tail (set by the plugin). */
  readLog: ((id: string) => Promise<string>) | null = null;
  expanded: string | null = null;
  log = '';
  /** Last action error, shown once. */
  error: string | null = null;

  constructor(settings: Pick<AlphaFactorySettings, 'defaultExecutor' | 'rayDashboardUrl'>) {
    this._executor = executorState(settings);
    this._hasRay = settings.rayDashboardUrl !== '';
  }

  get jobs(): readonly JobRow[] {
    return this._jobs;
  }

  get executor(): ExecutorState {
    return this._executor;
  }

  /** True when no job ever reported a GPU and no Ray cluster is configured. */
  get noAccelerator(): boolean {
    return !this._hasRay && !this._jobs.some((j) => (j.device ?? '').startsWith('cuda'));
  }

  /** Jobs still queued or running. */
  get active(): number {
    return this._jobs.filter((j) => j.status === 'queued' || j.status === 'running').length;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  job(id: string): JobRow | null {
    return this._jobs.find((j) => j.id === id) ?? null;
  }

  setJobs(jobs: readonly JobRow[]): void {
    this._jobs = jobs.slice();
    this._changed.emit();
  }

  setSettings(settings: Pick<AlphaFactorySettings, 'defaultExecutor' | 'rayDashboardUrl'>): void {
    this._executor = executorState(settings);
    this._hasRay = settings.rayDashboardUrl !== '';
    this._changed.emit();
  }

  /** Shows (or hides) a job's details and reads its log tail. */
  async toggle(id: string): Promise<void> {
    this.expanded = this.expanded === id ? null : id;
    this.log = '';
    this._changed.emit();
    if (this.expanded && this.readLog) {
      const want = this.expanded;
      const text = await this.readLog(want);
      if (this.expanded === want) {
        this.log = text;
        this._changed.emit();
      }
    }
  }

  async command(c: JobCommand): Promise<void> {
    this.error = null;
    if (!this.runCommand) {
      this.error = 'No notebook runner.';
      this._changed.emit();
      return;
    }
    try {
      await this.runCommand(c);
    } catch (e) {
      this.error = (e as Error).message ?? String(e);
      this._changed.emit();
    }
  }
}
