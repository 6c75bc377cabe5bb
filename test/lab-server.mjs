// Starts a real JupyterLab server from the project venv for browser tests, on a free port,
// with no token, rooted in a scratch folder inside the repository (so notebooks there
// resolve @alpha-factory/kernel through the workspace link in node_modules/).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startLab({ python, rootDir, logDir, timeoutMs = 90_000, extraArgs = [], env = {} }) {
  const port = await freePort();
  mkdirSync(rootDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, 'jupyterlab.log'), 'w');
  const args = [
    '-m', 'jupyterlab', '--no-browser', `--port=${port}`, '--ip=127.0.0.1',
    '--ServerApp.token=', '--ServerApp.password=', '--ServerApp.disable_check_xsrf=True',
    `--ServerApp.root_dir=${rootDir}`, '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
  ];
  args.push(...extraArgs);
  if (process.getuid && process.getuid() === 0) args.push('--allow-root');
  const proc = spawn(python, args, { stdio: ['ignore', log, log], detached: true, env: { ...process.env, JUPYTER_PLATFORM_DIRS: '1', ...env } });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`jupyter lab exited with ${proc.exitCode}; see ${join(logDir, 'jupyterlab.log')}`);
    try {
      const r = await fetch(`${url}/api/status`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      process.kill(-proc.pid, 'SIGTERM');
      throw new Error(`jupyter lab did not answer on ${url} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    async stop() {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        return;
      }
      for (let i = 0; i < 50 && proc.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      if (proc.exitCode === null) process.kill(-proc.pid, 'SIGKILL');
    },
  };
}

/** Headless Debian Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}
