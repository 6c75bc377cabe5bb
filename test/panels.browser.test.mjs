// Browser test of the Alpha Factory panels against a real JupyterLab (the project venv, the
// extension installed there by `make .stamps/labextension`, the tslab kernel) in Debian's
// headless Chromium (playwright-core, no video). One research session, start to end:
//   open a TypeScript notebook; Data tab loads the sample 20-stock panel (generated
//   validateFile/loadPanel/describe cell) and a broken file (issues with row and column);
//   Mining tab runs a small CPU mining job, shows its live progress (generation, zoo fill, best
//   |RankIC|) while the cell runs, and the zoo fills the Factors tab; selecting
//   factors draws the weights chart; a job in the store shows in GPU Jobs and is cancelled
//   through a generated cell, a failed one is cloned with a new seed and the clone retried; the Portfolio panel follows a notebook payload (emergency stop,
//   risk gauges) and a formula `<img src=x onerror=...>` renders as text everywhere; a long
//   CPU run is cancelled from the Mining tab (kernel interrupt) after its first live update.
// Screenshots of every panel, light and dark, go to $AF_TEST_OUTPUT/panels.
//   node --test test/panels.browser.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, startLab } from './lab-server.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outRoot = process.env.AF_TEST_OUTPUT ?? join(root, 'test-output');
const shots = join(outRoot, 'panels');
const python = process.env.AF_PYTHON ?? join(root, '.venv', 'bin', 'python');
const XSS = '<img src=x onerror=alert(1)>';
const FAKE_JOB = 'factor-mining-00000000000000000001';

function notebook(cells = []) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    cells,
  };
}

/** A running job in the store, as the CLI would leave it, whose worker is a sleeping process group. */
function fakeJob(labRoot) {
  const dir = join(labRoot, 'experiments', 'jobs', FAKE_JOB);
  mkdirSync(join(dir, 'artifacts'), { recursive: true });
  // the local executor only signals a process whose command line names the worker package
  const worker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)', 'alpha_factory_gpu.worker'], { detached: true, stdio: 'ignore' });
  worker.exited = new Promise((resolve) => worker.once('exit', (code, signal) => resolve(signal ?? code)));
  const now = new Date().toISOString();
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ version: 1, kind: 'factor-mining', name: 'gpu-mining-seed7', inputs: {}, params: { generator: 'LSTM', epochs: 300 }, seed: 7, resources: { gpus: 1, cpus: 1, memoryMb: 0 }, outputs: ['zoo.json'] }));
  writeFileSync(join(dir, 'status.json'), JSON.stringify({ id: FAKE_JOB, kind: 'factor-mining', state: 'running', executor: 'local', submittedAt: now, startedAt: now, progress: 0.4, message: `epoch 120/300 ${XSS}`, attempt: 1, device: 'cpu' }));
  writeFileSync(join(dir, 'executor.json'), JSON.stringify({ pid: worker.pid }));
  writeFileSync(join(dir, 'worker.log'), 'epoch 119/300 loss 0.12\nepoch 120/300 loss 0.11\n');
  return worker;
}

