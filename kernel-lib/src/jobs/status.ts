/**
 * A job's state machine: queued -> running -> succeeded | failed | cancelled.
 * `status.json` in the job folder holds the latest `JobStatus`; it is always replaced whole
 * (written to a temp file, then renamed), so a reader never sees half of it.
 */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.includes(state);
}

export type ExecutorName = 'local' | 'ray';

export interface JobStatus {
  id: string;
  kind: string;
  state: JobState;
  executor: ExecutorName;
  /** ISO times. */
  submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Fraction done in [0, 1]. */
  progress: number;
  message?: string;
  /** Why the job failed (one line). */
  error?: string;
  /** Last lines of the worker log, kept when the job failed. */
  logTail?: string;
  /** Local executor: the worker's pid (= its process group id). */
  pid?: number;
  /** Ray executor: dashboard address and submission id. */
  rayAddress?: string;
  raySubmissionId?: string;
  /** 1 for the first run, +1 for each resubmission after a failure or cancel. */
  attempt: number;
  /** Device the worker ran on (`cuda:0`, `cpu`). */
  device?: string;
  /** Artifacts written, relative to `artifacts/`. */
  artifacts?: string[];
}

/** One line of `events.jsonl` (append-only). */
export interface JobEvent {
  time: string;
  /** 'trial': a sweep trial ended (fields trial, status, epochs, val_mse). */
  type: 'state' | 'progress' | 'log' | 'trial';
  state?: JobState;
  progress?: number;
  message?: string;
  [extra: string]: unknown;
}
