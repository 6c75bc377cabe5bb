import { AlphaFactoryError } from '../errors';
import type { Executor } from './executor';
import { sleep } from './local';
import { gpuPackageDir } from './python';
import { RayJobsClient, type RayJobDetails } from './ray-client';
import type { JobSpec } from './spec';
import { isTerminal, type JobStatus } from './status';
import { writeAtomic, type JobStore } from './store';

export interface RayExecutorOptions {
  /** Dashboard address, e.g. http://127.0.0.1:8265 (default `$ALPHA_FACTORY_RAY_ADDRESS`, then `$RAY_ADDRESS`). */
  address?: string;
  /** Bearer token (default `$ALPHA_FACTORY_RAY_TOKEN`). */
  token?: string;
  /** Python on the cluster nodes (default `python`). */
  python?: string;
  /**
   * Extra runtime_env merged over ours (`env_vars.PYTHONPATH` = this repo's gpu/ folder). On a remote
   * cluster give `py_modules`/`pip` or an image with alpha_factory_gpu, and put the job store on
   * storage the nodes share: the worker reads and writes the job folder by its path.
   */
  runtimeEnv?: Record<string, unknown>;
  /** Submit even when no node has the GPUs asked for (an autoscaler will add one). Default false. */
  allowAutoscale?: boolean;
  /** How long cancel waits for Ray to stop the job (ms, default 15000). */
  stopTimeoutMs?: number;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the worker as a Ray job through the Ray Jobs REST API (our own client, no Ray SDK in the
 * kernel). Refuses a spec asking for more GPUs (or CPUs) than any alive node has, rather than leaving
 * it PENDING forever. Ray's FAILED/STOPPED states are folded into the job store on refresh, and the
 * driver log is mirrored into worker.log.
 */
export class RayExecutor implements Executor {
  readonly name = 'ray' as const;
  readonly client: RayJobsClient;
  constructor(private readonly opts: RayExecutorOptions = {}) {
    const address = opts.address ?? process.env.ALPHA_FACTORY_RAY_ADDRESS ?? process.env.RAY_ADDRESS;
    if (!address) throw new AlphaFactoryError('ray_address', 'no Ray address: pass {address} or set ALPHA_FACTORY_RAY_ADDRESS (the dashboard URL, port 8265 by default)');
    this.client = new RayJobsClient(address, { token: opts.token ?? process.env.ALPHA_FACTORY_RAY_TOKEN });
  }

  /** Throws a clear error when no alive node can hold the worker's GPUs/CPUs. */
  async checkResources(spec: JobSpec): Promise<void> {
    if (this.opts.allowAutoscale) return;
    const nodes = await this.client.nodes();
    const { gpus, cpus } = spec.resources;
    const maxGpu = Math.max(0, ...nodes.map((n) => n.gpus));
    const maxCpu = Math.max(0, ...nodes.map((n) => n.cpus));
    if (gpus > 0 && maxGpu < gpus) {
      throw new AlphaFactoryError(
        'insufficient_gpus',
        `the Ray cluster at ${this.client.address} has no node with ${gpus} GPU(s) (${nodes.length} alive node(s), at most ${maxGpu} GPU(s) each); ` +
          'not submitting a job that would stay PENDING: ask for fewer GPUs, use resources.gpus = 0 for CPU, or pass allowAutoscale',
      );
    }
    if (cpus > maxCpu) {
      throw new AlphaFactoryError(
        'insufficient_cpus',
        `the Ray cluster at ${this.client.address} has no node with ${cpus} CPU(s) (at most ${maxCpu}); not submitting a job that would stay PENDING`,
      );
    }
  }

