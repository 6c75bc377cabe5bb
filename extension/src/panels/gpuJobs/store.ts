/**
 * Reads the job store (`<experiment folder>/jobs/<id>/status.json`, `spec.json`, `worker.log`)
 * through the Jupyter contents API, so the list holds every job, whichever notebook or CLI
 * submitted it, and survives kernel restarts and page reloads. A job's folder changes its
 * modification time whenever status.json is replaced (written to a temp file, then renamed),
 * so only changed jobs are read again; specs never change and are read once.
 */
import type { JobRow } from './model';

/** The part of the contents API the reader needs (ContentsManager satisfies it). */
export interface ContentsLike {
  get(path: string, options?: { content?: boolean; type?: 'file' | 'directory' | 'notebook'; format?: 'text' | 'json' | 'base64' }): Promise<{
    type: string;
    name: string;
    path: string;
    last_modified?: string;
    content: unknown;
  }>;
}

interface Cached {
  stamp: string;
  row: JobRow;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A JobRow from status.json and spec.json contents (defensive: files written by any version). */
export function jobRow(id: string, status: Record<string, unknown>, spec: Record<string, unknown> | null): JobRow {
  const state = str(status.state);
  return {
    id,
    name: str(spec?.name) ?? '',
    kind: str(status.kind) ?? str(spec?.kind) ?? '',
    status: (['queued', 'running', 'succeeded', 'failed', 'cancelled'].includes(state ?? '') ? state : 'queued') as JobRow['status'],
    progress: typeof status.progress === 'number' && Number.isFinite(status.progress) ? status.progress : null,
    device: str(status.device),
    executor: status.executor === 'ray' ? 'ray' : 'local',
    submittedAt: str(status.submittedAt),
    startedAt: str(status.startedAt),
    finishedAt: str(status.finishedAt),
    message: str(status.message),
    error: str(status.error),
    logTail: str(status.logTail),
    artifacts: Array.isArray(status.artifacts) ? status.artifacts.map(String) : [],
    attempt: typeof status.attempt === 'number' ? status.attempt : 1,
    seed: typeof spec?.seed === 'number' ? spec.seed : null,
    raySubmissionId: str(status.raySubmissionId),
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

export class JobStoreReader {
  private readonly cache = new Map<string, Cached>();
  private readonly specs = new Map<string, Record<string, unknown> | null>();

  constructor(
    private readonly contents: ContentsLike,
    public folder: string,
  ) {}

  private async json(path: string): Promise<Record<string, unknown> | null> {
    try {
      const m = await this.contents.get(path, { content: true, type: 'file', format: 'text' });
      const v = typeof m.content === 'string' ? JSON.parse(m.content) : m.content;
      return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  /**
   * Every job in the store, newest first, and whether anything changed since the last read.
   * A missing store folder is an empty store.
   */
  async read(): Promise<{ jobs: JobRow[]; changed: boolean }> {
    let listing: { content: unknown };
    try {
      listing = await this.contents.get(this.folder, { content: true, type: 'directory' });
    } catch {
      const changed = this.cache.size > 0;
      this.cache.clear();
      return { jobs: [], changed };
    }
    const dirs = (Array.isArray(listing.content) ? listing.content : []).filter(
      (c): c is { type: string; name: string; path: string; last_modified?: string } => typeof c === 'object' && c !== null && (c as { type?: unknown }).type === 'directory',
    );
    let changed = false;
    const seen = new Set<string>();
    const stale = dirs.filter((d) => {
      seen.add(d.name);
      const c = this.cache.get(d.name);
      return !c || c.stamp !== (d.last_modified ?? '') || (c.row.status === 'running' || c.row.status === 'queued');
    });
    await mapLimit(stale, 16, async (d) => {
      const status = await this.json(`${d.path}/status.json`);
      if (!status) return;
      if (!this.specs.has(d.name)) this.specs.set(d.name, await this.json(`${d.path}/spec.json`));
      const row = jobRow(d.name, status, this.specs.get(d.name) ?? null);
      const prev = this.cache.get(d.name);
      if (!prev || JSON.stringify(prev.row) !== JSON.stringify(row)) changed = true;
      this.cache.set(d.name, { stamp: d.last_modified ?? '', row });
    });
    for (const id of Array.from(this.cache.keys())) {
      if (!seen.has(id)) {
        this.cache.delete(id);
        changed = true;
      }
    }
    const jobs = Array.from(this.cache.values(), (c) => c.row).sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? '') || a.id.localeCompare(b.id));
    return { jobs, changed };
  }

  /** The last `lines` lines of a job's worker.log ('' when there is none). */
  async logTail(id: string, lines = 40): Promise<string> {
    try {
      const m = await this.contents.get(`${this.folder}/${id}/worker.log`, { content: true, type: 'file', format: 'text' });
      const text = typeof m.content === 'string' ? m.content : '';
      return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
    } catch {
      return '';
    }
  }
}
