import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Table } from 'apache-arrow';
import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import { arrowToPanel, readArrow } from './arrow';
import type { Panel } from '../data/panel';
import { canonicalFormula } from '../alpha/dsl';
import { loadZoo, ZOO_JSON } from '../alpha/zoo/persist';
import type { FactorZoo } from '../alpha/zoo/zoo';
import { sha256Hex } from './canonical';
import type { Executor } from './executor';
import { Job } from './job';
import { LocalExecutor, sleep, type LocalExecutorOptions } from './local';
import { RayExecutor, type RayExecutorOptions } from './ray';
import { jobId, normalizeSpec, type JobSpec, type JobSpecInit } from './spec';
import { isTerminal, type ExecutorName, type JobEvent, type JobStatus } from './status';
import { JobStore } from './store';

export interface JobsOptions {
  /** Job store folder or instance (default `<cwd>/experiments/jobs`, or `$ALPHA_FACTORY_JOBS`). */
  store?: string | JobStore;
  local?: LocalExecutorOptions;
  ray?: RayExecutorOptions;
}

export interface SubmitOptions extends JobsOptions {
  /** Where to run (default `local`). */
  executor?: ExecutorName;
  /** In-memory inputs (e.g. `panelToArrow(panel, 'ret')`) by input name; the spec may then omit them. */
  data?: Record<string, Uint8Array>;
}

function storeOf(o: JobsOptions): JobStore {
  return o.store instanceof JobStore ? o.store : new JobStore(o.store);
}

function executorFor(name: ExecutorName, o: JobsOptions): Executor {
  if (name === 'local') return new LocalExecutor(o.local);
  if (name === 'ray') return new RayExecutor(o.ray);
  throw new InvalidArgumentError(`executor must be local or ray, got ${JSON.stringify(name)}`);
}

/** Executor of an existing job, rebuilt from its executor.json (the Ray address is remembered there). */
function executorOf(job: Job, o: JobsOptions): Executor {
  const s = job.status;
  if (s.executor === 'ray') {
    const info = job.store.readExecutorInfo(job.id);
    const address = o.ray?.address ?? (typeof info?.address === 'string' ? info.address : undefined);
    return new RayExecutor({ ...o.ray, address });
  }
  return executorFor(s.executor, o);
}

function jobOf(job: Job | string, o: JobsOptions): Job {
  if (job instanceof Job) return job;
  const store = storeOf(o);
  if (!store.exists(job)) throw new AlphaFactoryError('unknown_job', `no job ${job} in ${store.root}`);
  return new Job(job, store);
}

/**
 * Submit a job. Inputs are read, hashed (sha256) and copied into the job folder; the job id comes
 * from the spec (see `jobId`), so submitting the same spec again returns the existing job unless it
 * failed or was cancelled, in which case it runs again as the next attempt.
 */
export async function submit(init: JobSpecInit | JobSpec, opts: SubmitOptions = {}): Promise<Job> {
  const store = storeOf(opts);
  const executorName = opts.executor ?? 'local';
  const rawInputs = { ...(init.inputs ?? {}) } as Record<string, { path?: string; sha256?: string; format?: 'arrow' | 'parquet' }>;
  for (const name of Object.keys(opts.data ?? {})) if (!rawInputs[name]) rawInputs[name] = { format: 'arrow' };
  const bytes: Record<string, Uint8Array> = {};
  for (const [name, inp] of Object.entries(rawInputs)) {
    let b = opts.data?.[name];
    if (!b && inp.path) {
      try {
        b = fs.readFileSync(inp.path);
      } catch (e) {
        throw new AlphaFactoryError('input_missing', `cannot read input "${name}": ${(e as Error).message}`, { file: inp.path });
      }
    }
    if (!b) {
      if (!inp.sha256) throw new InvalidArgumentError(`input "${name}" has neither a readable path nor data`);
      continue;
    }
    const sha = sha256Hex(b);
    if (inp.sha256 && inp.sha256 !== sha) {
      throw new AlphaFactoryError('input_hash_mismatch', `input "${name}" has sha256 ${sha}, the spec says ${inp.sha256}`, { file: inp.path });
    }
    bytes[name] = b;
    rawInputs[name] = { ...inp, sha256: sha, format: inp.format ?? (inp.path && /\.parquet$/i.test(inp.path) ? 'parquet' : 'arrow') };
  }
  const spec = normalizeSpec({ ...init, inputs: rawInputs } as JobSpecInit);
  const id = jobId(spec);
  let attempt = 1;
  if (store.exists(id)) {
    const existing = new Job(id, store);
    const st = await refresh(existing, opts);
    if (st.state !== 'failed' && st.state !== 'cancelled') return existing;
    attempt = st.attempt + 1;
  }
  const executor = executorFor(executorName, opts);
  const status: JobStatus = {
    id,
    kind: spec.kind,
    state: 'queued',
    executor: executor.name,
    submittedAt: new Date().toISOString(),
    progress: 0,
    attempt,
    message: attempt > 1 ? `resubmitted (attempt ${attempt})` : 'queued',
  };
  store.create(id, spec, status);
  for (const [name, inp] of Object.entries(spec.inputs)) {
    const dest = store.inputPath(id, inp.sha256, inp.format);
    if (fs.existsSync(dest)) continue;
    const b = bytes[name];
    if (!b) throw new AlphaFactoryError('input_missing', `input "${name}" (sha256 ${inp.sha256.slice(0, 12)}...) is not in the store; give its path or data`);
    fs.writeFileSync(dest + '.tmp', b);
    fs.renameSync(dest + '.tmp', dest);
  }
  try {
    await executor.start(store, id, spec, attempt);
  } catch (e) {
    const failed: JobStatus = { ...store.readStatus(id), state: 'failed', finishedAt: new Date().toISOString(), error: (e as Error).message };
    store.writeStatus(failed);
    store.appendEvent(id, { time: failed.finishedAt!, type: 'state', state: 'failed', message: failed.error });
    throw e;
  }
  return new Job(id, store);
}

