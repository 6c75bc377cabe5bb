import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installDomGlobals, XSS } from './helpers';

installDomGlobals();
// @jupyterlab/services reads the WebSocket global at import; Node 20 has none (the proxy client never opens one)
const g = globalThis as Record<string, unknown>;
if (!g.WebSocket) g.WebSocket = class {};
const load = <T>(path: string): T => require(path) as T;
const { mergeJobs, rayJobRow, rayState, storeJobOf } = load<typeof import('../src/panels/gpuJobs/ray')>('../src/panels/gpuJobs/ray');
const { jobRow } = load<typeof import('../src/panels/gpuJobs/store')>('../src/panels/gpuJobs/store');
const { GpuJobsModel } = load<typeof import('../src/panels/gpuJobs/model')>('../src/panels/gpuJobs/model');
const { GpuJobsView } = load<typeof import('../src/panels/gpuJobs/view')>('../src/panels/gpuJobs/view');
const { refreshJobs } = load<typeof import('../src/panels/gpuJobs/poll')>('../src/panels/gpuJobs/poll');
const { RayProxy, RAY_TOKEN_HEADER } = load<typeof import('../src/panels/gpuJobs/proxy')>('../src/panels/gpuJobs/proxy');
const { ServerConnection } = load<typeof import('@jupyterlab/services')>('@jupyterlab/services');
import type { JobRow } from '../src/panels/gpuJobs/model';
import type { RayJob } from '../src/panels/gpuJobs/ray';
import type { RayProxyLike, RayTarget } from '../src/panels/gpuJobs/proxy';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const isoAt = (s: number) => new Date(T0 + s * 1000).toISOString();

/** A store row as the reader makes it from status.json (the kernel's Ray executor wrote it). */
function storeRow(id: string, state: string, at: number, extra: Record<string, unknown> = {}): JobRow {
  return jobRow(id, { state, executor: 'ray', submittedAt: isoAt(at), attempt: 1, ...extra }, { name: `store ${id}`, seed: 1 });
}

/** A Ray job as Ray's GET /api/jobs/ lists it (the fields the proxy keeps). */
function rayJob(sid: string | null, status: string, at: number, extra: Partial<RayJob> = {}): RayJob {
  return {
    type: sid ? 'SUBMISSION' : 'DRIVER',
    job_id: sid ? null : '02000000',
    submission_id: sid,
    status,
    entrypoint: `python -m something ${sid}`,
    message: null,
    error_type: null,
    start_time: T0 + at * 1000,
    end_time: null,
    metadata: {},
    ...extra,
  };
}

test('Ray states map to the panel states named in the issue; unknown states count as queued', () => {
  assert.deepEqual(
    ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'SOMETHING_NEW'].map(rayState),
    ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'queued'],
  );
  // our executor's submission ids and metadata (kernel-lib/src/jobs/ray.ts: `af-${id}-a${attempt}`, metadata.alpha_factory_job)
  assert.deepEqual(storeJobOf(rayJob('af-0123abcd-a3', 'RUNNING', 0)), { id: '0123abcd', attempt: 3 });
  assert.deepEqual(storeJobOf(rayJob('raysubmit_1', 'RUNNING', 0, { metadata: { alpha_factory_job: 'feed' } })), { id: 'feed', attempt: null });
  assert.deepEqual(storeJobOf(rayJob('af-x-y-a12', 'RUNNING', 0, { metadata: { alpha_factory_job: 'x-y' } })), { id: 'x-y', attempt: 12 });
  assert.equal(storeJobOf(rayJob('raysubmit_2', 'RUNNING', 0)), null);
  assert.equal(storeJobOf(rayJob('af-nope', 'RUNNING', 0)), null);
});

