// Browser test of the walking skeleton: a real JupyterLab from the project venv with our
// extension and the tslab kernel, driven by Debian's headless Chromium (playwright-core with
// executablePath; no downloaded browser, no video). Screenshots go to
// $AF_TEST_OUTPUT/browser (default test-output/browser).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, startLab } from './lab-server.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outRoot = process.env.AF_TEST_OUTPUT ?? join(root, 'test-output');
const shots = join(outRoot, 'browser');
const python = process.env.AF_PYTHON ?? join(root, '.venv', 'bin', 'python');
// Inside the repository, so tslab resolves @alpha-factory/kernel through node_modules/.
const labRoot = join(root, 'test-output', 'lab-root-browser');
const XSS = '<img src=x onerror=alert(1)>';

let lab;
let browser;
let page;
const alerts = [];

function liveNotebook() {
  const source = [
    "import { show, Table } from '@alpha-factory/kernel';",
    `show(new Table(['formula', 'ic'], [['${XSS}', 0.05]], 'Payload with markup in a formula'));`,
  ].join('\n');
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    cells: [{ cell_type: 'code', id: 'live', execution_count: null, metadata: {}, source, outputs: [] }],
  };
}

const command = (id, args = {}) =>
  page.evaluate(async ([i, a]) => {
    await window.jupyterapp.commands.execute(i, a);
    return true;
  }, [id, args]);

