// Browser test of the GPU Jobs panel with a Ray cluster configured: a real Ray head (`ray start
// --head` from the project venv, token authentication on, its own temp dir, only its processes
// stopped afterwards), jobs submitted with the plain `ray job submit` CLI, a real JupyterLab whose
// server extension proxies to Ray, and Debian's headless Chromium.
//  - a Ray job submitted by the CLI (not through Alpha Factory) is listed, running, with its log tail;
//    Cancel in the panel stops it on Ray (Ray then reports it STOPPED);
//  - a job store job whose Ray submission (`af-<id>-a1`, as kernel-lib's Ray executor names it) is
//    running shows Ray's live state although its status.json still says queued;
//  - with an unreachable dashboard address the panel shows a banner and still lists the store's job.
// Screenshots go to $AF_TEST_OUTPUT/ray-panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, startLab } from './lab-server.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outRoot = process.env.AF_TEST_OUTPUT ?? join(root, 'test-output');
const shots = join(outRoot, 'ray-panel');
const python = process.env.AF_PYTHON ?? join(root, '.venv', 'bin', 'python');
const bin = dirname(python);
const RAY = join(bin, 'ray');
const SKIP = existsSync(RAY) ? false : `no ray in ${bin} (pip install -r gpu/requirements.txt)`;
const TOKEN = randomBytes(16).toString('hex');
const TEMP = mkdtempSync('/tmp/af-ray-panel-');
const STORE_JOB = 'feedc0de0123';
const CLI_JOB = `plain-cli-${randomBytes(4).toString('hex')}`;
const rayEnv = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH}`,
  RAY_USAGE_STATS_ENABLED: '0',
  RAY_raylet_start_wait_time_s: '120',
  RAY_agent_register_timeout_ms: '300000',
  RAY_AUTH_MODE: 'token',
  RAY_AUTH_TOKEN: TOKEN,
};
delete rayEnv.RAY_AUTH_TOKEN_PATH;

let address = '';
let lab;
let browser;
let page;
let labRoot;
let settingsDir;

function ourRayPids() {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(TEMP)) pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
}

function stopOurRay() {
  for (const sig of ['SIGTERM', 'SIGKILL']) {
    for (const p of ourRayPids()) {
      try {
        process.kill(p, sig);
      } catch {
        /* already gone */
      }
    }
    const end = Date.now() + 10000;
    while (ourRayPids().length > 0 && Date.now() < end) spawnSync('sleep', ['0.2']);
  }
}

const ray = (...args) => spawnSync(RAY, args, { env: rayEnv, encoding: 'utf8', timeout: 120000 });

function writeSettings(dashboard) {
  const dir = join(settingsDir, '@alpha-factory', 'jupyterlab');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'plugin.jupyterlab-settings'), JSON.stringify({ rayDashboardUrl: dashboard, rayToken: TOKEN, defaultExecutor: 'ray' }));
}

before(async () => {
  if (SKIP) return;
  mkdirSync(shots, { recursive: true });
  const [gcs, dash, client, agent] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const args = ['start', '--head', `--port=${gcs}`, `--dashboard-port=${dash}`, `--ray-client-server-port=${client}`, `--dashboard-agent-listen-port=${agent}`,
    '--dashboard-host=127.0.0.1', '--num-cpus=2', '--num-gpus=0', '--include-dashboard=true', '--disable-usage-stats', `--temp-dir=${TEMP}`];
  let r = spawnSync(RAY, args, { env: rayEnv, encoding: 'utf8', timeout: 240000 });
  for (let attempt = 2; r.status !== 0 && attempt <= 3; attempt++) {
    stopOurRay();
    r = spawnSync(RAY, args, { env: rayEnv, encoding: 'utf8', timeout: 240000 });
  }
  assert.equal(r.status, 0, `ray start failed: ${(r.stderr || r.stdout).slice(-800)}`);
  address = `http://127.0.0.1:${dash}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${address}/api/jobs/`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then((x) => x.ok, () => false);
    if (ok) break;
    assert.ok(i < 180, 'the Ray dashboard answers');
    await new Promise((res) => setTimeout(res, 500));
  }
  // a job submitted with the plain Ray CLI, and the Ray submission of a store job (as our Ray executor names it)
  const script = "import time\nfor i in range(3): print(f'cli-line-{i}', flush=True)\ntime.sleep(600)";
  for (const [sid, meta] of [[CLI_JOB, '{}'], [`af-${STORE_JOB}-a1`, JSON.stringify({ alpha_factory_job: STORE_JOB, kind: 'garch-batch' })]]) {
    const s = ray('job', 'submit', '--address', address, '--no-wait', '--submission-id', sid, '--metadata-json', meta, '--', 'python', '-c', script);
    assert.equal(s.status, 0, `ray job submit: ${s.stderr || s.stdout}`);
  }
  labRoot = mkdtempSync(join(tmpdir(), 'af-ray-panel-lab-'));
  const jobDir = join(labRoot, 'experiments', 'jobs', STORE_JOB);
  mkdirSync(jobDir, { recursive: true });
  // the store's record as the kernel wrote it at submission: still queued
  writeFileSync(join(jobDir, 'status.json'), JSON.stringify({ id: STORE_JOB, kind: 'garch-batch', state: 'queued', executor: 'ray', submittedAt: new Date().toISOString(), progress: 0, attempt: 1 }));
  writeFileSync(join(jobDir, 'spec.json'), JSON.stringify({ kind: 'garch-batch', name: 'store job on Ray', seed: 7 }));
  const state = mkdtempSync(join(tmpdir(), 'af-ray-panel-state-'));
  settingsDir = join(state, 'settings');
  writeSettings(address);
  mkdirSync(join(settingsDir, '@jupyterlab', 'apputils-extension'), { recursive: true });
  writeFileSync(join(settingsDir, '@jupyterlab', 'apputils-extension', 'notification.jupyterlab-settings'), JSON.stringify({ fetchNews: 'false' }));
  lab = await startLab({
    python,
    rootDir: labRoot,
    logDir: shots,
    // the server extension is enabled by the config file pip installed into the venv
    extraArgs: ['--LabApp.expose_app_in_browser=True'],
    env: { JUPYTERLAB_SETTINGS_DIR: settingsDir, JUPYTERLAB_WORKSPACES_DIR: join(state, 'workspaces') },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${lab.url}/lab?reset`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.jp-Launcher', { timeout: 90_000 });
});

after(async () => {
  if (browser) await browser.close();
  if (lab) await lab.stop();
  stopOurRay();
  rmSync(TEMP, { recursive: true, force: true });
  if (labRoot) rmSync(labRoot, { recursive: true, force: true });
});

test('GPU Jobs lists the Ray cluster’s jobs, reads a log tail, cancels a CLI job on Ray; unreachable cluster: banner, store jobs listed', { skip: SKIP, timeout: 8 * 60 * 1000 }, async () => {
  const cli = `#af-gpu-jobs-panel .af-job[data-id="ray:${CLI_JOB}"]`;
  const store = `#af-gpu-jobs-panel .af-job[data-id="${STORE_JOB}"]`;
  try {
    await page.evaluate(() => window.jupyterapp.commands.execute('alpha-factory:open-gpu-jobs'));
    await page.waitForSelector(`${cli} .af-state-running`, { timeout: 120_000 });
    // its name is the entrypoint Ray recorded (Ray's own REST answer)
    const details = await (await fetch(`${address}/api/jobs/${CLI_JOB}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    assert.ok(details.entrypoint.startsWith('python -c '), details.entrypoint);
    assert.equal(await page.textContent(`${cli} .af-job-name`), details.entrypoint);
    assert.match(await page.textContent(`${cli} .af-job-meta`), /ray job · ray · .*not from the job store/);
    // the store's job: running (Ray's live state), though status.json says queued
    await page.waitForSelector(`${store} .af-state-running`, { timeout: 60_000 });
    assert.equal(await page.textContent(`${store} .af-job-name`), 'store job on Ray');
    assert.match(await page.textContent(`${store} .af-job-meta`), /garch-batch · ray · .*Ray RUNNING/);
    assert.equal(await page.$(`#af-gpu-jobs-panel .af-job[data-id="ray:af-${STORE_JOB}-a1"]`), null, 'the store job’s submission is not a row of its own');
    // the CLI job's log tail through the proxy
    await page.click(`${cli} .af-job-head`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('cli-line-2'), `${cli} .af-job-log`, { timeout: 60_000 });
    await page.screenshot({ path: join(shots, 'gpu-jobs-ray.png') });
    assert.equal(await page.$(`${cli} .af-job-retry, ${cli} .af-job-clone`), null, 'no retry or clone for a job without a spec');
    // Cancel stops it on Ray
    await page.click(`${cli} .af-job-cancel`);
    await page.waitForSelector(`${cli} .af-state-cancelled`, { timeout: 90_000 });
    const after = await (await fetch(`${address}/api/jobs/${CLI_JOB}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    assert.equal(after.status, 'STOPPED', 'Ray reports the job stopped');
    assert.equal(await page.$(`${store} .af-state-running`) !== null, true, 'the other job still runs');
    assert.equal(await page.$('.af-ray-error'), null);

    // an address where nothing answers: a banner, the Ray rows gone, the store's job listed
    const nobody = `http://127.0.0.1:${await freePort()}`;
    writeSettings(nobody);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.jupyterapp !== undefined, null, { timeout: 90_000 });
    await page.evaluate(async () => {
      await window.jupyterapp.restored;
      await window.jupyterapp.commands.execute('alpha-factory:open-gpu-jobs');
    });
    await page.waitForSelector('#af-gpu-jobs-panel .af-ray-error', { timeout: 90_000 });
    const banner = await page.textContent('#af-gpu-jobs-panel .af-ray-error');
    assert.ok(banner.startsWith(`Ray cluster at ${nobody}: cannot reach the Ray dashboard at ${nobody}`), banner);
    assert.match(banner, /Only the job store's jobs are listed\.$/);
    await page.waitForSelector(`${store} .af-state-queued`, { timeout: 30_000 });
    assert.equal(await page.$(cli), null);
    await page.screenshot({ path: join(shots, 'gpu-jobs-ray-unreachable.png') });
  } catch (e) {
    if (page) await page.screenshot({ path: join(shots, 'failed.png') }).catch(() => {});
    throw e;
  }
});