test('Alpha Factory, GPU Jobs and Portfolio panels in a real JupyterLab', { timeout: 10 * 60 * 1000 }, async (t) => {
  if (!existsSync(python)) return t.skip(`no project venv at ${python}`);
  mkdirSync(shots, { recursive: true });
  const labRoot = join(outRoot, 'panels-lab');
  rmSync(labRoot, { recursive: true, force: true });
  mkdirSync(join(labRoot, 'data'), { recursive: true });
  copyFileSync(join(root, 'kernel-lib', 'data', 'stock_prices_20.csv'), join(labRoot, 'data', 'stock_prices_20.csv'));
  writeFileSync(join(labRoot, 'data', 'broken.csv'), 'date,ticker,close\n2020-01-02,AAA,10\n2020-01-03,AAA,abc\n2020-01-06,AAA,11\n');
  writeFileSync(join(labRoot, 'study.ipynb'), JSON.stringify(notebook()));
  const worker = fakeJob(labRoot);
  // 1,000 finished jobs from earlier sessions: the list must hold them all
  for (let i = 0; i < 1000; i++) {
    const id = `sweep-${String(i).padStart(20, '0')}`;
    const dir = join(labRoot, 'experiments', 'jobs', id);
    mkdirSync(dir, { recursive: true });
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    writeFileSync(join(dir, 'spec.json'), JSON.stringify({ version: 1, kind: 'sweep', name: `sweep ${i}`, inputs: {}, params: {}, seed: i, resources: { gpus: 0, cpus: 1, memoryMb: 0 }, outputs: ['trials.arrow'] }));
    writeFileSync(join(dir, 'status.json'), JSON.stringify({ id, kind: 'sweep', state: i % 10 ? 'succeeded' : 'failed', executor: 'local', submittedAt: at, startedAt: at, finishedAt: at, progress: 1, attempt: 1, device: 'cpu', artifacts: ['trials.arrow'] }));
  }
  // keep the theme and layout choices of this run out of the user's settings
  process.env.JUPYTERLAB_SETTINGS_DIR = join(labRoot, '.settings');
  process.env.JUPYTERLAB_WORKSPACES_DIR = join(labRoot, '.workspaces');
  // window.jupyterapp for the commands the test runs (startLab passes no such flag)
  const noNews = join(process.env.JUPYTERLAB_SETTINGS_DIR, '@jupyterlab', 'apputils-extension');
  mkdirSync(noNews, { recursive: true });
  writeFileSync(join(noNews, 'notification.jupyterlab-settings'), JSON.stringify({ fetchNews: 'false' }));
  process.env.JUPYTER_CONFIG_DIR = join(labRoot, '.jupyter');
  mkdirSync(process.env.JUPYTER_CONFIG_DIR, { recursive: true });
  writeFileSync(join(process.env.JUPYTER_CONFIG_DIR, 'jupyter_server_config.json'), JSON.stringify({ LabApp: { expose_app_in_browser: true } }));
  const lab = await startLab({ python, rootDir: labRoot, logDir: shots });
  const browser = await launchChromium();
  const alerts = [];
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  try {
    page.on('dialog', async (d) => {
      if (d.type() !== 'beforeunload') alerts.push(d.message());
      await d.dismiss().catch(() => {});
    });
    const run = (id, args = {}) => page.evaluate(async ([i, a]) => { await window.jupyterapp.commands.execute(i, a); return true; }, [id, args]);
    const shot = (name) => page.screenshot({ path: join(shots, name) });
    const tab = async (label) => {
      await page.click(`#af-alpha-factory-panel .lm-TabBar-tab:has-text("${label}")`);
      await page.waitForSelector(`#af-tab-${label.toLowerCase()}`, { state: 'visible' });
    };

    await page.goto(`${lab.url}/lab?reset`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.jp-Launcher', { timeout: 90_000 });
    await run('docmanager:open', { path: 'study.ipynb' });
    await page.waitForSelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]', { timeout: 120_000 });
    await run('alpha-factory:open');
    await run('alpha-factory:open-gpu-jobs');
    await run('alpha-factory:open-portfolio');
    await page.waitForSelector('#af-alpha-factory-panel', { state: 'visible' });
    // split: notebook on the left, Alpha Factory on the right, so the code cells stay visible
    await page.evaluate(() => {
      const app = window.jupyterapp;
      const af = Array.from(app.shell.widgets('main')).find((w) => w.id === 'af-alpha-factory-panel');
      app.shell.add(af, 'main', { mode: 'split-right' });
      app.shell.activateById('af-alpha-factory-panel');
    });

    // --- Data: a broken file shows its issue with row and column; the sample panel loads.
    await page.fill('#af-data-path', 'data/broken.csv');
    await page.click('#af-data-load');
    await page.waitForSelector('#af-tab-data .af-error, #af-data-issues', { timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('#af-tab-data .af-running'), null, { timeout: 120_000 });
    const issues = await page.$$eval('#af-data-issues tbody tr', (rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent)));
    assert.ok(issues.some((r) => r[0] === '3' && r[1] === 'close'), `validation issue at row 3, column close: ${JSON.stringify(issues)}`);
    const cellCode = await page.evaluate(() => document.querySelector('.jp-NotebookPanel .jp-Cell .jp-InputArea-editor')?.textContent ?? '');
    assert.match(cellCode, /validateFile\('data\/broken\.csv'\)/, 'the Data tab wrote a validateFile cell into the notebook');

    // the report re-runs the notebook top to bottom: drop the cell that failed on purpose
    await page.evaluate(() => {
      const app = window.jupyterapp;
      const nb = Array.from(app.shell.widgets('main')).find((w) => w.context?.path === 'study.ipynb');
      app.shell.activateById(nb.id);
      nb.content.activeCellIndex = 0;
      return true;
    });
    await run('notebook:delete-cell');
    await run('alpha-factory:open');
    await page.fill('#af-data-path', 'data/stock_prices_20.csv');
    await page.click('#af-data-load');
    await page.waitForSelector('#af-data-preview tbody tr', { timeout: 120_000 });
    await page.waitForSelector('#af-data-stats tbody tr', { timeout: 60_000 });
    const panelText = await page.textContent('#af-tab-data .af-results');
    assert.match(panelText, /assets\s*20/, 'the panel has 20 assets');
    await shot('alpha-factory-data-light.png');

    // --- Mining: a small CPU run fills the zoo.
    await tab('Mining');
    assert.deepEqual(await page.$$eval('#af-mine-generator option', (os) => os.map((o) => o.textContent)), ['LSTM', 'GRU', 'Transformer']);
    assert.deepEqual(await page.$eval('#af-mine-epochs', (e) => [e.min, e.max, e.step, e.value]), ['100', '1000', '50', '300']);
    // small and permissive: 20 stocks, close only, a few seconds of genetic programming
    await page.fill('#af-mine-zoo-size', '8');
    await page.fill('#af-mine-generations', '4');
    await page.fill('#af-mine-population', '30');
    await page.fill('#af-mine-min-ic', '0.005');
    await page.fill('#af-mine-min-icir', '0.01');
    await page.selectOption('#af-mine-executor', 'cpu');
    // record every state the tab shows while the cell runs (the async miner's progress payloads, live)
    await page.evaluate(() => {
      const seen = (window.afMiningStates = []);
      const tabNode = document.querySelector('#af-tab-mining');
      const record = () => {
        const box = document.querySelector('#af-mining-progress');
        const state = {
          done: box?.dataset.done ?? null,
          total: box?.dataset.total ?? null,
          zoo: document.querySelector('#af-mining-progress .af-progress-zoo dd')?.textContent ?? null,
          best: document.querySelector('#af-mining-progress .af-progress-best dd')?.textContent ?? null,
          complete: !!document.querySelector('#af-mining-complete'),
          running: !!document.querySelector('#af-tab-mining .af-running'),
        };
        const last = seen[seen.length - 1];
        if (!last || JSON.stringify(last) !== JSON.stringify(state)) seen.push(state);
      };
      new window.MutationObserver(record).observe(tabNode, { childList: true, subtree: true });
    });
    await page.click('#af-mine-start');
    await page.waitForSelector('#af-mining-complete, #af-tab-mining .af-error', { timeout: 240_000 });
    assert.equal(await page.locator('#af-tab-mining .af-error').count(), 0, await page.locator('#af-tab-mining .af-error').first().textContent().catch(() => ''));
    assert.ok(await page.isVisible('#af-mining-progress progress'), 'mining progress shown');
    const states = await page.evaluate(() => window.afMiningStates);
    const intermediate = states.filter((s) => s.running && !s.complete && s.done !== null && Number(s.done) < Number(s.total));
    assert.ok(intermediate.length >= 1, `an intermediate progress state was shown while the cell ran: ${JSON.stringify(states)}`);
    assert.equal(intermediate[0].total, '4', 'generations out of the 4 asked for');
    assert.match(intermediate[0].zoo ?? '', /^\d+\/8$/, 'zoo fill against the requested zoo size');
    assert.match(intermediate[0].best ?? '', /^\d\.\d{4}$/, 'best |RankIC| so far');
    assert.ok(!states.some((s) => s.complete && s.running), 'complete only once the cell finished');
    const finalState = states[states.length - 1];
    assert.deepEqual([finalState.done, finalState.total, finalState.complete], ['4', '4', true], JSON.stringify(finalState));
    await shot('alpha-factory-mining-light.png');

    // --- Factors: the zoo as a virtualised table; select the top 5 and combine.
    await tab('Factors');
    await page.waitForSelector('#af-factor-table .af-vbody .af-vrow', { timeout: 30_000 });
    const nRows = await page.$$eval('#af-factor-table .af-vbody .af-vrow', (r) => r.length);
    assert.ok(nRows >= 1, 'the zoo has factors');
    await page.click('#af-factor-table .af-sort[data-sort="ic"]');
    await page.click('#af-factor-top5');
    assert.match(await page.textContent('#af-selected-count'), /factors? selected/);
    await page.waitForSelector('#af-tab-factors .af-heatmap .main-svg', { timeout: 30_000 }); // the correlation heatmap of the mined zoo
    await shot('alpha-factory-factors-light.png');
    await page.click('#af-factor-combine');
    await page.waitForSelector('#af-tab-combination .af-weights-chart .main-svg', { timeout: 240_000 });
    await page.waitForSelector('#af-comb-kpis .af-kpi', { timeout: 60_000 });
    await page.waitForSelector('#af-tab-combination .af-mega-chart .main-svg', { timeout: 30_000 });
    const traces = await page.$$eval('#af-tab-combination .af-weights-chart .scatterlayer .trace', (t) => t.length);
    assert.ok(traces >= 1, 'one weights line per selected factor');
    assert.match(await page.textContent('#af-strategies'), /Mega-alpha \(fixed weights\)/, 'saved strategies compare the mega-alpha with the fixed baseline');
    await shot('alpha-factory-combination-light.png');
    // Export report: a generated cell runs `alpha-factory report` on the saved notebook
    await page.click('#af-export-report');
    await page.waitForSelector('#af-tab-combination .af-report-message', { timeout: 300_000 });
    const reportLine = await page.textContent('#af-tab-combination .af-report-message');
    assert.match(reportLine, /^Report written to study\.html/, reportLine);
    assert.match(readFileSync(join(labRoot, 'study.html'), 'utf8'), /alpha-factory-manifest/, 'the HTML report embeds the manifest');

    // --- GPU Jobs: the store's running job shows; cancel it through a generated cell.
    await run('alpha-factory:open-gpu-jobs');
    const job = `#af-gpu-jobs-panel .af-job[data-id="${FAKE_JOB}"]`;
    await page.waitForSelector(job, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('#af-gpu-jobs-panel .af-job').length === 1001, null, { timeout: 60_000 });
    assert.match(await page.textContent('#af-gpu-jobs-panel .af-note'), /1001 jobs, 1 active/);
    assert.match(await page.textContent(`${job} .af-job-message`), /epoch 120\/300 <img src=x onerror=alert\(1\)>/, 'job message as text');
    await page.click(`${job} .af-job-head`);
    await page.waitForSelector(`${job} .af-job-log:has-text("epoch 120/300 loss")`, { timeout: 30_000 });
    await shot('gpu-jobs-light.png');
    await page.click(`${job} .af-job-cancel`);
    await page.waitForSelector(`${job}.af-job-cancelled`, { timeout: 120_000 });
    assert.equal(JSON.parse(readFileSync(join(labRoot, 'experiments', 'jobs', FAKE_JOB, 'status.json'), 'utf8')).state, 'cancelled');
    const how = await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    assert.equal(how, 'SIGTERM', 'the worker process group was stopped');

    // --- GPU Jobs: clone a failed job with a new seed (a new job, run by the real local executor), then retry the clone.
    const SWEEP0 = `sweep-${'0'.repeat(20)}`;
    const before = new Set(await page.$$eval('#af-gpu-jobs-panel .af-job', (items) => items.map((i) => i.dataset.id)));
    await page.click(`#af-gpu-jobs-panel .af-job[data-id="${SWEEP0}"] .af-job-head`);
    await page.fill(`#af-gpu-jobs-panel .af-job[data-id="${SWEEP0}"] .af-clone-seed`, '5000');
    await page.click(`#af-gpu-jobs-panel .af-job[data-id="${SWEEP0}"] .af-job-clone`);
    await page.waitForFunction(() => document.querySelectorAll('#af-gpu-jobs-panel .af-job').length === 1002, null, { timeout: 120_000 });
    const cloneId = (await page.$$eval('#af-gpu-jobs-panel .af-job', (items) => items.map((i) => i.dataset.id))).find((id) => !before.has(id));
    assert.match(cloneId, /^sweep-[0-9a-f]{20}$/, 'the clone is a new job id (the spec hash changed with the seed)');
    assert.equal(JSON.parse(readFileSync(join(labRoot, 'experiments', 'jobs', cloneId, 'spec.json'), 'utf8')).seed, 5000);
    const clone = `#af-gpu-jobs-panel .af-job[data-id="${cloneId}"]`;
    // the seeded sweep specs carry no search space: the worker refuses them with that reason, shown in the panel
    await page.waitForSelector(`${clone}.af-job-failed`, { timeout: 120_000 });
    await page.click(`${clone} .af-job-head`);
    await page.waitForSelector(`${clone} .af-job-details .af-error:has-text("params.space is required")`, { timeout: 30_000 });
    await page.click(`${clone} .af-job-retry`);
    await page.waitForSelector(`${clone} .af-job-meta:has-text("attempt 2")`, { timeout: 120_000 });
    assert.equal(JSON.parse(readFileSync(join(labRoot, 'experiments', 'jobs', cloneId, 'status.json'), 'utf8')).attempt, 2);
    await page.waitForSelector(`${clone}.af-job-failed`, { timeout: 120_000 });

    // --- Portfolio: follows the notebook's payloads; hostile text stays text.
    await run('alpha-factory:open-portfolio');
    const risk = {
      kind: 'risk-limits', version: 1, capital: 1e6, emergency_stopped: true, killed: [],
      limits: [
        { name: 'total_exposure', limit: 1, value: 0.8, utilisation: 0.8, breached: false },
        { name: 'daily_loss', limit: 0.02, value: 0.025, utilisation: 1.25, breached: true },
      ],
      events: [],
    };
    const zoo = { kind: 'zoo', version: 1, counts: { candidate: 1, active: 0, decaying: 0, retired: 0 }, dates: [], factors: [{ id: '0123456789', name: XSS, formula: XSS, status: 'candidate', tags: [], metrics: { ic: 0.05 }, provenance: { canonicalFormula: XSS, createdAt: '2026-01-01', seed: 1, dataHash: null, jobId: null, source: 'manual' }, history: [], rankIC: null }] };
    const code = [
      "import { display } from '@alpha-factory/kernel';",
      `display.writeBundle({ 'application/vnd.alpha-factory.risk-limits.v1+json': ${JSON.stringify(risk)}, 'text/plain': 'risk limits' });`,
      `display.writeBundle({ 'application/vnd.alpha-factory.zoo.v1+json': ${JSON.stringify(JSON.stringify(zoo))}, 'text/plain': 'zoo' });`,
    ].join('\n');
    await page.evaluate(() => {
      const app = window.jupyterapp;
      const nb = Array.from(app.shell.widgets('main')).find((w) => w.context?.path === 'study.ipynb');
      app.shell.activateById(nb.id);
      return true;
    });
    await run('notebook:insert-cell-below');
    await page.evaluate((c) => { window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.setSource(c); return true; }, code);
    await run('notebook:run-cell');
    await page.waitForSelector('#af-portfolio-panel #af-emergency-stop', { timeout: 120_000 });
    assert.equal(await page.locator('#af-portfolio-panel .af-gauge').count(), 2, 'one gauge per limit');
    await page.waitForSelector('#af-portfolio-panel .af-payload-zoo', { timeout: 60_000 });
    assert.ok((await page.textContent('#af-portfolio-panel .af-payload-zoo')).includes(XSS), 'formula shown as text in the Portfolio panel');
    assert.ok((await page.locator('.jp-NotebookPanel .af-payload-zoo').last().textContent()).includes(XSS), 'formula shown as text in the notebook output');
    assert.equal(await page.locator('#af-portfolio-panel img, .jp-NotebookPanel .jp-OutputArea img, #af-alpha-factory-panel img').count(), 0, 'no <img> element made from payload text');
    await shot('portfolio-light.png');
    // the Alpha Factory panel follows the notebook's zoo too: the hostile formula is text in its table
    await run('alpha-factory:open');
    await tab('Factors');
    await page.waitForSelector('#af-factor-table .af-vrow[data-id="0123456789"]', { timeout: 30_000 });
    assert.equal(await page.textContent('#af-factor-table .af-vrow[data-id="0123456789"] code.af-formula'), XSS);
    assert.equal(await page.locator('#af-alpha-factory-panel img').count(), 0);

    // --- Scale: a 10,000-factor zoo; time the Factors tab's first screen (reported, not asserted).
    const bigZoo = [
      "import { display } from '@alpha-factory/kernel';",
      'const bigFactors = Array.from({ length: 10000 }, (_, i) => ({',
      "  id: i.toString(16).padStart(10, '0'), name: `f${i}`, formula: `ts_mean(close, ${2 + (i % 48)})`, status: i % 3 ? 'candidate' : 'active', tags: [],",
      '  metrics: { ic: ((i * 7919) % 1000) / 10000, rankIC: ((i * 104729) % 1000) / 10000, icir: 0.1, rankICIR: 0.2, turnover: 0.3 },',
      "  provenance: { canonicalFormula: `ts_mean(close, ${2 + (i % 48)})`, createdAt: '2026-01-01', seed: 1, dataHash: null, jobId: null, source: 'test' }, history: [], rankIC: null }));",
      "display.writeBundle({ 'application/vnd.alpha-factory.zoo.v1+json': { kind: 'zoo', version: 1, counts: { candidate: 6666, active: 3334, decaying: 0, retired: 0 }, dates: [], factors: bigFactors }, 'text/plain': 'zoo of 10000' });",
    ].join('\n');
    await page.evaluate(() => {
      const app = window.jupyterapp;
      app.shell.activateById(Array.from(app.shell.widgets('main')).find((w) => w.context?.path === 'study.ipynb').id);
      return true;
    });
    await run('notebook:insert-cell-below');
    await page.evaluate((c) => { window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.setSource(c); return true; }, bigZoo);
    await run('notebook:run-cell');
    await run('alpha-factory:open');
    await page.waitForFunction(() => /10000 of 10000 factors shown/.test(document.querySelector('#af-tab-factors')?.textContent ?? ''), null, { timeout: 120_000 });
    await tab('Data');
    const firstScreenMs = await page.evaluate(async () => {
      const t0 = performance.now();
      const tabNode = document.querySelector('#af-alpha-factory-panel .lm-TabBar-tab:nth-child(3)');
      const r = tabNode.getBoundingClientRect();
      const at = { bubbles: true, cancelable: true, button: 0, clientX: r.x + 5, clientY: r.y + 5, pointerId: 1, isPrimary: true };
      tabNode.dispatchEvent(new PointerEvent('pointerdown', at));
      tabNode.dispatchEvent(new PointerEvent('pointerup', at));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const visible = !document.querySelector('#af-tab-factors').classList.contains('lm-mod-hidden');
      return { ms: performance.now() - t0, rows: document.querySelectorAll('#af-factor-table .af-vbody .af-vrow').length, visible };
    });
    console.log(`10,000-factor zoo: Factors tab first screen in ${firstScreenMs.ms.toFixed(0)} ms with ${firstScreenMs.rows} row elements`);
    writeFileSync(join(shots, 'scale.json'), JSON.stringify({ zooFactors: 10000, firstScreenMs: firstScreenMs.ms, rowElements: firstScreenMs.rows }, null, 1));
    assert.ok(firstScreenMs.visible, 'the Factors tab is showing');
    assert.ok(firstScreenMs.rows > 0 && firstScreenMs.rows < 100, `only the visible rows are in the DOM (${firstScreenMs.rows})`);
    await page.$eval('#af-factor-table .af-vscroll', (s) => { s.scrollTop = 150000; });
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#af-factor-table .af-vbody .af-vrow')).some((r) => Number(r.getAttribute('aria-rowindex')) > 5000), null, { timeout: 10_000 });

    // --- Cancel: a long CPU run is interrupted from the Mining tab after its first live update.
    await page.evaluate(() => {
      const app = window.jupyterapp;
      app.shell.activateById(Array.from(app.shell.widgets('main')).find((w) => w.context?.path === 'study.ipynb').id);
      return true;
    });
    await run('alpha-factory:open');
    await tab('Mining');
    await page.fill('#af-mine-generations', '500');
    await page.click('#af-mine-start');
    await page.waitForFunction(() => {
      const box = document.querySelector('#af-mining-progress');
      return box && box.dataset.total === '500' && Number(box.dataset.done) >= 1 && document.querySelector('#af-tab-mining .af-running');
    }, null, { timeout: 120_000 });
    await shot('alpha-factory-mining-running-light.png');
    assert.equal(await page.isEnabled('#af-mine-cancel'), true);
    await page.click('#af-mine-cancel');
    await page.waitForSelector('#af-mining-cancelled', { timeout: 120_000 });
    const stoppedAt = Number(await page.getAttribute('#af-mining-progress', 'data-done'));
    assert.ok(stoppedAt < 500, `cancelled before the end (generation ${stoppedAt} of 500)`);
    assert.equal(await page.locator('#af-tab-mining .af-error').count(), 0, 'a cancel is not shown as an error');
    assert.equal(await page.isEnabled('#af-mine-start'), true, 'a new run can start');
    // the same kernel lives on (an interrupt that killed it would lose `panel`) and is free again
    await page.waitForFunction(() => {
      const nb = Array.from(window.jupyterapp.shell.widgets('main')).find((w) => w.context?.path === 'study.ipynb');
      return nb?.sessionContext.session?.kernel?.status === 'idle';
    }, null, { timeout: 60_000 });
    await page.evaluate(() => {
      const app = window.jupyterapp;
      app.shell.activateById(Array.from(app.shell.widgets('main')).find((w) => w.context?.path === 'study.ipynb').id);
      return true;
    });
    await run('notebook:insert-cell-below');
    await page.evaluate((c) => { window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.setSource(c); return true; }, "console.log(`kernel kept the panel: ${panel.nAssets} assets`);");
    await run('notebook:run-cell');
    await page.waitForSelector('.jp-NotebookPanel .jp-OutputArea-output:has-text("kernel kept the panel: 20 assets")', { timeout: 60_000 });
    assert.doesNotMatch(readFileSync(join(shots, 'jupyterlab.log'), 'utf8'), /restarting kernel|kernel \S+ restarted/, 'the interrupt did not kill the kernel');

    // --- Dark theme screenshots of every panel.
    await run('apputils:change-theme', { theme: 'JupyterLab Dark' });
    await page.waitForFunction(() => document.body.dataset.jpThemeLight === 'false', null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    await shot('portfolio-dark.png');
    await run('alpha-factory:open-gpu-jobs');
    await shot('gpu-jobs-dark.png');
    await run('alpha-factory:open');
    for (const label of ['Data', 'Mining', 'Factors', 'Combination']) {
      await tab(label);
      await page.waitForTimeout(label === 'Combination' || label === 'Factors' ? 1500 : 300);
      await shot(`alpha-factory-${label.toLowerCase()}-dark.png`);
    }
    await run('apputils:change-theme', { theme: 'JupyterLab Light' });
    assert.deepEqual(alerts, [], 'no alert() ran');
  } catch (e) {
    await page.screenshot({ path: join(shots, 'failure.png') }).catch(() => {});
    const state = await page.evaluate(() => ({
      panel: document.querySelector('#af-alpha-factory-panel .lm-TabPanel-stackedPanel > :not(.lm-mod-hidden) .af-tab-results')?.textContent,
      cells: Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-Cell'), (c) => c.textContent.slice(0, 400)),
    })).catch(() => null);
    console.error('panels test failed; state:', JSON.stringify(state, null, 1));
    throw e;
  } finally {
    await browser.close();
    await lab.stop();
    try { process.kill(-worker.pid, 'SIGKILL'); } catch { /* already stopped */ }
  }
});
