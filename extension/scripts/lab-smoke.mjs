#!/usr/bin/env node
/* global window */
// Browser smoke check of the built extension in a real JupyterLab, with Debian's Chromium.
//   node extension/scripts/lab-smoke.mjs [--python .venv/bin/python] [--out test-output/extension-smoke]
// Starts `python -m jupyter lab` on a free loopback port in a temporary folder holding a
// notebook with saved payload outputs (one as an object, one as a JSON string, with an
// `<img src=x onerror=...>` title), then checks: the three launcher cards; each panel opens
// by its command and has its DOM id and aria label; the four Alpha Factory tabs; the
// payloads render as text (no <img>, no alert, HTML fallback not shown); a cell run in a
// live kernel updates the Portfolio panel; the layout survives a reload. Screenshots
// (light and dark) go to --out. Exits 1 on the first failed check.
// Needs: the extension installed into that Python's JupyterLab, ipykernel, playwright-core
// at the repo root, /usr/bin/chromium (or CHROMIUM).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const repo = path.resolve(here, '..', '..');
const python = arg('--python', path.join(repo, '.venv', 'bin', 'python'));
const out = path.resolve(arg('--out', path.join(repo, 'test-output', 'extension-smoke')));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const XSS = '<img src=x onerror=alert(1)>';

