import { ISignal, Signal } from '@lumino/signaling';
import type { AlphaFactorySettings } from '../../settings/model';
import { mergeJobs, type RayJob } from './ray';

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
  /** 'ray': a job of the Ray cluster that is not in the job store (only Cancel applies). Default 'store'. */
  source?: 'store' | 'ray';
  /** The Ray submission id running this job, when it runs on Ray. */
  raySubmissionId?: string | null;
  /** Ray's own state of that submission (PENDING, RUNNING, ...), when the cluster was read. */
  rayStatus?: string | null;
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
  private _store: readonly JobRow[] = [];
  private _ray: readonly RayJob[] | null = null;
  private _rayError: string | null = null;
  private _rayKey = 'null';
  private _rayAddress: string;
  private _executor: ExecutorState;
  private _hasRay: boolean;
  private readonly _changed = new Signal<this, void>(this);
  /** Runs a job action as a generated cell (set by the plugin). */
  runCommand: ((c: JobCommand) => Promise<void>) | null = null;
  /** Reads a job's log tail from the job store (set by the plugin). */
  readLog: ((id: string) => Promise<string>) | null = null;
  /** Reads a Ray submission's log tail through the server's Ray proxy (set by the plugin). */
  readRayLog: ((submissionId: string) => Promise<string>) | null = null;
  /** Stops a Ray submission through the server's Ray proxy (set by the plugin). */
  stopRay: ((submissionId: string) => Promise<void>) | null = null;
  expanded: string | null = null;
  log = '';
  /** Last action error, shown once. */
  error: string | null = null;

  constructor(settings: Pick<AlphaFactorySettings, 'defaultExecutor' | 'rayDashboardUrl'>) {
    this._executor = executorState(settings);
    this._hasRay = settings.rayDashboardUrl !== '';
    this._rayAddress = settings.rayDashboardUrl;
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

  /**
   * Why the configured Ray cluster's jobs are not listed (it cannot be reached, refused the token...),
   * or null. The job store's jobs are listed either way.
   */
  get rayError(): string | null {
    return this._rayError === null ? null : `Ray cluster at ${this._rayAddress}: ${this._rayError}. Only the job store's jobs are listed.`;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  job(id: string): JobRow | null {
    return this._jobs.find((j) => j.id === id) ?? null;
  }

  /** The job store's rows. */
  setJobs(jobs: readonly JobRow[]): void {
    this.setSources(jobs);
  }

  /**
   * New job store rows (undefined: unchanged) and the Ray cluster's state (undefined: unchanged;
   * `{ jobs: null, error: null }`: no cluster configured; `{ jobs: null, error }`: it could not be
   * read). Emits one change when store rows are given or the Ray state changed; returns whether the
   * Ray state changed.
   */
  setSources(store?: readonly JobRow[], ray?: { jobs: readonly RayJob[] | null; error: string | null }): boolean {
    let rayChanged = false;
    if (ray) {
      const key = JSON.stringify([ray.jobs, ray.error]);
      rayChanged = key !== this._rayKey;
      if (rayChanged) {
        this._rayKey = key;
        this._ray = ray.jobs ? ray.jobs.slice() : null;
        this._rayError = ray.error;
      }
    }
    if (store) this._store = store.slice();
    if (store || rayChanged) {
      this._jobs = mergeJobs(this._store, this._ray);
      this._changed.emit();
    }
    return rayChanged;
  }

  setSettings(settings: Pick<AlphaFactorySettings, 'defaultExecutor' | 'rayDashboardUrl'>): void {
    this._executor = executorState(settings);
    this._hasRay = settings.rayDashboardUrl !== '';
    if (settings.rayDashboardUrl !== this._rayAddress) {
      // another cluster (or none): its jobs and errors are not this one's
      this._rayAddress = settings.rayDashboardUrl;
      this._ray = null;
      this._rayError = null;
      this._rayKey = 'null';
      this._jobs = mergeJobs(this._store, null);
    }
    this._changed.emit();
  }

  /** A job's log tail: from Ray while it runs there (the store's copy is written only on refresh), else from the store. */
  private async logOf(id: string): Promise<string> {
    const row = this.job(id);
    const sid = row?.raySubmissionId ?? null;
    if (row?.source === 'ray') {
      if (!sid) return '(a Ray driver connected with ray.init(), not a job submission: Ray keeps no job log for it)';
      if (!this.readRayLog) return '';
      try {
        return await this.readRayLog(sid);
      } catch (e) {
        return `(the log could not be read from Ray: ${(e as Error).message ?? String(e)})`;
      }
    }
    if (sid && this.readRayLog && this._ray) {
      try {
        const text = await this.readRayLog(sid);
        if (text) return text;
      } catch {
        /* the store's copy below */
      }
    }
    return this.readLog ? this.readLog(id) : '';
  }

  /** Shows (or hides) a job's details and reads its log tail. */
  async toggle(id: string): Promise<void> {
    this.expanded = this.expanded === id ? null : id;
    this.log = '';
    this._changed.emit();
    if (this.expanded) {
      const want = this.expanded;
      const text = await this.logOf(want);
      if (this.expanded === want) {
        this.log = text;
        this._changed.emit();
      }
    }
  }

  async command(c: JobCommand): Promise<void> {
    this.error = null;
    const row = this.job(c.jobId);
    if (row?.source === 'ray') {
      // a job of the cluster that Alpha Factory did not submit: no spec to retry or clone, Cancel stops it on Ray
      try {
        if (c.type !== 'cancel-job') throw new Error(`${row.name || row.id} was not submitted through Alpha Factory: only Cancel applies to it.`);
        if (!row.raySubmissionId) throw new Error(`${row.name || row.id} is a Ray driver, not a job submission: stop it where it runs.`);
        if (!this.stopRay) throw new Error('No Ray proxy.');
        await this.stopRay(row.raySubmissionId);
      } catch (e) {
        this.error = (e as Error).message ?? String(e);
        this._changed.emit();
      }
      return;
    }
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