test('merge: a Ray job of a store job updates that row; other Ray jobs are rows of executor ray; newest first', () => {
  const store = [
    storeRow('a1', 'queued', 50, { attempt: 2 }), // attempt 2 is running on Ray; attempt 1 was stopped
    storeRow('b2', 'running', 40), // the worker died: Ray says FAILED, the store was never told
    storeRow('c3', 'succeeded', 30, { finishedAt: isoAt(35) }), // the store's end is the truth
    storeRow('d4', 'running', 20), // stopped from the Ray dashboard
    storeRow('e5', 'running', 10, { raySubmissionId: 'custom-sid' }), // status.json names its submission
    storeRow('f6', 'running', 5), // Ray says SUCCEEDED; the worker's status.json has not said so yet
    jobRow('l7', { state: 'queued', executor: 'local', submittedAt: isoAt(1) }, null),
  ];
  const ray = [
    rayJob('af-a1-a1', 'STOPPED', 45, { metadata: { alpha_factory_job: 'a1' }, end_time: T0 + 48000 }),
    rayJob('af-a1-a2', 'RUNNING', 51, { metadata: { alpha_factory_job: 'a1', kind: 'garch-batch' } }),
    rayJob('af-b2-a1', 'FAILED', 41, { message: 'Job entrypoint command failed with exit code 1, last available logs:\nTraceback ...\nKilled', error_type: 'JOB_ENTRYPOINT_COMMAND_ERROR', end_time: T0 + 44000 }),
    rayJob('af-c3-a1', 'FAILED', 31),
    rayJob('af-d4-a1', 'STOPPED', 21, { end_time: T0 + 25000 }),
    rayJob('custom-sid', 'RUNNING', 11),
    rayJob('af-f6-a1', 'SUCCEEDED', 6, { end_time: T0 + 9000 }),
    rayJob('raysubmit_new', 'RUNNING', 60, { entrypoint: `python train.py --tag '${XSS}'`, entrypoint_num_gpus: 2, message: 'Job is currently running.' }),
    rayJob('raysubmit_wait', 'PENDING', 55, { entrypoint: 'python wait.py' }),
    rayJob('raysubmit_old', 'FAILED', 0, { entrypoint: 'python old.py', message: 'boom\nmore', error_type: 'JOB_ENTRYPOINT_COMMAND_ERROR', end_time: T0 + 2000 }),
    rayJob('raysubmit_done', 'SUCCEEDED', 3, { end_time: T0 + 4000 }),
    rayJob('raysubmit_stop', 'STOPPED', 2, { end_time: T0 + 2500 }),
    rayJob('af-gone-a1', 'RUNNING', 4, { metadata: { alpha_factory_job: 'gone', kind: 'sweep' } }), // store job of another workspace
    rayJob(null, 'RUNNING', 7, { entrypoint: 'notebook.py' }), // a ray.init() driver
  ];
  const rows = mergeJobs(store, ray);
  const by = new Map(rows.map((r) => [r.id, r]));
  assert.deepEqual(
    rows.map((r) => r.id),
    ['ray:raysubmit_new', 'ray:raysubmit_wait', 'a1', 'b2', 'c3', 'd4', 'e5', 'ray:02000000', 'f6', 'ray:af-gone-a1', 'ray:raysubmit_done', 'ray:raysubmit_stop', 'l7', 'ray:raysubmit_old'],
  );
  // store rows with their Ray job's live state
  assert.deepEqual([by.get('a1')!.status, by.get('a1')!.raySubmissionId, by.get('a1')!.rayStatus], ['running', 'af-a1-a2', 'RUNNING']);
  assert.equal(by.get('a1')!.name, 'store a1');
  assert.equal(by.get('b2')!.status, 'failed');
  assert.equal(by.get('b2')!.error, 'Ray job af-b2-a1 failed (JOB_ENTRYPOINT_COMMAND_ERROR): Job entrypoint command failed with exit code 1, last available logs:');
  assert.equal(by.get('b2')!.finishedAt, isoAt(44));
  assert.deepEqual([by.get('c3')!.status, by.get('c3')!.finishedAt, by.get('c3')!.rayStatus], ['succeeded', isoAt(35), 'FAILED']);
  assert.deepEqual([by.get('d4')!.status, by.get('d4')!.message, by.get('d4')!.finishedAt], ['cancelled', 'stopped on the Ray cluster', isoAt(25)]);
  assert.deepEqual([by.get('e5')!.status, by.get('e5')!.rayStatus], ['running', 'RUNNING']);
  assert.deepEqual([by.get('f6')!.status, by.get('f6')!.rayStatus], ['running', 'SUCCEEDED']);
  assert.equal(by.get('l7')!.rayStatus, undefined, 'a local job is left alone');
  // Ray-only rows
  const n = by.get('ray:raysubmit_new')!;
  assert.deepEqual(
    [n.name, n.executor, n.status, n.source, n.raySubmissionId, n.device, n.startedAt, n.message, n.error],
    [`python train.py --tag '${XSS}'`, 'ray', 'running', 'ray', 'raysubmit_new', '2 GPUs', isoAt(60), 'Job is currently running.', null],
  );
  assert.deepEqual([by.get('ray:raysubmit_wait')!.status, by.get('ray:raysubmit_wait')!.startedAt, by.get('ray:raysubmit_wait')!.submittedAt], ['queued', null, isoAt(55)]);
  assert.deepEqual([by.get('ray:raysubmit_old')!.status, by.get('ray:raysubmit_old')!.error, by.get('ray:raysubmit_old')!.finishedAt], ['failed', 'Ray job failed (JOB_ENTRYPOINT_COMMAND_ERROR): boom', isoAt(2)]);
  assert.deepEqual([by.get('ray:raysubmit_done')!.status, by.get('ray:raysubmit_stop')!.status], ['succeeded', 'cancelled']);
  assert.deepEqual([by.get('ray:af-gone-a1')!.kind, by.get('ray:af-gone-a1')!.status], ['sweep', 'running']);
  assert.deepEqual([by.get('ray:02000000')!.raySubmissionId, by.get('ray:02000000')!.kind, by.get('ray:02000000')!.name], [null, 'ray driver', 'notebook.py']);
  // the older attempt of a1 and the matched submissions are not rows of their own
  assert.ok(!rows.some((r) => r.id.startsWith('ray:af-a1') || r.id.startsWith('ray:af-b2') || r.id === 'ray:custom-sid'));
  // no cluster, or an unreachable one: the store rows as they are
  assert.deepEqual(mergeJobs(store, null), store);
  assert.deepEqual(rayJobRow(rayJob('x', 'RUNNING', 0, { entrypoint: '' })).name, 'x');
});