function check(cond, what) {
  if (!cond) throw new Error(`lab-smoke: FAILED: ${what}`);
  console.log(`lab-smoke: ok: ${what}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function payloadNotebook() {
  const table = { kind: 'table', version: 1, title: `Top factors ${XSS}`, columns: ['formula', 'IC'], rows: [[XSS, 0.041], ['ts_mean(close,20)', 0.032]] };
  const manifest = {
    kind: 'manifest', version: 1, created_at: '2026-01-02T03:04:05Z', seeds: [42],
    data: [{ name: 'sp500', path: null, sha256: 'a'.repeat(64), rows: 1000 }],
    versions: { kernel_lib: '0.1.0', node: process.version, tslab: null, typescript: null },
    platform: { os: 'Linux', arch: 'x64', cpus: 2 },
  };
  const output = (kind, data) => ({
    output_type: 'display_data', metadata: {},
    data: { [`application/vnd.alpha-factory.${kind}.v1+json`]: data, 'text/html': '<b>HTML FALLBACK</b>', 'text/plain': 'fallback' },
  });
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' } },
    cells: [
      { cell_type: 'code', id: 'manifest', execution_count: 1, metadata: {}, source: 'show(manifest)', outputs: [output('manifest', manifest)] },
      { cell_type: 'code', id: 'table', execution_count: 2, metadata: {}, source: 'show(table)', outputs: [output('table', JSON.stringify(table))] },
    ],
  };
}

async function waitForLab(url, lab, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (lab.exitCode !== null) throw new Error(`lab-smoke: jupyter lab exited with ${lab.exitCode}`);
    try {
      const r = await fetch(`${url}/api/status`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`lab-smoke: jupyter lab did not answer at ${url} within ${ms / 1000} s`);
}

async function main() {
  const { chromium } = createRequire(path.join(repo, 'package.json'))('playwright-core');
  fs.mkdirSync(out, { recursive: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'af-smoke-'));
  fs.mkdirSync(path.join(root, 'nb'));
  fs.writeFileSync(path.join(root, 'nb', 'payloads.ipynb'), JSON.stringify(payloadNotebook(), null, 1));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, JUPYTERLAB_SETTINGS_DIR: path.join(root, 'settings'), JUPYTERLAB_WORKSPACES_DIR: path.join(root, 'workspaces') };
  const lab = spawn(python, ['-m', 'jupyter', 'lab', '--no-browser', `--port=${port}`, '--ip=127.0.0.1', '--IdentityProvider.token=', '--ServerApp.password=',
    '--LabApp.expose_app_in_browser=True', `--ServerApp.root_dir=${path.join(root, 'nb')}`, ...(process.getuid?.() === 0 ? ['--allow-root'] : [])],
  { env, stdio: ['ignore', 'ignore', fs.openSync(path.join(out, 'lab.log'), 'w')] });
  let browser;
  try {
    await waitForLab(url, lab, 90000);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const alerts = [];
    page.on('dialog', async (d) => {
      if (d.type() === 'beforeunload') return d.accept();
      alerts.push(d.message());
      return d.dismiss();
    });
    const run = (id, args = {}) => page.evaluate(async ([i, a]) => { await window.jupyterapp.commands.execute(i, a); return true; }, [id, args]);

    await page.goto(`${url}/lab?reset`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.jp-Launcher', { timeout: 60000 });
    const cards = await page.$$eval('.jp-Launcher-section', (secs) => secs.filter((s) => s.querySelector('.jp-Launcher-sectionTitle')?.textContent === 'Alpha Factory').flatMap((s) => Array.from(s.querySelectorAll('.jp-LauncherCard-label'), (c) => c.textContent)));
    check(JSON.stringify(cards) === JSON.stringify(['Alpha Factory', 'GPU Jobs', 'Portfolio']), `launcher cards ${JSON.stringify(cards)}`);
    await page.screenshot({ path: path.join(out, 'launcher.png') });

    await page.click('.jp-LauncherCard:has-text("Alpha Factory") >> nth=0');
    await page.waitForSelector('#af-alpha-factory-panel', { state: 'visible' });
    check((await page.getAttribute('#af-alpha-factory-panel', 'aria-label')) === 'Alpha Factory panel', 'Alpha Factory panel opens from its card, aria label set');
    const tabs = await page.$$eval('#af-alpha-factory-panel .lm-TabBar-tabLabel', (ts) => ts.map((t) => t.textContent));
    check(JSON.stringify(tabs) === JSON.stringify(['Data', 'Mining', 'Factors', 'Combination']), `tabs ${JSON.stringify(tabs)}`);
    await page.click('#af-alpha-factory-panel .lm-TabBar-tab:has-text("Mining")');
    check(await page.isVisible('#af-tab-mining'), 'Mining tab shows');
    await page.screenshot({ path: path.join(out, 'alpha-factory.png') });

    await run('alpha-factory:open-gpu-jobs');
    await page.waitForSelector('#af-gpu-jobs-panel', { state: 'visible' });
    check(/No jobs yet/.test(await page.textContent('#af-gpu-jobs-panel')), 'GPU Jobs panel opens with its empty state');

    await run('alpha-factory:open-portfolio');
    await page.waitForSelector('#af-portfolio-panel', { state: 'visible' });
    await run('docmanager:open', { path: 'payloads.ipynb' });
    await page.waitForSelector('.jp-NotebookPanel .af-payload-table', { timeout: 30000 });
    const views = await page.$$eval('.jp-NotebookPanel .af-payload', (ps) => ps.map((p) => p.dataset.kind));
    check(JSON.stringify(views) === JSON.stringify(['manifest', 'table']), `payload outputs render (object and string JSON): ${JSON.stringify(views)}`);
    check((await page.textContent('.jp-NotebookPanel .af-payload-table .af-payload-title')) === `Top factors ${XSS}`, 'markup in a payload shows as text');
    check((await page.locator('.jp-NotebookPanel .jp-OutputArea img').count()) === 0, 'no <img> element created from payload text');
    check((await page.locator('.jp-NotebookPanel b:text("HTML FALLBACK")').count()) === 0, 'payload view preferred over the text/html fallback');
    await page.waitForSelector('#af-portfolio-panel .af-payload-table', { timeout: 15000 });
    check(true, 'Portfolio panel shows the notebook\'s latest payload');
    await page.screenshot({ path: path.join(out, 'notebook-portfolio-light.png') });

    // A live kernel output updates the Portfolio panel.
    await page.waitForSelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]', { timeout: 90000 });
    await run('notebook:move-cursor-down');
    await run('notebook:insert-cell-below');
    const code = "from IPython.display import display\ndisplay({'application/vnd.alpha-factory.panel-summary.v1+json': {'kind': 'panel-summary', 'version': 1, 'title': 'Live summary', 'stats': [{'field': 'close', 'count': 3, 'mean': 2.5}]}, 'text/plain': 'x'}, raw=True)";
    await page.evaluate((c) => { window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.setSource(c); return true; }, code);
    await run('notebook:run-cell');
    await page.waitForSelector('#af-portfolio-panel .af-payload-panel-summary', { timeout: 90000 });
    check(true, 'a payload displayed by a running kernel updates the Portfolio panel');

    await run('apputils:change-theme', { theme: 'JupyterLab Dark' });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'notebook-portfolio-dark.png') });
    await run('apputils:change-theme', { theme: 'JupyterLab Light' });
    await page.waitForTimeout(1000);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#af-alpha-factory-panel', { state: 'attached', timeout: 60000 });
    check(await page.isVisible('#af-portfolio-panel'), 'after reload: Alpha Factory panel restored, Portfolio still open');
    await page.screenshot({ path: path.join(out, 'reloaded.png') });
    check(alerts.length === 0, 'no alert() ran');
    console.log(`lab-smoke: screenshots in ${out}`);
  } finally {
    if (browser) await browser.close();
    lab.kill('SIGTERM');
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
