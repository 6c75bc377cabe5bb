import * as http from 'node:http';
import * as https from 'node:https';
import { AlphaFactoryError } from '../errors';

/** Body of POST /api/jobs/ (Ray Jobs REST API, Ray >= 2.x). */
export interface RaySubmitRequest {
  entrypoint: string;
  submission_id?: string;
  runtime_env?: Record<string, unknown>;
  metadata?: Record<string, string>;
  entrypoint_num_cpus?: number;
  entrypoint_num_gpus?: number;
  /** Bytes. */
  entrypoint_memory?: number;
  entrypoint_resources?: Record<string, number>;
}

export type RayJobState = 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED';

export interface RayJobDetails {
  submission_id: string | null;
  job_id: string | null;
  status: RayJobState;
  message?: string | null;
  error_type?: string | null;
  entrypoint: string;
  start_time?: number | null;
  end_time?: number | null;
  metadata?: Record<string, string> | null;
  driver_exit_code?: number | null;
}

/** One alive node's total resources, from GET /api/v0/nodes. */
export interface RayNodeResources {
  nodeId: string;
  isHead: boolean;
  cpus: number;
  gpus: number;
  memoryBytes: number;
}

export interface RayClientOptions {
  /** Bearer token sent as `Authorization: Bearer <token>` (Ray token auth, or a proxy in front of the dashboard). */
  token?: string;
  /** Per-request timeout in ms (default 30000). */
  timeoutMs?: number;
}

/**
 * A small client for the Ray Jobs REST API served by the Ray dashboard (default port 8265):
 * submit, status, logs, stop, delete, list, and the nodes' resources. Logs are fetched by polling
 * `GET /api/jobs/{id}/logs` (no websocket tail, so no per-message-deflate trouble behind proxies).
 * Every failure becomes an AlphaFactoryError with one readable line.
 */
export class RayJobsClient {
  readonly address: string;
  private readonly opts: RayClientOptions;

  constructor(address: string, opts: RayClientOptions = {}) {
    let a = address.trim();
    if (!/^https?:\/\//.test(a)) a = `http://${a}`;
    this.address = a.replace(/\/+$/, '');
    this.opts = opts;
  }

  async submitJob(req: RaySubmitRequest): Promise<string> {
    const body = (await this.request('POST', '/api/jobs/', req)) as { submission_id?: string; job_id?: string };
    return body.submission_id ?? body.job_id ?? req.submission_id ?? '';
  }

  async getJob(id: string): Promise<RayJobDetails> {
    return (await this.request('GET', `/api/jobs/${encodeURIComponent(id)}`)) as RayJobDetails;
  }

  /** Everything the job's driver printed so far. */
  async getLogs(id: string): Promise<string> {
    const body = (await this.request('GET', `/api/jobs/${encodeURIComponent(id)}/logs`)) as { logs?: string };
    return body.logs ?? '';
  }

  /** Ask Ray to stop the job (SIGTERM to the entrypoint, SIGKILL later); true if it was running. */
  async stopJob(id: string): Promise<boolean> {
    const body = (await this.request('POST', `/api/jobs/${encodeURIComponent(id)}/stop`)) as { stopped?: boolean };
    return !!body.stopped;
  }

  /** Delete a finished job's record and logs from the cluster. */
  async deleteJob(id: string): Promise<boolean> {
    const body = (await this.request('DELETE', `/api/jobs/${encodeURIComponent(id)}`)) as { deleted?: boolean };
    return !!body.deleted;
  }

  async listJobs(): Promise<RayJobDetails[]> {
    return (await this.request('GET', '/api/jobs/')) as RayJobDetails[];
  }

  async version(): Promise<{ ray_version: string }> {
    return (await this.request('GET', '/api/version')) as { ray_version: string };
  }

  /** Alive nodes and their total CPUs, GPUs and memory (GET /api/v0/nodes, Ray's state API). */
  async nodes(): Promise<RayNodeResources[]> {
    const body = (await this.request('GET', '/api/v0/nodes?limit=10000')) as {
      data?: { result?: { result?: Array<{ node_id: string; is_head_node?: boolean; state: string; resources_total?: Record<string, number> }> } };
    };
    const rows = body.data?.result?.result;
    if (!Array.isArray(rows)) throw new AlphaFactoryError('ray_protocol', `unexpected answer from ${this.address}/api/v0/nodes`);
    return rows
      .filter((n) => n.state === 'ALIVE')
      .map((n) => ({
        nodeId: n.node_id,
        isHead: !!n.is_head_node,
        cpus: n.resources_total?.CPU ?? 0,
        gpus: n.resources_total?.GPU ?? 0,
        memoryBytes: n.resources_total?.memory ?? 0,
      }));
  }

  private request(method: string, path: string, body?: unknown): Promise<unknown> {
    // node:http rather than fetch: fetch always sends Sec-Fetch-Mode, and Ray's dashboard treats any
    // Sec-Fetch-* header as browser traffic and refuses POST/DELETE from it.
    const url = new URL(this.address + path);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const headers: Record<string, string | number> = { accept: 'application/json', 'user-agent': 'alpha-factory-jobs' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const lib = url.protocol === 'https:' ? https : http;
    const where = `${method} ${path}`;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers, timeout: this.opts.timeoutMs ?? 30000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new AlphaFactoryError('ray_unreachable', `Ray ${where}: ${e.message}`)));
        res.on('end', () => {
          try {
            resolve(this.parse(where, res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.opts.timeoutMs ?? 30000} ms`)));
      req.on('error', (e: NodeJS.ErrnoException) =>
        reject(new AlphaFactoryError('ray_unreachable', `cannot reach the Ray dashboard at ${this.address} (${where}: ${e.code ?? e.message})`)),
      );
      req.end(payload);
    });
  }

  private parse(where: string, status: number, text: string): unknown {
    if (status < 200 || status >= 300) {
      let detail = text.trim();
      try {
        const j = JSON.parse(text) as { detail?: string; msg?: string; message?: string };
        detail = j.detail ?? j.msg ?? j.message ?? detail;
      } catch {
        /* plain text */
      }
      const first = detail.split('\n').filter((l) => l.trim().length > 0).pop() ?? '';
      const code = status === 401 || status === 403 ? 'ray_auth' : status === 404 ? 'ray_not_found' : 'ray_http';
      const hint = code === 'ray_auth' ? ' (check the bearer token)' : '';
      throw new AlphaFactoryError(code, `Ray ${where}: HTTP ${status}${hint}: ${first.slice(0, 300)}`);
    }
    if (text.length === 0) return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new AlphaFactoryError('ray_protocol', `Ray ${where}: answer is not JSON: ${text.slice(0, 120)}`);
    }
  }
}
