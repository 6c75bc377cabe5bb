import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import type { JobSpec } from './spec';
import type { JobEvent, JobStatus } from './status';

/**
 * The job store: one folder per job under `<root>` (default `<cwd>/experiments/jobs`):
 *
 *     <root>/<id>/spec.json      the normalised spec (written once)
 *     <root>/<id>/status.json    latest JobStatus, replaced atomically (temp file + rename)
 *     <root>/<id>/events.jsonl   append-only JobEvent lines (state changes, progress, messages)
 *     <root>/<id>/worker.log     the worker's stdout and stderr (a Ray job's logs are mirrored here)
 *     <root>/<id>/executor.json  where the worker runs: local pid, or Ray address + submission id
 *     <root>/<id>/inputs/        input files, named `<sha256>.<arrow|parquet>`
 *     <root>/<id>/artifacts/     results; the worker writes each as a temp file and renames it,
 *                                and marks the job succeeded only after the last one
 *
 * The kernel, the CLI, the JupyterLab panel and the Python worker all read and write this same
 * layout, so every one of them sees the same truth.
 */
export class JobStore {
  readonly root: string;

  constructor(root?: string) {
    this.root = path.resolve(root ?? defaultStoreRoot());
  }

  dir(id: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(id) || id.startsWith('.')) throw new InvalidArgumentError(`bad job id ${JSON.stringify(id)}`);
    return path.join(this.root, id);
  }

  exists(id: string): boolean {
    return fs.existsSync(path.join(this.dir(id), 'spec.json'));
  }

  /** Create the folder with spec.json and the first status (no-op for the spec if it is already there). */
  create(id: string, spec: JobSpec, status: JobStatus): void {
    const d = this.dir(id);
    fs.mkdirSync(path.join(d, 'inputs'), { recursive: true });
    fs.mkdirSync(path.join(d, 'artifacts'), { recursive: true });
    if (!fs.existsSync(path.join(d, 'spec.json'))) writeAtomic(path.join(d, 'spec.json'), JSON.stringify(spec, null, 2) + '\n');
    this.writeStatus(status);
    this.appendEvent(id, { time: status.submittedAt, type: 'state', state: status.state, message: status.message });
  }

  readSpec(id: string): JobSpec {
    return readJson(path.join(this.dir(id), 'spec.json'), id) as JobSpec;
  }

  readStatus(id: string): JobStatus {
    return readJson(path.join(this.dir(id), 'status.json'), id) as JobStatus;
  }

  writeStatus(status: JobStatus): void {
    writeAtomic(path.join(this.dir(status.id), 'status.json'), JSON.stringify(status, null, 2) + '\n');
  }

  appendEvent(id: string, event: JobEvent): void {
    fs.appendFileSync(path.join(this.dir(id), 'events.jsonl'), JSON.stringify(event) + '\n');
  }

  /** Events from line `from` on (0-based); a torn last line (a writer mid-append) is left for next time. */
  readEvents(id: string, from = 0): JobEvent[] {
    const file = path.join(this.dir(id), 'events.jsonl');
    if (!fs.existsSync(file)) return [];
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const out: JobEvent[] = [];
    for (let i = from; i < lines.length; i++) {
      if (lines[i].length === 0) continue;
      try {
        out.push(JSON.parse(lines[i]) as JobEvent);
      } catch {
        break;
      }
    }
    return out;
  }

  /** What the executor needs to find the worker again (pid, Ray address and submission id), see executor.ts. */
  writeExecutorInfo(id: string, info: Record<string, unknown>): void {
    writeAtomic(path.join(this.dir(id), 'executor.json'), JSON.stringify(info, null, 2) + '\n');
  }

  readExecutorInfo(id: string): Record<string, unknown> | undefined {
    const file = path.join(this.dir(id), 'executor.json');
    return fs.existsSync(file) ? (readJson(file, id) as Record<string, unknown>) : undefined;
  }

  logPath(id: string): string {
    return path.join(this.dir(id), 'worker.log');
  }

  /** The last `lines` lines of worker.log ('' when there is none). */
  logTail(id: string, lines = 20): string {
    const file = this.logPath(id);
    if (!fs.existsSync(file)) return '';
    const size = fs.statSync(file).size;
    const start = Math.max(0, size - 64 * 1024);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      const all = buf.toString('utf8').replace(/\s+$/, '').split('\n');
      return all.slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  }

  artifactPath(id: string, name: string): string {
    return path.join(this.dir(id), 'artifacts', name);
  }

  inputPath(id: string, sha256: string, format: string): string {
    return path.join(this.dir(id), 'inputs', `${sha256}.${format}`);
  }

  /** Ids of every job in the store (folders that hold a spec.json), oldest first by submit time. */
  list(): string[] {
    if (!fs.existsSync(this.root)) return [];
    const ids = fs
      .readdirSync(this.root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(this.root, e.name, 'status.json')))
      .map((e) => e.name);
    const when = new Map(ids.map((id) => [id, this.readStatus(id).submittedAt]));
    return ids.sort((a, b) => (when.get(a)! < when.get(b)! ? -1 : when.get(a)! > when.get(b)! ? 1 : a < b ? -1 : 1));
  }
}

/** `$ALPHA_FACTORY_JOBS` when set, else `<cwd>/experiments/jobs`. */
export function defaultStoreRoot(): string {
  return process.env.ALPHA_FACTORY_JOBS ?? path.join(process.cwd(), 'experiments', 'jobs');
}

/** Write a file so that readers see either the old or the new content: temp file in the same folder, fsync, rename. */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function readJson(file: string, id: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AlphaFactoryError('unknown_job', `no job ${id} in the store (${path.dirname(path.dirname(file))})`, { file });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AlphaFactoryError('corrupt_job', `cannot parse ${path.basename(file)} of job ${id}: ${(e as Error).message}`, { file });
  }
}