/** The job's status, reconciled with its executor (a dead local worker or a FAILED Ray job becomes `failed`). */
export async function refresh(job: Job | string, opts: JobsOptions = {}): Promise<JobStatus> {
  const j = jobOf(job, opts);
  const st = j.status;
  if (isTerminal(st.state)) return st;
  return executorOf(j, opts).refresh(j.store, st);
}

export interface WatchOptions extends JobsOptions {
  /** Called for each new event (progress, state changes) in order. */
  onEvent?: (event: JobEvent, job: Job) => void;
  /** Called with the latest status after each poll. */
  onStatus?: (status: JobStatus, job: Job) => void;
  intervalMs?: number;
  /** Give up (throw) after this long; default: wait until the job ends. */
  timeoutMs?: number;
}

/** Poll a job until it ends, reporting progress; resolves with the terminal status. */
export async function watch(job: Job | string, opts: WatchOptions = {}): Promise<JobStatus> {
  const j = jobOf(job, opts);
  const interval = opts.intervalMs ?? 250;
  const deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
  let seen = 0;
  for (;;) {
    const st = await refresh(j, opts);
    const events = j.events(seen);
    seen += events.length;
    for (const e of events) opts.onEvent?.(e, j);
    opts.onStatus?.(st, j);
    if (isTerminal(st.state)) {
      const rest = j.events(seen);
      for (const e of rest) opts.onEvent?.(e, j);
      return st;
    }
    if (Date.now() > deadline) throw new AlphaFactoryError('watch_timeout', `job ${j.id} still ${st.state} after ${opts.timeoutMs} ms`);
    await sleep(interval);
  }
}

export interface JobResults {
  job: Job;
  /** Arrow artifacts by file name (`garch.arrow`). */
  tables: Record<string, Table>;
  /**
   * Wide Arrow artifacts (a `date` column + one numeric column per asset, e.g. `sigma-GARCH-normal.arrow`)
   * as Panels whose one field is named after the file (`sigma-GARCH-normal`).
   */
  panels: Record<string, Panel>;
  /** JSON artifacts by file name. */
  json: Record<string, unknown>;
  /** Paths of every artifact (ONNX models and other files are returned by path). */
  files: Record<string, string>;
  /**
   * The factor zoo a `factor-mining` job wrote (`zoo.json` + `zoo-series.arrow`, the alpha engine's
   * zoo format), loaded with the DSL's canonicaliser: its formulas evaluate with `evaluateFormula`.
   */
  zoo?: FactorZoo;
}

/** Read a succeeded job's artifacts: Arrow IPC as tables, JSON parsed, a mined zoo as `zoo`, anything else by path. */
export async function results(job: Job | string, opts: JobsOptions = {}): Promise<JobResults> {
  const j = jobOf(job, opts);
  const st = await refresh(j, opts);
  if (st.state !== 'succeeded') {
    const why = st.state === 'failed' ? `: ${st.error ?? 'see its log'}` : '';
    throw new AlphaFactoryError('job_not_done', `job ${j.id} is ${st.state}${why}; results exist only for succeeded jobs`);
  }
  const out: JobResults = { job: j, tables: {}, panels: {}, json: {}, files: {} };
  for (const name of st.artifacts ?? []) {
    const file = j.store.artifactPath(j.id, name);
    out.files[name] = file;
    if (/\.(arrow|feather|ipc)$/.test(name)) {
      const t = readArrow(fs.readFileSync(file), file);
      out.tables[name] = t;
      if (t.schema.fields[0]?.name === 'date') out.panels[name] = arrowToPanel(t, name.replace(/\.[^.]+$/, ''));
    }
    else if (name.endsWith('.json')) out.json[name] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  const zooFile = out.json[ZOO_JSON] as { format?: string } | undefined;
  if (zooFile?.format === 'alpha-factory-zoo') out.zoo = loadZoo(path.dirname(out.files[ZOO_JSON]), (f) => canonicalFormula(f));
  return out;
}

/** Stop a job (SIGTERM to the local worker's process group, or Ray's stop); resolves with the final status. */
export async function cancel(job: Job | string, opts: JobsOptions = {}): Promise<JobStatus> {
  const j = jobOf(job, opts);
  return executorOf(j, opts).cancel(j.store, j.status);
}

/** Every job in the store, oldest first, each reconciled with its executor unless `refresh: false`. */
export async function list(opts: JobsOptions & { refresh?: boolean } = {}): Promise<JobStatus[]> {
  const store = storeOf(opts);
  const out: JobStatus[] = [];
  for (const id of store.list()) {
    const j = new Job(id, store);
    out.push(opts.refresh === false ? j.status : await refresh(j, opts).catch(() => j.status));
  }
  return out;
}

/** The worker's log (for Ray jobs fetched from the cluster and mirrored into worker.log). */
export async function logs(job: Job | string, opts: JobsOptions = {}): Promise<string> {
  const j = jobOf(job, opts);
  const ex = executorOf(j, opts);
  if (ex.logs) {
    try {
      return await ex.logs(j.store, j.status);
    } catch {
      /* cluster gone: fall back to the mirrored copy */
    }
  }
  const file = j.store.logPath(j.id);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** A handle on an existing job. */
export function getJob(id: string, opts: JobsOptions = {}): Job {
  return jobOf(id, opts);
}
