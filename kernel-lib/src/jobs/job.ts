import type { JobSpec } from './spec';
import type { JobEvent, JobStatus } from './status';
import type { JobStore } from './store';

/** Payload of `show(job)`: schema/payloads/job.v1.schema.json. */
export interface JobPayload {
  kind: 'job';
  version: 1;
  id: string;
  jobKind: string;
  name: string | null;
  state: JobStatus['state'];
  executor: JobStatus['executor'];
  progress: number;
  message: string | null;
  error: string | null;
  logTail: string | null;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  device: string | null;
  attempt: number;
  resources: JobSpec['resources'];
  artifacts: string[];
  dir: string;
}

/**
 * A handle on one job in a store. It reads the folder each time it is asked (the worker, the CLI
 * and the JupyterLab panel change it from outside); use `refresh()` / `watch()` from the jobs API to
 * also reconcile with the executor (crash detection, Ray state).
 */
export class Job {
  constructor(readonly id: string, readonly store: JobStore) {}

  get dir(): string {
    return this.store.dir(this.id);
  }

  get spec(): JobSpec {
    return this.store.readSpec(this.id);
  }

  /** The status as stored (no executor check). */
  get status(): JobStatus {
    return this.store.readStatus(this.id);
  }

  events(from = 0): JobEvent[] {
    return this.store.readEvents(this.id, from);
  }

  logTail(lines = 20): string {
    return this.store.logTail(this.id, lines);
  }

  toPayload(): JobPayload {
    const s = this.status;
    const spec = this.spec;
    return {
      kind: 'job',
      version: 1,
      id: this.id,
      jobKind: s.kind,
      name: spec.name ?? null,
      state: s.state,
      executor: s.executor,
      progress: s.progress,
      message: s.message ?? null,
      error: s.error ?? null,
      logTail: s.logTail ?? null,
      submittedAt: s.submittedAt,
      startedAt: s.startedAt ?? null,
      finishedAt: s.finishedAt ?? null,
      device: s.device ?? null,
      attempt: s.attempt,
      resources: spec.resources,
      artifacts: s.artifacts ?? [],
      dir: this.dir,
    };
  }

  toString(): string {
    const s = this.status;
    const pct = `${Math.round(s.progress * 100)}%`;
    const extra = s.state === 'failed' ? `: ${s.error ?? ''}` : s.message ? `: ${s.message}` : '';
    return `Job ${this.id} [${s.kind}] ${s.state} ${pct} on ${s.executor}${s.device ? ` (${s.device})` : ''}${extra}`;
  }
}
