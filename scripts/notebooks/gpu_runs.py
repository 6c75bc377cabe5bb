"""Writes notebooks/05-gpu-runs.ipynb (kept as a script so the tutorial diff stays readable)."""
from tutorial import code, md, write_tutorial


cells = [
    md("""# GPU runs: job specs, the local executor, Ray and the PyTorch worker

Some work is too big for a notebook kernel: fitting a GARCH model to every stock in a universe for a
grid of specifications, training neural forecasters. Alpha Factory Lab runs such work as **jobs**
outside the kernel, in the Python worker `alpha_factory_gpu` (PyTorch; on a GPU when torch sees one,
else on the CPU), and brings the results back into the notebook as tables and Panels.

You will:
1. build a `garch-batch` **job spec** over S&P 500 stocks x a grid of GARCH models,
2. submit it to the **local executor**, watch its progress and see that resubmitting is idempotent,
3. look at the **job store** files every tool reads,
4. load the results and compare them with the TypeScript engine (`fitGarch`),
5. train a small forecaster, export it to **ONNX** and predict on a Panel from TypeScript,
6. mine formulaic factors with the worker's **generative-predictive miner** and load the factor zoo,
7. see how the same spec runs on a **Ray** cluster or on Kubernetes (KubeRay).

### One parameter scales the whole notebook

`SCALE` below is the only thing to change. `'ci'` (the default) is sized to finish well within three minutes
on a 2-core laptop without a GPU, which is how the continuous integration runs it: a seeded sample of
40 stocks, the last 500 days, the GARCH and GJR models, a two-trial forecaster sweep and a 4-epoch
mining run on the last 250 days. `'full'` fits
**all 505 stocks on all 1,258 days** with EGARCH added to the grid, and sweeps four forecaster
architectures, and mines for 100 epochs over all stocks and days: run it on a GPU machine. On a 2-core CPU it takes tens of minutes, mostly EGARCH: its
recursion is nonlinear, so the worker runs it date by date, while the GARCH and GJR recursions are batched
matrix products."""),
    code("""import { datasets, jobs, fitGarch, show, Table, lineChart, progressDisplay, Panel, Rng, experiment, alpha, data, evaluateFormula, forwardReturn } from '@alpha-factory/kernel';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SCALE = 'ci' as 'ci' | 'full';   // 'full': all 505 stocks, all days, EGARCH too (use a GPU)

const FULL = SCALE === 'full';
const config = {
  stocks: FULL ? 505 : 40,                 // series in the garch-batch job
  days: FULL ? Infinity : 500,             // last N trading days of returns
  vols: FULL ? ['GARCH', 'GJR', 'EGARCH'] : ['GARCH', 'GJR'],
  compare: FULL ? 12 : 4,                  // series re-fitted with the TypeScript engine
  forecaster: FULL
    ? { archs: ['lstm', 'gru', 'transformer', 'nbeats'], hidden: [32, 64], epochs: 20, series: 100 }
    : { archs: ['gru', 'nbeats'], hidden: [16], epochs: 4, series: 20 },
  mining: FULL
    ? { days: Infinity, epochs: 100, zooSize: 20, batchSize: 64 }
    : { days: 250, epochs: 4, zooSize: 5, batchSize: 32 },
};
// every job of this notebook lives in experiments/jobs next to the notebook (gitignored)
const jobStore = new jobs.JobStore(path.join('experiments', 'jobs'));
fs.mkdirSync(jobStore.root, { recursive: true });
const inStore = { store: jobStore };   // passed to every jobs.* call below
`scale ${SCALE}: ${config.stocks} stocks, ${config.vols.join('/')} x normal/t; job store ${path.relative(process.cwd(), jobStore.root)}`"""),
    md("""## 1. The data: daily returns in per cent

The bundled `sp500Stocks` dataset has 505 S&P 500 constituents from 2013-02-08 to 2018-02-07. The GARCH
models are fitted to close-to-close returns in per cent, `r[t] = 100 (P[t] / P[t-1] - 1)`, the usual
scale for these optimisers. In `'ci'` mode we draw a seeded random sample of stocks (the seed is recorded
in the manifest at the end) and keep the last 500 days."""),
    code("""const stocks = datasets.sp500Stocks();
const close = stocks.field('close');
const N = stocks.nAssets;
const pct = new Float64Array(close.length).fill(NaN);
for (let t = 1; t < stocks.nDates; t++) {
  for (let i = 0; i < N; i++) pct[t * N + i] = 100 * (close[t * N + i] / close[(t - 1) * N + i] - 1);
}
const allReturns = new Panel({ dates: stocks.dates, assets: stocks.assets, fields: { ret: pct } });
const rng = new Rng(20260505);
const tickers = config.stocks >= N ? [...stocks.assets] : rng.shuffle([...stocks.assets]).slice(0, config.stocks).sort();
const firstDay = Number.isFinite(config.days) ? stocks.dates[stocks.nDates - config.days] : stocks.dates[1];
const returns = allReturns.selectAssets(tickers).sliceDates(firstDay);
`${returns.nAssets} stocks x ${returns.nDates} days (${returns.dates[0]} .. ${returns.dates[returns.nDates - 1]})`"""),
    md("""## 2. A job spec

A **job spec** (`schema/job-spec.v1.schema.json`) says everything the worker needs:

| field | meaning |
| --- | --- |
| `kind` | `garch-batch`, `forecaster-train`, `factor-mining` or `sweep`: one entry point of the worker |
| `inputs` | Arrow IPC or Parquet files, **identified by the sha256 of their bytes** (a path only says where they were read from) |
| `params` | the kind's parameters (here the grid of models) |
| `seed` | the seed of any randomness in the job |
| `resources` | GPUs, CPUs and memory the worker asks for (0 GPUs = CPU) |
| `outputs` | the artifact files the job promises (`garch.arrow`) |

The **job id** is `<kind>-<first 20 hex digits of sha256(canonical JSON of the spec)>`, computed from
everything except the free `name` label and the input paths. The same data with the same parameters
is therefore always the same job, on any machine.

Inputs can be files (`inputs: { returns: { path: 'returns.arrow' } }`) or, from a notebook, in-memory
Arrow bytes passed as `data`: `jobs.panelToArrow(panel, field)` writes a wide table (a `date` column and
one column per asset), which is what `garch-batch` reads."""),
    code("""const models = config.vols.flatMap((vol) => ['normal', 't'].map((dist) => ({ vol, dist })));
const returnsArrow = jobs.panelToArrow(returns, 'ret');
const garchSpec: jobs.JobSpecInit = {
  kind: 'garch-batch',
  name: `garch-grid-${SCALE}`,
  params: { models, sigma: true },   // sigma: also return each model's fitted conditional volatility
  seed: 0,
  resources: { gpus: 0, cpus: 2 },
};
// what submit() will compute: the input's hash goes into the spec, the spec's hash is the id
const normalized = jobs.normalizeSpec({ ...garchSpec, inputs: { returns: { sha256: jobs.sha256Hex(returnsArrow) } } });
show(Table.fromRecords([
  { field: 'kind', value: normalized.kind },
  { field: 'inputs.returns.sha256', value: normalized.inputs.returns.sha256 },
  { field: 'params.models', value: models.map((m) => `${m.vol}-${m.dist}`).join(', ') },
  { field: 'resources', value: JSON.stringify(normalized.resources) },
  { field: 'outputs', value: normalized.outputs.join(', ') },
  { field: 'job id', value: jobs.jobId(normalized) },
], 'The garch-batch spec'));"""),
    md("""## 3. Submit to the local executor and watch

`jobs.submit(spec, { executor: 'local' })` copies the inputs into the job folder and starts the worker as
a **detached process** (its own process group): it keeps running if the kernel restarts or the notebook
closes, and `jobs.cancel(job)` stops it with a signal. Without a GPU the worker runs on the CPU;
`status.device` says which.

`jobs.watch(job, ...)` polls the store until the job ends. Its `onEvent` callback receives the worker's
progress events; here they drive `progressDisplay`, an output that updates in place."""),
    code("""const garchJob = await jobs.submit(garchSpec, { ...inStore, executor: 'local', data: { returns: returnsArrow } });
const bar = progressDisplay(`garch-batch ${garchJob.id}`);
const garchFinal = await jobs.watch(garchJob, {
  ...inStore,
  intervalMs: 500,
  onEvent: (e) => {
    if (e.progress !== undefined) bar({ done: Math.round(100 * e.progress), total: 100, message: e.message ?? e.state });
  },
});
bar({ done: 100, total: 100, message: garchFinal.state });
show(garchJob);"""),
    md("""`show(job)` sends the job's payload (`application/vnd.alpha-factory.job.v1+json`): its state, device,
progress, timings, artifacts and folder. The GPU Jobs panel of JupyterLab renders the same payload and
lists every job of the store.

### Resubmitting is idempotent

Submitting the same spec with the same data again returns the **existing** job: same id, no second run.
(A job that failed or was cancelled runs again as its next `attempt`.) So a notebook can be re-executed
from the top without refitting anything that already succeeded."""),
    code("""const again = await jobs.submit(garchSpec, { ...inStore, executor: 'local', data: { returns: returnsArrow } });
show(Table.fromRecords([
  { what: 'first submit', id: garchJob.id, state: garchJob.status.state, attempt: garchJob.status.attempt },
  { what: 'second submit', id: again.id, state: again.status.state, attempt: again.status.attempt },
], `Same spec, same job: ${again.id === garchJob.id}`));"""),
    md("""## 4. The job store

Every job is a folder under the store (`experiments/jobs/<id>/` here). The kernel, the
`alpha-factory jobs` CLI, the JupyterLab GPU Jobs panel and the Python worker all read and write these
same files, so they always agree:

| file | content |
| --- | --- |
| `spec.json` | the normalised spec, written once |
| `status.json` | the latest status, replaced **atomically** (temp file + rename), so a reader never sees half of it |
| `events.jsonl` | append-only state changes and progress |
| `worker.log` | the worker's log |
| `executor.json` | where it runs: the local pid, or the Ray address and submission id |
| `inputs/<sha256>.arrow` | the inputs, named by their hash |
| `artifacts/` | the results, each written to a temp file and renamed; the job becomes `succeeded` only after the last one |

A worker that crashes leaves the job `failed` with the tail of its log (the next `refresh` notices the
dead process) and never a half-written result. From a terminal: `alpha-factory jobs list`,
`alpha-factory jobs status <id>`, `alpha-factory jobs logs <id>`, `alpha-factory jobs results <id>`
(run in the notebook's folder, or pass `--store notebooks/experiments/jobs`)."""),
    code("""const listing = (dir: string, prefix = ''): Array<{ file: string; bytes: number }> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listing(path.join(dir, d.name), `${prefix}${d.name}/`) : [{ file: prefix + d.name, bytes: fs.statSync(path.join(dir, d.name)).size }]);
show(Table.fromRecords(listing(garchJob.dir), `Files of ${garchJob.id}`));
const log = garchJob.logTail(3);
log"""),
    md("""## 5. Results: Arrow tables and Panels

`jobs.results(job)` reads a succeeded job's artifacts: Arrow files come back as Arrow tables (and, when
their first column is `date`, as Panels too), JSON parsed, anything else by path. `garch.arrow` has one
row per series and model: the parameters (`mu`, `omega`, `alpha`, `gamma`, `beta`, `nu`, null where the
model has none), the log-likelihood, AIC, BIC, the number of observations, the optimiser's iterations and
whether it converged. A series with a gap inside its data is reported as not fitted, with the reason."""),
    code("""const garchResults = await jobs.results(garchJob, inStore);
type FitRow = { series: string; vol: string; dist: string; loglik: number | null; aic: number | null; converged: boolean; message: string } & Record<string, number | null>;
const fits = jobs.tableRecords(garchResults.tables['garch.arrow']) as FitRow[];
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN; };
const f4 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : null);
show(Table.fromRecords(models.map((m) => {
  const rows = fits.filter((r) => r.vol === m.vol && r.dist === m.dist);
  const ok = rows.filter((r) => r.converged);
  const med = (k: string) => f4(median(ok.map((r) => r[k] as number).filter((v) => v !== null)));
  const bestAic = rows.filter((r) => r.aic !== null && fits.filter((q) => q.series === r.series && q.aic !== null).every((q) => (r.aic as number) <= (q.aic as number))).length;
  return { model: `${m.vol}-${m.dist}`, fits: rows.length, converged: ok.length, 'median alpha': med('alpha'), 'median gamma': med('gamma'), 'median beta': med('beta'), 'median nu': med('nu'), 'best AIC for': bestAic };
}), `garch-batch: ${fits.length} fits on ${garchFinal.device}`));
const notFitted = fits.filter((r) => !r.converged);
notFitted.length
  ? show(Table.fromRecords(notFitted.slice(0, 5).map((r) => ({ series: r.series, model: `${r.vol}-${r.dist}`, message: r.message })), `Fits that did not converge or were not run (${notFitted.length}, first 5)`))
  : 'every fit converged';"""),
    md("""Fat tails matter: the Student-t models have the lowest AIC for most stocks, and the median `nu`
(around 4 to 5 degrees of freedom) is far from the normal. With `sigma: true` the job also returned the
fitted conditional volatility of every series for each model as a wide table, which `results()` hands
back as a Panel (dates x stocks). Daily volatility in per cent times `sqrt(252)` is the annualised figure:"""),
    code("""const sigma = garchResults.panels['sigma-GARCH-t.arrow'];
const shown = sigma.assets.slice(0, 4);
show(lineChart(sigma.dates, Object.fromEntries(shown.map((a) => [a, sigma.series('sigma-GARCH-t', a).map((s) => s * Math.sqrt(252))])), {
  title: 'GARCH(1,1)-t conditional volatility from the batch job (annualised, %)', yTitle: 'volatility (%)', width: 720, height: 260,
}));
sigma.toString()"""),
    md("""## 6. The same fits with the CPU engine

The worker and the TypeScript engine (`fitGarch`, see `01-volatility`) use the same parameterisation,
the same constant mean and the same start-up variance as the Python `arch` package (the 0.94-weighted
average of the first 75 squared residuals), so on the same series they should reach the same maximum.
We re-fit a sample of series with `fitGarch` and tabulate the relative difference of the
log-likelihoods and the largest absolute difference among the parameters. The worker's own tests hold
it to arch's fits within 1e-6 relative (log-likelihood) and 1e-4 (parameters)."""),
    code("""// series whose fits all converged on a full history (a stock listed late, e.g. APTV in Dec 2017, has few days)
const sample = [...new Set(fits.map((r) => r.series))]
  .filter((s) => fits.every((r) => r.series !== s || (r.converged && (r.nobs as number) >= 250)))
  .slice(0, config.compare);
const tsName: Record<string, string> = { mu: 'mu', omega: 'omega', alpha: 'alpha[1]', gamma: 'gamma[1]', beta: 'beta[1]', nu: 'nu' };
const comparison = [];
for (const s of sample) {
  const y = returns.series('ret', s).filter((v) => Number.isFinite(v));
  for (const m of models) {
    const row = fits.find((r) => r.series === s && r.vol === m.vol && r.dist === m.dist)!;
    if (!row.converged) continue;
    const spec = m.vol === 'EGARCH' ? { vol: 'egarch' as const, o: 1, dist: m.dist as 't' } : { vol: m.vol.toLowerCase() as 'garch' | 'gjr', dist: m.dist as 'normal' | 't' };
    const ts = fitGarch(y, spec, { rescale: false });
    let maxDiff = 0;
    for (const [k, name] of Object.entries(tsName)) {
      if (row[k] === null || row[k] === undefined || ts.params[name] === undefined) continue;
      maxDiff = Math.max(maxDiff, Math.abs((row[k] as number) - ts.params[name]));
    }
    comparison.push({
      series: s, model: `${m.vol}-${m.dist}`,
      'loglik worker': Number((row.loglik as number).toFixed(4)), 'loglik fitGarch': Number(ts.loglik.toFixed(4)),
      'relative diff': Number((Math.abs((row.loglik as number) - ts.loglik) / Math.abs(ts.loglik)).toExponential(2)),
      'max |param diff|': Number(maxDiff.toExponential(2)),
      'higher loglik': Math.abs((row.loglik as number) - ts.loglik) <= 1e-6 * Math.abs(ts.loglik) ? 'same' : (row.loglik as number) > ts.loglik ? 'worker' : 'fitGarch',
    });
  }
}
show(Table.fromRecords(comparison, `Worker vs fitGarch on ${sample.length} series`));
const agree = comparison.filter((c) => c['relative diff'] <= 1e-6 && c['max |param diff|'] <= 1e-4);
const differ = comparison.filter((c) => !agree.includes(c));
`${agree.length} of ${comparison.length} fits agree (log-likelihood to 1e-6 relative, parameters to 1e-4)` +
  (differ.length ? `; they differ on ${differ.map((c) => `${c.series} ${c.model}`).join(', ')}` : '')"""),
    md("""Both engines maximise the same likelihood, so where they differ the fit with the **higher**
log-likelihood is the better one. An early version of the worker optimised in coordinates where
`alpha` was a softmax share: near its bound 0 the gradient vanished and some **GJR** fits (ALB and
ANTM here) stopped early, up to five units of log-likelihood below `arch` 8 and `fitGarch`. The worker
now uses square and angle coordinates, starts from arch's starting-value grid and gives GJR a second
start, keeping the better fit; its tests compare it with `arch` on exactly those boundary series. This is why the comparison is worth making before trusting a million
fits: check a sample against an independent engine, and prefer the fit with the higher likelihood.

The batch engine pays off with the number of series: one optimiser step updates every series at once
(batched BFGS with a convergence mask per series), which is what lets a GPU take very large batches
(`npm run bench:gpu` measures GARCH(1,1) fits per second at T = 2,000 for up to a million series against
`fitGarch` and `arch`), while the CPU engine fits one series at a time.

## 7. A forecaster, exported to ONNX

`forecaster-train` trains neural forecasters on sliding windows of the series (the last 20% of the dates
for validation), sweeps a grid of architectures and sizes (a plain loop locally, seeded trial by trial)
and exports the trial with the lowest validation error to ONNX. The normalisation is inside the
exported graph, so the model takes raw values. Here the series are the returns of the first stocks of
the sample, the target the next day's return, from the last `lookback = 20` days."""),
    code("""const fcPanel = allReturns.selectAssets(tickers.slice(0, config.forecaster.series)).sliceDates(firstDay);
const fcJob = await jobs.submit({
  kind: 'forecaster-train',
  name: `forecaster-${SCALE}`,
  params: { lookback: 20, horizon: 1, archs: config.forecaster.archs, hidden: config.forecaster.hidden, epochs: config.forecaster.epochs, batchSize: 256 },
  seed: 7,
}, { ...inStore, executor: 'local', data: { returns: jobs.panelToArrow(fcPanel, 'ret') } });
const fcBar = progressDisplay(`forecaster-train ${fcJob.id}`);
const fcFinal = await jobs.watch(fcJob, {
  ...inStore,
  intervalMs: 500,
  onEvent: (e) => { if (e.progress !== undefined) fcBar({ done: Math.round(100 * e.progress), total: 100, message: e.message ?? e.state }); },
});
fcBar({ done: 100, total: 100, message: fcFinal.state });
show(fcJob);
const fc = await jobs.results(fcJob, inStore);
const meta = fc.json['forecaster.json'] as { best: { arch: string; val_mse: number }; lookback: number };
// benchmark: the mean squared return over the validation dates (the last 20%), i.e. the MSE of predicting 0
const fcRet = fcPanel.field('ret').subarray(Math.floor(0.8 * fcPanel.nDates) * fcPanel.nAssets).filter((v) => Number.isFinite(v));
const zeroMse = fcRet.reduce((s, v) => s + v * v, 0) / fcRet.length;
show(Table.fromRecords(jobs.tableRecords(fc.tables['trials.arrow']).map((r) => ({
  trial: r.trial as number, arch: r.arch as string, hidden: r.hidden as number, epochs: r.epochs as number,
  'train MSE': f4(r.train_mse as number), 'validation MSE': f4(r.val_mse as number), seconds: f4(r.seconds as number),
})), `Sweep: best ${meta.best.arch}; always predicting a zero return: MSE ${f4(zeroMse)} on the same dates`));"""),
    md("""Daily stock returns are close to unpredictable, so the validation error may not even beat the
naive forecast of a zero return (the worker's windows may start a few days later, so the two
figures cover almost but not exactly the same dates); the point here is the pipeline. Now load `best.onnx` with the ONNX inference
API (onnxruntime-node, on the CPU, no Python involved) and forecast every stock of the Panel at every
date. `predictPanel` returns a Panel whose field `forecast_h1` at date `t` is the forecast, made with
the 20 returns up to and including `t`, of the return on the next day (NaN where the window is
incomplete). The job also wrote PyTorch's own outputs for some validation windows (`reference.arrow`),
so we can check the runtime against PyTorch."""),
    code("""const model = await jobs.loadForecaster(fc.files['best.onnx']);
const forecast = await model.predictPanel(fcPanel, 'ret');
// ONNX Runtime against PyTorch on the reference windows the job saved
const ref = fc.tables['reference.arrow'];
const L = model.lookback;
const windows = new Float32Array(ref.numRows * L);
for (let i = 0; i < L; i++) jobs.numericColumn(ref, `x${i}`).forEach((v, r) => (windows[r * L + i] = v));
const onnxOut = await model.predictWindows(windows);
const torchOut = jobs.numericColumn(ref, 'y0');
const parity = Math.max(...Array.from(torchOut, (v, r) => Math.abs(onnxOut[r] - v)));
const last = forecast.nDates - 1;
show(Table.fromRecords(forecast.assets.slice(0, 6).map((a) => ({
  stock: a,
  [`forecast for the day after ${forecast.dates[last]} (%)`]: f4(forecast.series('forecast_h1', a)[last]),
  [`return on ${forecast.dates[last]} (%)`]: f4(fcPanel.series('ret', a)[last]),
})), `ONNX forecaster (${meta.best.arch}, lookback ${model.lookback}); max |ONNX - PyTorch| on ${ref.numRows} windows: ${parity.toExponential(1)}`));"""),
    md("""## 8. Factor mining on the worker

The `factor-mining` kind is the generative-predictive miner of AlphaForge (AAAI 2025), in PyTorch on the
device. Formulas are **token sequences** in reverse Polish notation (fields, constants, windows and
operators of the formula language, at most `maxLength` = 20 tokens); a **validity mask** lets the
generator emit only sequences that are valid formulas. Each epoch the **generator** (an LSTM, GRU or
Transformer: `generator`) samples a batch of formulas, the new ones are evaluated on the device over the
panel (IC against the next-day return on the first 70% of the dates), a **predictor** network learns
formula fitness from every formula evaluated so far, and the generator is trained to score well with the
predictor while staying **unlike** the formulas already admitted (a similarity penalty). Formulas that
pass the alpha engine's admission rules (|IC| > 0.03, ICIR >= 0.1, factor-return correlation with every
member <= 0.7, finite on >= 80% of the labels, uniqueness >= 0.01; `thresholds` overrides them) enter
the **factor zoo**, written in the alpha engine's zoo format. The job reads the panel (open, high, low,
close, volume) as an Arrow file in kernel-lib's long layout, `data.panelToArrowBytes(panel)`. Each
epoch is a progress event with the zoo fill and the best fitness so far."""),
    code("""const miningFirst = Number.isFinite(config.mining.days) ? stocks.dates[stocks.nDates - config.mining.days] : stocks.dates[0];
const miningPanel = stocks.selectAssets(tickers).sliceDates(miningFirst);
const miningSpec = {
  kind: 'factor-mining' as const,
  name: 'mining-gru',
  params: { generator: 'GRU', epochs: config.mining.epochs, zooSize: config.mining.zooSize, batchSize: config.mining.batchSize, metric: 'IC', horizon: 1 },
  seed: 7,
};
const miningJob = await jobs.submit(miningSpec, { ...inStore, executor: 'local', data: { prices: data.panelToArrowBytes(miningPanel) } });
const miningProgress = progressDisplay('Mining');
const miningFinal = await jobs.watch(miningJob, {
  ...inStore,
  intervalMs: 250,
  onEvent: (e) => {
    if (typeof e.epoch === 'number') miningProgress({ done: e.epoch, total: config.mining.epochs, message: e.message });
  },
});
`${miningJob.id}: ${miningFinal.state} (${miningPanel.nAssets} stocks x ${miningPanel.nDates} days)`"""),
    md("""`jobs.results` loads the zoo the job wrote (`zoo.json` + `zoo-series.arrow`) as a `FactorZoo`, the
same object the CPU miner of `02-alpha-factory` returns: the Alpha Factory panel's Factors tab shows it,
and the combiners take it. `mining.arrow` has one row per epoch."""),
    code("""const mined = await jobs.results(miningJob, inStore);
const zoo = mined.zoo!;
show(zoo);
show(Table.fromRecords(jobs.tableRecords(mined.tables['mining.arrow']).map((r) => ({
  epoch: r.epoch as number, 'formulas evaluated': r.evaluated as number, admitted: r.admitted as number, 'zoo size': r.zoo as number,
  'best |IC|': f4(r.best as number), 'predictor loss': f4(r.predictor_loss as number), seconds: f4(r.seconds as number),
})), 'Mining epochs'));"""),
    md("""The worker evaluates formulas with the alpha engine's semantics (windows need all their
observations, std with ddof 1, average-tie ranks, IC over the assets where factor and label are both
finite, dates with fewer than 10 such assets skipped). So a mined formula evaluated again here, by
kernel-lib on the CPU, gives the same IC: the zoo's metrics cover its dates, the first 70% of the panel."""),
    code("""const mineT = zoo.dates.length;
const mineN = miningPanel.nAssets;
const mineLabel = forwardReturn(miningPanel, 1).subarray(0, mineT * mineN);
show(Table.fromRecords(zoo.list().slice(0, 5).map((f) => {
  const again = alpha.summarizeSeries(alpha.dailyIC(evaluateFormula(miningPanel, f.formula).subarray(0, mineT * mineN), mineLabel, mineN)).mean;
  return { formula: f.formula, 'IC (worker)': f4(f.metrics.ic), 'IC (kernel-lib)': f4(again), '|difference|': Math.abs(f.metrics.ic - again).toExponential(1) };
}), `Mined formulas re-evaluated in kernel-lib (${zoo.size} in the zoo)`));"""),
    md("""## 9. Executors: local, Ray, KubeRay

The executor is a choice at submit time; the spec, the id and the store stay the same.

- **`local`** (the default): the worker on this machine, on its GPU when torch sees one. Its Python is
  `$ALPHA_FACTORY_PYTHON`, else the repository's `.venv` (or `.venv-gpu`) when it has torch, else
  `python3`; pass `{ local: { python } }` to choose.
- **`ray`**: our own client for the Ray Jobs REST API (no Ray SDK in the kernel):
  `jobs.submit(spec, { executor: 'ray', ray: { address: 'http://head:8265' } })` or set
  `ALPHA_FACTORY_RAY_ADDRESS` (and `ALPHA_FACTORY_RAY_TOKEN` for a bearer token). The spec's resources
  become the entrypoint's GPUs, CPUs and memory; a job asking for more GPUs than any node has is refused
  with a clear message instead of waiting forever in PENDING (`allowAutoscale: true` when an autoscaler
  will add the node). The worker reads and writes the job folder by its path, so on a remote cluster put
  the store on storage the nodes share and give a `runtimeEnv` (or an image) with `alpha_factory_gpu`.
  `watch`, `results`, `logs` and `cancel` work the same; the driver log is mirrored into `worker.log`.

Building a Ray executor contacts nothing, so we can look at its configuration without a cluster:"""),
    code("""const rayExecutor = new jobs.RayExecutor({
  address: 'http://ray-head.example:8265',
  runtimeEnv: { pip: ['alpha-factory-gpu'] },
});
`Ray executor '${rayExecutor.name}' for ${rayExecutor.client.address}; submit with jobs.submit(spec, { executor: 'ray', ray: { address } })`"""),
    md("""On **Kubernetes** with the KubeRay operator, `alpha-factory jobs kuberay <spec.json>` prints a
`ray.io/v1` RayJob manifest for a spec (`kubectl apply -f` it): HTTP submission mode, the cluster shut
down a TTL after the job finishes, a hard deadline, the GPUs on the worker group, and with `--queue` a
Kueue label (the job then starts suspended until Kueue admits it). The job folder must be on a volume
the pods mount (`--pvc`). The same generator is `jobs.kubeRayYaml` in TypeScript:"""),
    code("""// the same work asking for a GPU: resources are part of the spec, so this is a different job id
const gpuSpec = jobs.normalizeSpec({ ...normalized, resources: { gpus: 1, cpus: 8, memoryMb: 32768 } });
const manifest = jobs.kubeRayYaml(gpuSpec, { image: 'registry.example/alpha-factory/gpu-worker:0.1.0', namespace: 'research', queue: 'gpu-queue', pvc: 'alpha-factory-jobs', ttlSecondsAfterFinished: 600, activeDeadlineSeconds: 7200 });
console.log(manifest);"""),
    md("""## 10. Scaling up

- Set `SCALE = 'full'` at the top: all 505 stocks, all 1,258 days, GARCH, GJR and EGARCH with normal and
  t errors (3,030 fits), 12 series checked against `fitGarch`, and a 4-architecture x 2-size forecaster
  sweep, and a 100-epoch mining run over all stocks and days (zoo of up to 20). Run it where there is a
  GPU; on a 2-core CPU expect tens of minutes.
- Ask for a GPU in the spec (`resources: { gpus: 1 }`): locally the worker uses one whenever torch sees
  it; on Ray the request is what the scheduler places.
- Bigger batches: `garch-batch` fits `chunkSize` series at once on the device (65,536 by default); a
  million series is one input table and one job. `dtype: 'float32'` is faster on consumer GPUs and
  reports each fit's drift against float64.
- More machines: submit to a Ray cluster (`executor: 'ray'`), or to Kubernetes through the KubeRay
  manifest, and queue many jobs with Kueue. Results come back through the same store and the same
  `jobs.results()`.

The last cell records the **experiment manifest**: the seed of the stock sample, the sha256 of the data
files read, the software versions and the time."""),
]
write_tutorial(cells, "05-gpu-runs.ipynb")