test('GPU Jobs panel: Ray rows render as text, Cancel stops them on Ray, logs come from Ray; an unreachable cluster is a banner with the store jobs still listed', async () => {
  const model = new GpuJobsModel({ defaultExecutor: 'ray', rayDashboardUrl: 'http://ray-head:8265' });
  const stopped: string[] = [];
  const commands: unknown[] = [];
  const rayLogs = new Map([['raysubmit_new', 'ray line 1\nray line 2']]);
  model.stopRay = async (sid) => void stopped.push(sid);
  model.runCommand = async (c) => void commands.push(c);
  model.readRayLog = async (sid) => {
    const t = rayLogs.get(sid);
    if (t === undefined) throw new Error('Ray GET /api/jobs/x/logs: HTTP 404');
    return t;
  };
  model.readLog = async (id) => `store log of ${id}`;
  const view = new GpuJobsView(model, { now: () => T0 + 70000 });
  const store = [storeRow('a1', 'running', 50), storeRow('b2', 'running', 40)];
  const ray = [
    rayJob('af-a1-a1', 'RUNNING', 51),
    rayJob('af-b2-a1', 'RUNNING', 41),
    rayJob('raysubmit_new', 'RUNNING', 60, { entrypoint: XSS }),
    rayJob('raysubmit_done', 'SUCCEEDED', 3, { end_time: T0 + 4000 }),
    rayJob(null, 'RUNNING', 7, { entrypoint: 'driver.py' }),
  ];
  rayLogs.set('af-a1-a1', 'a1 live from Ray');
  assert.equal(model.setSources(store, { jobs: ray, error: null }), true);
  assert.equal(model.setSources(undefined, { jobs: ray, error: null }), false, 'the same Ray answer is no change');
  assert.equal(model.jobs.length, 5);
  assert.equal(model.active, 4);
  const item = (id: string) => view.node.querySelector(`.af-job[data-id="${id}"]`) as HTMLElement;
  assert.equal(item('ray:raysubmit_new').querySelector('.af-job-name')?.textContent, XSS);
  assert.equal(view.node.querySelector('img'), null);
  assert.match(item('ray:raysubmit_new').querySelector('.af-job-meta')!.textContent!, /ray job · ray · device unknown · not from the job store/);
  assert.match(item('a1').querySelector('.af-job-meta')!.textContent!, /Ray RUNNING/);

  // a Ray-only job: its log from Ray, only Cancel, which stops it on Ray
  (item('ray:raysubmit_new').querySelector('.af-job-head') as HTMLButtonElement).click();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(view.node.querySelector('.af-job-log')?.textContent, 'ray line 1\nray line 2');
  assert.equal(item('ray:raysubmit_new').querySelector('.af-job-retry, .af-job-clone, .af-job-show'), null);
  (item('ray:raysubmit_new').querySelector('.af-job-cancel') as HTMLButtonElement).click();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(stopped, ['raysubmit_new']);
  assert.deepEqual(commands, [], 'no notebook cell for a job outside the store');
  await model.command({ type: 'retry-job', jobId: 'ray:raysubmit_new' });
  assert.match(model.error ?? '', /not submitted through Alpha Factory: only Cancel applies/);
  // a finished Ray job has no Cancel; a driver has no submission to stop or log
  await model.toggle('ray:raysubmit_done');
  assert.equal(item('ray:raysubmit_done').querySelector('.af-job-cancel'), null);
  await model.toggle('ray:02000000');
  assert.equal(item('ray:02000000').querySelector('.af-job-cancel'), null);
  assert.match(view.node.querySelector('.af-job-log')?.textContent ?? '', /ray\.init\(\), not a job submission/);

  // a store job on Ray: live log from Ray; the store's copy when Ray has none; Cancel is a notebook cell (kernel-lib's cancel)
  await model.toggle('a1');
  assert.equal(view.node.querySelector('.af-job-log')?.textContent, 'a1 live from Ray');
  await model.toggle('b2');
  assert.equal(view.node.querySelector('.af-job-log')?.textContent, 'store log of b2');
  (item('b2').querySelector('.af-job-cancel') as HTMLButtonElement).click();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(commands, [{ type: 'cancel-job', jobId: 'b2' }]);
  assert.deepEqual(stopped, ['raysubmit_new']);

  // the cluster cannot be reached: a banner, its jobs gone, the store's listed with their own state
  assert.equal(view.node.querySelector('.af-ray-error'), null);
  assert.equal(model.setSources(undefined, { jobs: null, error: 'cannot reach the Ray dashboard at http://ray-head:8265 (GET /api/jobs/: Connection refused)' }), true);
  const banner = view.node.querySelector('.af-ray-error');
  assert.equal(banner?.getAttribute('role'), 'alert');
  assert.equal(
    banner?.textContent,
    "Ray cluster at http://ray-head:8265: cannot reach the Ray dashboard at http://ray-head:8265 (GET /api/jobs/: Connection refused). Only the job store's jobs are listed.",
  );
  assert.deepEqual(
    model.jobs.map((j) => [j.id, j.rayStatus ?? null]),
    [
      ['a1', null],
      ['b2', null],
    ],
  );
  // back again: the banner goes
  model.setSources(undefined, { jobs: ray, error: null });
  assert.equal(view.node.querySelector('.af-ray-error'), null);
  assert.equal(model.jobs.length, 5);
  // another address in the settings: the old cluster's jobs and errors are cleared
  model.setSettings({ defaultExecutor: 'ray', rayDashboardUrl: 'http://other:8265' });
  assert.deepEqual(
    model.jobs.map((j) => j.id),
    ['a1', 'b2'],
  );
  view.dispose();
});

