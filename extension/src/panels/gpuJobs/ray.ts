/**
 * Jobs of the configured Ray cluster, as the server extension's proxy lists them
 * (alpha_factory_lab/ray_proxy.py: a subset of Ray's JobDetails), merged with the job store's rows.
 *
 * A Ray job that our Ray executor submitted carries the store job's id in its metadata
 * (`alpha_factory_job`) and a submission id `af-<job id>-a<attempt>` (kernel-lib/src/jobs/ray.ts):
 * it updates that store row's live state. Every other Ray job (plain `ray job submit`, another
 * tool) becomes a row of its own, executor "ray", its entrypoint as name.
 * No network here: the proxy client is proxy.ts.
 */
import type { JobRow } from './model';

export type RayJobState = 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED';

/** One job of GET /alpha-factory/ray/jobs. */
export interface RayJob {
  /** SUBMISSION (Ray job submission) or DRIVER (a `ray.init()` script connected to the cluster). */
  type?: string | null;
  job_id?: string | null;
  submission_id?: string | null;
  status: string;
  entrypoint?: string | null;
  message?: string | null;
  error_type?: string | null;
  /** Milliseconds since the epoch. */
  start_time?: number | null;
  end_time?: number | null;
  metadata?: Record<string, string> | null;
  entrypoint_num_cpus?: number | null;
  entrypoint_num_gpus?: number | null;
  driver_exit_code?: number | null;
}

/** Ray's job states as the panel's. */
export const RAY_STATES: Readonly<Record<RayJobState, JobRow['status']>> = {
  PENDING: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  STOPPED: 'cancelled',
};

const TERMINAL: readonly JobRow['status'][] = ['succeeded', 'failed', 'cancelled'];

/** The panel's state for a Ray state (an unknown one counts as queued). */
export function rayState(status: string): JobRow['status'] {
  return RAY_STATES[status as RayJobState] ?? 'queued';
}

function iso(ms: number | null | undefined): string | null {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

function firstLine(s: string | null | undefined): string | null {
  const line = (s ?? '').split('\n').find((l) => l.trim() !== '');
  return line === undefined ? null : line.trim();
}

/** The store job a Ray job runs, when our Ray executor submitted it: its id and attempt. */
export function storeJobOf(j: RayJob): { id: string; attempt: number | null } | null {
  const m = /^af-(.+)-a(\d+)$/.exec(j.submission_id ?? '');
  const meta = j.metadata?.alpha_factory_job;
  if (typeof meta === 'string' && meta !== '') return { id: meta, attempt: m && m[1] === meta ? Number(m[2]) : null };
  return m ? { id: m[1], attempt: Number(m[2]) } : null;
}

/** A row for a Ray job that is not in the job store. */
export function rayJobRow(j: RayJob): JobRow {
  const sid = j.submission_id ?? null;
  const status = rayState(j.status);
  const gpus = typeof j.entrypoint_num_gpus === 'number' && j.entrypoint_num_gpus > 0 ? j.entrypoint_num_gpus : 0;
  const started = iso(j.start_time);
  return {
    id: `ray:${sid ?? j.job_id ?? '?'}`,
    name: (j.entrypoint ?? '').trim() || sid || j.job_id || 'Ray job',
    kind: j.metadata?.kind ?? (j.type === 'DRIVER' ? 'ray driver' : 'ray job'),
    status,
    progress: null,
    device: gpus > 0 ? `${gpus} GPU${gpus === 1 ? '' : 's'}` : null,
    executor: 'ray',
    submittedAt: started,
    startedAt: status === 'queued' ? null : started,
    finishedAt: TERMINAL.includes(status) ? iso(j.end_time) : null,
    message: status === 'failed' ? null : firstLine(j.message),
    error: status === 'failed' ? `Ray job failed${j.error_type ? ` (${j.error_type})` : ''}: ${firstLine(j.message) ?? 'no message'}` : null,
    logTail: null,
    artifacts: [],
    attempt: 1,
    seed: null,
    source: 'ray',
    raySubmissionId: sid,
    rayStatus: j.status,
  };
}

/**
 * A store row with the live state of its Ray job. The store stays the truth once it says the job
 * ended (results and artifacts come from there); until then Ray's RUNNING shows as running, and
 * FAILED or STOPPED (a worker that died before writing its status, a stop from the Ray dashboard)
 * as failed or cancelled. Ray's SUCCEEDED waits for the worker's own status.json.
 */
export function withRayState(row: JobRow, j: RayJob): JobRow {
  const out: JobRow = { ...row, raySubmissionId: j.submission_id ?? row.raySubmissionId ?? null, rayStatus: j.status };
  if (TERMINAL.includes(row.status)) return out;
  const live = rayState(j.status);
  if (live === 'running') {
    out.status = 'running';
    out.startedAt = row.startedAt ?? iso(j.start_time);
  } else if (live === 'failed') {
    out.status = 'failed';
    out.finishedAt = iso(j.end_time);
    out.error = `Ray job ${j.submission_id ?? ''} failed${j.error_type ? ` (${j.error_type})` : ''}: ${firstLine(j.message) ?? 'no message'}`;
  } else if (live === 'cancelled') {
    out.status = 'cancelled';
    out.finishedAt = iso(j.end_time);
    out.message = 'stopped on the Ray cluster';
  }
  return out;
}

/**
 * The jobs list: every store row (with its Ray job's live state when the cluster runs it) and every
 * other Ray job as a row of its own, newest first. Older attempts of a store job on Ray are not
 * listed again. `ray` null: no cluster configured, or it cannot be reached (store rows only).
 */
export function mergeJobs(store: readonly JobRow[], ray: readonly RayJob[] | null): JobRow[] {
  if (!ray || ray.length === 0) return store.slice();
  const byId = new Map(store.map((r) => [r.id, r]));
  const bySubmission = new Map(store.filter((r) => r.raySubmissionId).map((r) => [r.raySubmissionId as string, r]));
  // for each store job, the Ray job of its current attempt (else its latest)
  const live = new Map<string, RayJob>();
  const others: JobRow[] = [];
  const better = (row: JobRow, a: RayJob, b: RayJob | undefined): boolean => {
    if (!b) return true;
    const cur = (j: RayJob) => j.submission_id === (row.raySubmissionId ?? `af-${row.id}-a${row.attempt ?? 1}`);
    if (cur(a) !== cur(b)) return cur(a);
    return (a.start_time ?? 0) > (b.start_time ?? 0);
  };
  for (const j of ray) {
    const row = (j.submission_id ? bySubmission.get(j.submission_id) : undefined) ?? byId.get(storeJobOf(j)?.id ?? '');
    if (row) {
      if (better(row, j, live.get(row.id))) live.set(row.id, j);
    } else {
      others.push(rayJobRow(j));
    }
  }
  const rows = store.map((r) => (live.has(r.id) ? withRayState(r, live.get(r.id)!) : r)).concat(others);
  // newest first (stable: ties keep the store's order, then Ray's)
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.submittedAt ?? '').localeCompare(a.r.submittedAt ?? '') || a.i - b.i)
    .map((x) => x.r);
}
