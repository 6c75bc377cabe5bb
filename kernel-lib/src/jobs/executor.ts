import type { JobSpec } from './spec';
import type { JobStatus } from './status';
import type { JobStore } from './store';

/**
 * An executor starts a job's worker somewhere and can look at it later, possibly from another
 * process (a CLI call, a restarted kernel): everything it needs afterwards is in `executor.json`
 * in the job folder.
 */
export interface Executor {
  readonly name: 'local' | 'ray';
  /** Start the worker for a job whose folder, spec and queued status already exist. */
  start(store: JobStore, id: string, spec: JobSpec, attempt: number): Promise<void>;
  /** Reconcile the stored status with the real process/cluster (crash detection); returns the status. */
  refresh(store: JobStore, status: JobStatus): Promise<JobStatus>;
  /** Stop the worker; resolves with the terminal status. */
  cancel(store: JobStore, status: JobStatus): Promise<JobStatus>;
  /** Full log text, when the executor keeps logs elsewhere than worker.log (Ray). */
  logs?(store: JobStore, status: JobStatus): Promise<string>;
}
