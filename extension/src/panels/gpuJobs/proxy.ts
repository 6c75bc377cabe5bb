/**
 * The GPU Jobs panel's client of the server extension's Ray proxy (alpha_factory_lab/ray_proxy.py):
 * the browser cannot call the Ray dashboard itself (no CORS), so it asks the Jupyter server, which
 * calls Ray. The dashboard address goes in the query, the token in the X-Alpha-Factory-Ray-Token
 * header (the server sends it on as `Authorization: Bearer`).
 */
import { ServerConnection } from '@jupyterlab/services';
import type { RayJob } from './ray';

export const RAY_TOKEN_HEADER = 'X-Alpha-Factory-Ray-Token';

/** Where the cluster is: the Ray dashboard address and token of the settings. */
export interface RayTarget {
  address: string;
  token: string;
}

/** What the panel needs from the proxy (RayProxy; tests give a fake). */
export interface RayProxyLike {
  list(target: RayTarget): Promise<RayJob[]>;
  logs(target: RayTarget, submissionId: string, lines?: number): Promise<string>;
  stop(target: RayTarget, submissionId: string): Promise<boolean>;
}

export class RayProxy implements RayProxyLike {
  constructor(private readonly serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings()) {}

  async list(target: RayTarget): Promise<RayJob[]> {
    const body = (await this.call('GET', 'jobs', target)) as { jobs?: unknown };
    if (!Array.isArray(body.jobs)) throw new Error('the Ray proxy answered without a jobs list');
    return body.jobs.filter((j): j is RayJob => typeof j === 'object' && j !== null && typeof (j as RayJob).status === 'string');
  }

  async logs(target: RayTarget, submissionId: string, lines = 200): Promise<string> {
    const body = (await this.call('GET', `jobs/${encodeURIComponent(submissionId)}/logs`, target, { lines: String(lines) })) as { logs?: unknown };
    return typeof body.logs === 'string' ? body.logs : '';
  }

  async stop(target: RayTarget, submissionId: string): Promise<boolean> {
    const body = (await this.call('POST', `jobs/${encodeURIComponent(submissionId)}/stop`, target)) as { stopped?: unknown };
    return body.stopped === true;
  }

  private async call(method: 'GET' | 'POST', path: string, target: RayTarget, query: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const url = `${this.serverSettings.baseUrl.replace(/\/*$/, '/')}alpha-factory/ray/${path}?${new URLSearchParams({ address: target.address, ...query }).toString()}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (target.token) headers[RAY_TOKEN_HEADER] = target.token;
    let resp: Response;
    try {
      resp = await ServerConnection.makeRequest(url, { method, headers }, this.serverSettings);
    } catch (e) {
      throw new Error(`the Jupyter server did not answer (${(e as Error).message ?? String(e)})`);
    }
    let body: unknown = null;
    try {
      body = await resp.json();
    } catch {
      /* not JSON */
    }
    if (!resp.ok) {
      const err = (body as { error?: { message?: unknown } } | null)?.error?.message;
      if (typeof err === 'string') throw new Error(err);
      if (resp.status === 404) {
        throw new Error('the Alpha Factory server extension is not enabled in this Jupyter server (jupyter server extension enable alpha_factory_lab, then restart it)');
      }
      throw new Error(`the Ray proxy answered HTTP ${resp.status}`);
    }
    return (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  }
}