before(async () => {
  rmSync(labRoot, { recursive: true, force: true });
  mkdirSync(labRoot, { recursive: true });
  mkdirSync(shots, { recursive: true });
  // The executed quickstart (from the notebook test, or executed here) has outputs to render.
  const executed = join(outRoot, 'reports', '00-quickstart.ipynb');
  if (!existsSync(executed)) {
    const r = spawnSync(process.execPath, [join(root, 'kernel-lib', 'bin', 'alpha-factory.js'), 'report', join(root, 'notebooks', '00-quickstart.ipynb'),
      '--html', join(outRoot, 'reports', '00-quickstart.html'), '--executed', executed], { encoding: 'utf8', env: { ...process.env, ALPHA_FACTORY_PYTHON: python } });
    assert.equal(r.status, 0, r.stderr);
  }
  copyFileSync(executed, join(labRoot, '00-quickstart.ipynb'));
  writeFileSync(join(labRoot, 'live.ipynb'), JSON.stringify(liveNotebook(), null, 1));
  const state = mkdtempSync(join(tmpdir(), 'af-lab-state-'));
  // Render every cell (no windowing), so outputs far down a notebook are in the DOM.
  mkdirSync(join(state, 'settings', '@jupyterlab', 'notebook-extension'), { recursive: true });
  writeFileSync(join(state, 'settings', '@jupyterlab', 'notebook-extension', 'tracker.jupyterlab-settings'), JSON.stringify({ windowingMode: 'none' }));
  mkdirSync(join(state, 'settings', '@jupyterlab', 'apputils-extension'), { recursive: true });
  writeFileSync(join(state, 'settings', '@jupyterlab', 'apputils-extension', 'notification.jupyterlab-settings'), JSON.stringify({ fetchNews: 'false' }));
  lab = await startLab({
    python,
    rootDir: labRoot,
    logDir: shots,
    extraArgs: ['--LabApp.expose_app_in_browser=True'],
    env: { JUPYTERLAB_SETTINGS_DIR: join(state, 'settings'), JUPYTERLAB_WORKSPACES_DIR: join(state, 'workspaces') },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('dialog', async (d) => {
    if (d.type() === 'beforeunload') return d.accept();
    alerts.push(d.message());
    return d.dismiss();
  });
  await page.goto(`${lab.url}/lab?reset`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.jp-Launcher', { timeout: 90_000 });
});

afterEach(async (t) => {
  // keep a picture of whatever a failing test saw
  if (page && t.passed === false) await page.screenshot({ path: join(shots, `failed-${t.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}.png`) });
});

after(async () => {
  if (browser) await browser.close();
  if (lab) await lab.stop();
});

test('the launcher has a card for each of the three panels, and a TypeScript kernel', async () => {
  const cards = await page.$$eval('.jp-Launcher-section', (secs) =>
    secs
      .filter((s) => s.querySelector('.jp-Launcher-sectionTitle')?.textContent === 'Alpha Factory')
      .flatMap((s) => Array.from(s.querySelectorAll('.jp-LauncherCard-label'), (c) => c.textContent)),
  );
  assert.deepEqual(cards, ['Alpha Factory', 'GPU Jobs', 'Portfolio']);
  const kernels = await page.$$eval('.jp-LauncherCard-label', (ls) => ls.map((l) => l.textContent));
  assert.ok(kernels.includes('TypeScript'), `launcher cards: ${kernels.join(', ')}`);
  await page.screenshot({ path: join(shots, 'launcher.png') });
});

test('each panel opens from its palette command as a real widget', async () => {
  for (const [cmd, id, label] of [
    ['alpha-factory:open', 'af-alpha-factory-panel', 'alpha-factory'],
    ['alpha-factory:open-gpu-jobs', 'af-gpu-jobs-panel', 'gpu-jobs'],
    ['alpha-factory:open-portfolio', 'af-portfolio-panel', 'portfolio'],
  ]) {
    await command(cmd);
    await page.waitForSelector(`#${id}`, { state: 'visible', timeout: 30_000 });
    assert.ok((await page.getAttribute(`#${id}`, 'aria-label'))?.length > 0, `${id} has an aria label`);
    await page.screenshot({ path: join(shots, `panel-${label}.png`) });
  }
});

test('the executed quickstart renders its charts and payloads', async () => {
  await command('docmanager:open', { path: '00-quickstart.ipynb' });
  await page.waitForSelector('.jp-NotebookPanel .af-payload', { timeout: 60_000 });
  const kinds = await page.$$eval('.jp-NotebookPanel .af-payload', (ps) => ps.map((p) => p.dataset.kind));
  assert.ok(kinds.includes('table'), `payload views: ${kinds.join(', ')}`);
  assert.ok(kinds.includes('manifest'), `payload views: ${kinds.join(', ')}`);
  // charts: vega-lite rendered interactively, or the SVG rendition
  await page.waitForSelector('.jp-NotebookPanel .vega-embed, .jp-NotebookPanel .jp-RenderedSVG', { timeout: 60_000 });
  await page.screenshot({ path: join(shots, 'quickstart-notebook.png') });
});

test('a payload emitted by a live tslab kernel renders as text and reaches the Portfolio panel', async () => {
  await command('docmanager:open', { path: 'live.ipynb' });
  // wait until the tslab kernel of this notebook is up and idle
  await page.waitForFunction(
    () => {
      const w = window.jupyterapp.shell.currentWidget;
      return w && w.context && w.context.path === 'live.ipynb' && w.sessionContext.session?.kernel?.status === 'idle';
    },
    null,
    { timeout: 120_000 },
  );
  // run the cell as a person would: click into it, Shift+Enter
  await page.click('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-InputArea-editor');
  await page.keyboard.press('Shift+Enter');
  const sel = '.jp-NotebookPanel:not(.lm-mod-hidden) .af-payload-table';
  await page.waitForSelector(sel, { timeout: 120_000 });
  const text = await page.textContent(sel);
  assert.ok(text.includes(XSS), 'the markup shows as text');
  assert.equal(await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea img').count(), 0, 'no <img> element from payload text');
  await page.waitForSelector('#af-portfolio-panel .af-payload-table', { timeout: 30_000 });
  await page.screenshot({ path: join(shots, 'live-payload-light.png') });
  await command('apputils:change-theme', { theme: 'JupyterLab Dark' });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(shots, 'live-payload-dark.png') });
  await command('apputils:change-theme', { theme: 'JupyterLab Light' });
  assert.deepEqual(alerts, [], 'no alert() ran');
});

test('the panels are restored after a reload', async () => {
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#af-alpha-factory-panel', { state: 'attached', timeout: 90_000 });
  assert.ok(await page.isVisible('#af-portfolio-panel'));
  await page.screenshot({ path: join(shots, 'reloaded.png') });
});

test('the HTML report shows its charts with JavaScript disabled', async () => {
  const html = join(outRoot, 'reports', '00-quickstart.html');
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(`file://${html}`);
  const sizes = await p.$$eval('img[src^="data:image/svg+xml"]', (els) => els.map((e) => [e.naturalWidth, e.naturalHeight]));
  assert.ok(sizes.length >= 2, `charts in the report: ${sizes.length}`);
  for (const [w, h] of sizes) assert.ok(w > 100 && h > 100, `chart drawn at ${w}x${h}`);
  assert.ok(await p.isVisible('text=Experiment manifest'));
  await p.screenshot({ path: join(shots, 'report-no-javascript.png'), fullPage: true });
  await ctx.close();
});