  async start(store: JobStore, id: string, spec: JobSpec, attempt: number): Promise<void> {
    await this.checkResources(spec);
    const py = this.opts.python ?? 'python';
    const entrypoint = [py, '-m', 'alpha_factory_gpu.worker', '--job-dir', store.dir(id)].map(shellQuote).join(' ');
    const user = this.opts.runtimeEnv ?? {};
    const envVars: Record<string, string> = { PYTHONUNBUFFERED: '1' };
    const gpu = gpuPackageDir();
    if (gpu) envVars.PYTHONPATH = gpu;
    const runtimeEnv = { ...user, env_vars: { ...envVars, ...((user.env_vars as Record<string, string>) ?? {}) } };
    const submissionId = `af-${id}-a${attempt}`;
    const req = {
      entrypoint,
      submission_id: submissionId,
      runtime_env: runtimeEnv,
      metadata: { alpha_factory_job: id, kind: spec.kind },
      entrypoint_num_cpus: spec.resources.cpus,
      ...(spec.resources.gpus > 0 ? { entrypoint_num_gpus: spec.resources.gpus } : {}),
      ...(spec.resources.memoryMb > 0 ? { entrypoint_memory: Math.round(spec.resources.memoryMb * 1024 * 1024) } : {}),
    };
    await this.client.submitJob(req);
    store.writeExecutorInfo(id, { executor: 'ray', address: this.client.address, submissionId, attempt, startedAt: new Date().toISOString() });
  }

  private submissionId(store: JobStore, id: string): string | undefined {
    const info = store.readExecutorInfo(id);
    return typeof info?.submissionId === 'string' ? info.submissionId : undefined;
  }

  async logs(store: JobStore, status: JobStatus): Promise<string> {
    const sid = this.submissionId(store, status.id);
    if (!sid) return '';
    const text = await this.client.getLogs(sid);
    writeAtomic(store.logPath(status.id), text);
    return text;
  }

  async refresh(store: JobStore, status: JobStatus): Promise<JobStatus> {
    if (isTerminal(status.state)) return status;
    const sid = this.submissionId(store, status.id);
    if (!sid) return status;
    const ray: RayJobDetails = await this.client.getJob(sid);
    if (ray.status === 'PENDING' || ray.status === 'RUNNING') return status;
    await this.logs(store, status).catch(() => '');
    const now = store.readStatus(status.id);
    if (isTerminal(now.state)) return now;
    const time = new Date().toISOString();
    const next: JobStatus =
      ray.status === 'STOPPED'
        ? { ...now, state: 'cancelled', finishedAt: time, message: 'stopped on the Ray cluster' }
        : {
            ...now,
            state: 'failed',
            finishedAt: time,
            error:
              ray.status === 'FAILED'
                ? `Ray job ${sid} failed${ray.error_type ? ` (${ray.error_type})` : ''}: ${(ray.message ?? '').split('\n')[0]}`
                : `Ray reports ${sid} ${ray.status} but the worker never wrote a result`,
            logTail: store.logTail(status.id, 20),
          };
    store.writeStatus(next);
    store.appendEvent(status.id, { time, type: 'state', state: next.state, message: next.error ?? next.message });
    return next;
  }

  async cancel(store: JobStore, status: JobStatus): Promise<JobStatus> {
    if (isTerminal(status.state)) return status;
    const sid = this.submissionId(store, status.id);
    if (sid) {
      await this.client.stopJob(sid);
      const deadline = Date.now() + (this.opts.stopTimeoutMs ?? 15000);
      while (Date.now() < deadline) {
        const j = await this.client.getJob(sid);
        if (j.status !== 'PENDING' && j.status !== 'RUNNING') break;
        await sleep(200);
      }
    }
    const now = store.readStatus(status.id);
    if (isTerminal(now.state)) return now;
    const done: JobStatus = { ...now, state: 'cancelled', finishedAt: new Date().toISOString(), message: 'stopped on the Ray cluster' };
    store.writeStatus(done);
    store.appendEvent(status.id, { time: done.finishedAt!, type: 'state', state: 'cancelled' });
    return done;
  }

  /** Remove the job's record from the cluster (after it finished). */
  async delete(store: JobStore, id: string): Promise<boolean> {
    const sid = this.submissionId(store, id);
    return sid ? this.client.deleteJob(sid) : false;
  }
}
