import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { AlphaFactoryError } from '../errors';
import type { Executor } from './executor';
import { workerPython, workerPythonPath } from './python';
import type { JobSpec } from './spec';
import { isTerminal, type JobStatus } from './status';
import type { JobStore } from './store';

export interface LocalExecutorOptions {
  /** Python with torch and alpha_factory_gpu importable (default: see workerPython()). */
  python?: string;
  /** How long cancel waits after SIGTERM before SIGKILL (ms, default 5000). */
  graceMs?: number;
  /** Extra environment for the worker. */
  env?: Record<string, string>;
}

/**
 * Runs the worker on this machine as a detached process in its own process group (it outlives the
 * kernel or CLI that started it), stdout and stderr appended to `worker.log`. The worker picks CUDA
 * when torch sees a GPU, else the CPU. Cancel sends SIGTERM to the whole group (SIGKILL after the
 * grace period). A worker that died without writing a terminal status is marked failed with its log tail.
 */
export class LocalExecutor implements Executor {
  readonly name = 'local' as const;
  constructor(private readonly opts: LocalExecutorOptions = {}) {}

  async start(store: JobStore, id: string, _spec: JobSpec, attempt: number): Promise<void> {
    const python = workerPython(this.opts.python);
    const log = fs.openSync(store.logPath(id), 'a');
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.opts.env, PYTHONUNBUFFERED: '1' };
    const pp = workerPythonPath();
    if (pp) env.PYTHONPATH = pp;
    let child: ChildProcess;
    try {
      child = spawn(python, ['-m', 'alpha_factory_gpu.worker', '--job-dir', store.dir(id)], {
        detached: true,
        stdio: ['ignore', log, log],
        env,
        cwd: store.dir(id),
      });
    } finally {
      fs.closeSync(log);
    }
    const pid = child.pid;
    if (pid === undefined) {
      const err: Error = await new Promise((resolve) => child.once('error', resolve));
      throw new AlphaFactoryError('worker_start', `cannot start the worker with ${python}: ${err.message} (set ALPHA_FACTORY_PYTHON)`);
    }
    child.on('error', () => undefined);
    child.unref();
    store.writeExecutorInfo(id, { executor: 'local', pid, python, attempt, startedAt: new Date().toISOString() });
  }

  async refresh(store: JobStore, status: JobStatus): Promise<JobStatus> {
    if (isTerminal(status.state)) return status;
    const info = store.readExecutorInfo(status.id);
    const pid = typeof info?.pid === 'number' ? info.pid : undefined;
    if (pid === undefined || workerAlive(pid)) return status;
    const now = store.readStatus(status.id); // it may have finished between the two reads
    if (isTerminal(now.state)) return now;
    const failed: JobStatus = {
      ...now,
      state: 'failed',
      finishedAt: new Date().toISOString(),
      error: `the worker (pid ${pid}) exited without finishing the job`,
      logTail: store.logTail(status.id, 20),
    };
    store.writeStatus(failed);
    store.appendEvent(status.id, { time: failed.finishedAt!, type: 'state', state: 'failed', message: failed.error });
    return failed;
  }

  async cancel(store: JobStore, status: JobStatus): Promise<JobStatus> {
    if (isTerminal(status.state)) return status;
    const info = store.readExecutorInfo(status.id);
    const pid = typeof info?.pid === 'number' ? info.pid : undefined;
    if (pid !== undefined && workerAlive(pid)) {
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + (this.opts.graceMs ?? 5000);
      while (workerAlive(pid) && Date.now() < deadline) await sleep(50);
      if (workerAlive(pid)) signalGroup(pid, 'SIGKILL');
      while (workerAlive(pid) && Date.now() < deadline + 2000) await sleep(50);
    }
    const now = store.readStatus(status.id);
    if (isTerminal(now.state)) return now;
    const cancelled: JobStatus = { ...now, state: 'cancelled', finishedAt: new Date().toISOString(), message: 'cancelled' };
    store.writeStatus(cancelled);
    store.appendEvent(status.id, { time: cancelled.finishedAt!, type: 'state', state: 'cancelled' });
    return cancelled;
  }
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

/**
 * True while the worker process exists, is not a zombie, and (where /proc exists) is still our
 * worker rather than a reused pid.
 */
export function workerAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('alpha_factory_gpu');
  } catch {
    return !fs.existsSync('/proc/self'); // no /proc on this OS: trust kill(pid, 0)
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