test('refreshJobs: polls the cluster only when an address is set; busy while a Ray job runs; an unreachable cluster backs off like an idle store', async () => {
  const model = new GpuJobsModel({ defaultExecutor: 'local', rayDashboardUrl: 'http://ray:8265' });
  let storeJobs: JobRow[] = [storeRow('s1', 'succeeded', 1)];
  let storeChanged = true;
  const reader = { read: async () => ({ jobs: storeJobs, changed: storeChanged }) };
  const calls: RayTarget[] = [];
  let answer: RayJob[] | Error = [rayJob('raysubmit_1', 'RUNNING', 5)];
  const proxy: RayProxyLike = {
    list: async (t) => {
      calls.push(t);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    logs: async () => '',
    stop: async () => true,
  };
  const target = { address: 'http://ray:8265', token: 'secret' };
  assert.equal(await refreshJobs(model, reader, proxy, target), true);
  assert.deepEqual(
    model.jobs.map((j) => j.id),
    ['ray:raysubmit_1', 's1'],
  );
  storeChanged = false;
  assert.equal(await refreshJobs(model, reader, proxy, target), true, 'a running Ray job keeps the poll fast');
  answer = [rayJob('raysubmit_1', 'SUCCEEDED', 5, { end_time: T0 + 9000 })];
  assert.equal(await refreshJobs(model, reader, proxy, target), true, 'the job ended: a change');
  assert.equal(await refreshJobs(model, reader, proxy, target), false, 'nothing changed, nothing active: back off');
  answer = new Error('cannot reach the Ray dashboard at http://ray:8265 (GET /api/jobs/: Connection refused)');
  assert.equal(await refreshJobs(model, reader, proxy, target), true, 'the cluster went away: a change');
  assert.match(model.rayError ?? '', /Connection refused/);
  assert.deepEqual(
    model.jobs.map((j) => j.id),
    ['s1'],
  );
  assert.equal(await refreshJobs(model, reader, proxy, target), false, 'still unreachable: back off');
  assert.deepEqual(calls[0], target);
  const n = calls.length;
  assert.equal(await refreshJobs(model, reader, proxy, { address: '  ', token: '' }), true, 'no cluster: the error state is cleared');
  assert.equal(calls.length, n, 'no address: the proxy is not called');
  assert.equal(model.rayError, null);
  storeJobs = [storeRow('s2', 'running', 9), ...storeJobs];
  storeChanged = true;
  assert.equal(await refreshJobs(model, reader, null, target), true);
  assert.deepEqual(
    model.jobs.map((j) => j.id),
    ['s2', 's1'],
  );
});

test('RayProxy: address in the query, token in its own header, the server extension’s JSON error as the message', async () => {
  const seen: { url: string; method: string; token: string | null }[] = [];
  const answers: Array<{ status: number; body: string }> = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    // (ServerConnection appends a cache-busting `&<time>`)
    seen.push({ url: req.url.replace(/&\d{10,}$/, ''), method: req.method, token: req.headers.get(RAY_TOKEN_HEADER) });
    const a = answers.shift()!;
    return new Response(a.body, { status: a.status, headers: { 'Content-Type': 'application/json' } });
  };
  const settings = ServerConnection.makeSettings({ baseUrl: 'http://lab.example/user/x/', fetch: fetchFn as typeof fetch, Request, Headers, WebSocket: class {} as unknown as typeof WebSocket });
  const proxy = new RayProxy(settings);
  const target = { address: 'http://ray-head:8265', token: 'tok&en' };
  answers.push({ status: 200, body: JSON.stringify({ address: 'http://ray-head:8265', jobs: [rayJob('raysubmit_1', 'RUNNING', 0), { nonsense: true }] }) });
  const jobs = await proxy.list(target);
  assert.deepEqual(
    jobs.map((j) => j.submission_id),
    ['raysubmit_1'],
  );
  answers.push({ status: 200, body: JSON.stringify({ id: 'raysubmit_1', logs: 'l1\nl2', truncated: false }) });
  assert.equal(await proxy.logs(target, 'raysubmit_1', 40), 'l1\nl2');
  answers.push({ status: 200, body: JSON.stringify({ id: 'raysubmit_1', stopped: true }) });
  assert.equal(await proxy.stop({ address: 'http://ray-head:8265', token: '' }, 'raysubmit_1'), true);
  assert.deepEqual(seen, [
    { url: 'http://lab.example/user/x/alpha-factory/ray/jobs?address=http%3A%2F%2Fray-head%3A8265', method: 'GET', token: 'tok&en' },
    { url: 'http://lab.example/user/x/alpha-factory/ray/jobs/raysubmit_1/logs?address=http%3A%2F%2Fray-head%3A8265&lines=40', method: 'GET', token: 'tok&en' },
    { url: 'http://lab.example/user/x/alpha-factory/ray/jobs/raysubmit_1/stop?address=http%3A%2F%2Fray-head%3A8265', method: 'POST', token: null },
  ]);
  answers.push({ status: 502, body: JSON.stringify({ error: { code: 'ray_unreachable', message: 'cannot reach the Ray dashboard at http://ray-head:8265 (GET /api/jobs/: Connection refused)' } }) });
  await assert.rejects(proxy.list(target), { message: 'cannot reach the Ray dashboard at http://ray-head:8265 (GET /api/jobs/: Connection refused)' });
  answers.push({ status: 404, body: '<html>404: Not Found</html>' });
  await assert.rejects(proxy.list(target), /server extension is not enabled/);
});
