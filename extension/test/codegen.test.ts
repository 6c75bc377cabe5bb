import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EPOCHS, GENERATORS, METRICS, type CodeContext, type MiningParams } from '../src/codegen/actions';
import { codeFor } from '../src/codegen/generate';
import { importLine, importedNames } from '../src/codegen/imports';
import { comment, lit, str } from '../src/codegen/literals';
import { relative } from '../src/notebook/paths';
import { readOutputs } from '../src/notebook/outputs';
import { rayTokenCode } from '../src/codegen/secrets';
import { runInNewContext } from 'node:vm';

const fresh: CodeContext = { imported: new Set(), sources: [], jobStore: '../experiments/jobs', rayAddress: '' };

const mining: MiningParams = {
  dataPath: 'data/prices.csv',
  generator: 'LSTM',
  epochs: 300,
  zooSize: 20,
  metric: 'RankIC',
  minIC: 0.03,
  minICIR: 0.1,
  maxCorrelation: 0.7,
  seed: 42,
  executor: 'cpu',
  generations: 6,
  population: 200,
};

test('literals: quotes, escapes, objects one key per line when long', () => {
  assert.equal(str("it's a \\ path\n"), "'it\\'s a \\\\ path\\n'");
  assert.equal(str('<img src=x onerror=alert(1)>'), "'<img src=x onerror=alert(1)>'");
  assert.equal(lit({ a: 1, 'b-c': [1, 'x'], d: null }), "{ a: 1, 'b-c': [1, 'x'], d: null }");
  assert.equal(lit({ long: 'x'.repeat(95), n: 2 }), `{\n  long: '${'x'.repeat(95)}',\n  n: 2,\n}`);
  assert.throws(() => lit(Number.NaN), /cannot write NaN/);
  assert.equal(comment('two\nlines */'), '// two lines */');
});

test('imports: names already imported (with aliases) are not imported again', () => {
  const names = importedNames(["import { show, Table as T } from '@alpha-factory/kernel';", 'import { x } from "other";', "import {loadPanel} from \"@alpha-factory/kernel\""]);
  assert.deepEqual([...names].sort(), ['T', 'loadPanel', 'show']);
  assert.equal(importLine(['show', 'describe', 'describe', 'Table'], names), "import { Table, describe } from '@alpha-factory/kernel';");
  assert.equal(importLine(['show'], names), '');
});

test('paths: job store relative to the notebook folder', () => {
  assert.equal(relative('', 'experiments/jobs'), 'experiments/jobs');
  assert.equal(relative('experiments', 'experiments/jobs'), 'jobs');
  assert.equal(relative('research/2026', 'experiments/jobs'), '../../experiments/jobs');
  assert.equal(relative('a', 'a'), '.');
});

test('load-data: validate, load, show, preview and describe, with the path spelled out', () => {
  const code = codeFor({ type: 'load-data', path: 'data/prices.csv', previewDates: 5 }, fresh);
  assert.equal(
    code,
    [
      "import { Table, data, describe, loadPanel, show } from '@alpha-factory/kernel';",
      '',
      '// Data: check data/prices.csv, then load it as a Panel (dates x assets x fields).',
      "const validation = data.validateFile('data/prices.csv');",
      "show(new Table(['row', 'column', 'severity', 'code', 'message'], validation.issues.map((i) => [i.row, i.column, i.severity, i.code, i.message]), 'Validation issues'));",
      "const panel = loadPanel('data/prices.csv');",
      'show(panel);',
      '',
      '// Preview: the first 5 dates of every asset.',
      'const previewRows: (string | number)[][] = [];',
      'for (let t = 0; t < Math.min(5, panel.nDates); t++) {',
      '  for (let i = 0; i < panel.nAssets; i++) {',
      '    previewRows.push([panel.dates[t], panel.assets[i], ...panel.fields.map((f) => panel.value(f, t, i))]);',
      '  }',
      '}',
      "show(new Table(['date', 'asset', ...panel.fields], previewRows, 'Preview'));",
      "show(Table.fromRecords(describe(panel).toJSON(), 'Statistics'));",
    ].join('\n'),
  );
  // a second load in the same notebook imports nothing again; a hostile path stays a string literal
  const again = codeFor({ type: 'load-data', path: "x');alert(1);('", previewDates: 3 }, { ...fresh, imported: importedNames([code]) });
  assert.ok(again.startsWith('// Data: check'));
  assert.match(again, /data\.validateFile\('x\\'\);alert\(1\);\(\\''\)/);
});

test('mine (CPU): the miner call with every parameter, progress, zoo and correlation table', () => {
  const code = codeFor({ type: 'mine', params: mining }, { ...fresh, imported: new Set(['show', 'Table']) });
  const lines = code.split('\n');
  assert.equal(lines[0], "import { alpha, progressDisplay } from '@alpha-factory/kernel';");
  // awaited, so the kernel's event loop turns between generations and progress reaches the browser live
  assert.ok(lines.includes('const mining = await alpha.mineFormulasAsync(panel, {'));
  for (const l of ['  seed: 42,', "  metric: 'RankIC',", '  generations: 6,', '  population: 200,', '  zooSize: 20,', '  admission: { minAbsIC: 0.03, minICIR: 0.1, maxCorrelation: 0.7 },', '  signal: stopMining.signal,']) {
    assert.ok(lines.includes(l), `missing ${l}`);
  }
  // a kernel interrupt (the tab's Cancel) aborts the run; the handler is removed when the run ends
  // registered after the cell's synchronous part: a SIGINT listener added inside tslab's vm run (breakOnSigint)
  // leaves the process with the default disposition, and the next interrupt kills the kernel
  assert.ok(lines.indexOf("setImmediate(() => process.once('SIGINT', onInterrupt));") < lines.indexOf('const mining = await alpha.mineFormulasAsync(panel, {'));
  assert.ok(!lines.includes("process.once('SIGINT', onInterrupt);"));
  assert.ok(lines.indexOf("process.off('SIGINT', onInterrupt);") > lines.indexOf('const mining = await alpha.mineFormulasAsync(panel, {'));
  // the progress payload's figures for the Mining tab: zoo fill against the requested size, best fitness and its metric
  assert.ok(lines.includes('      stats: { zoo: p.zooSize, zooSize: 20, best: p.bestFitness, metric: p.metric },'));
  assert.ok(lines.includes('      message: `zoo ${p.zooSize}, best |${p.metric}| ${p.bestFitness.toFixed(4)}`,'));
  assert.ok(lines.includes('const zoo = mining.zoo;'));
  assert.ok(lines.includes('show(zoo);'));
  assert.match(code, /'Factor correlation'\)\);$/);
  assert.ok(lines.includes('// Fitness: |mean daily RankIC| over the training dates (the first 70% of dates); the LSTM generator and 300 epochs apply to GPU jobs.'));
  assert.doesNotMatch(code, /RankIC choice|metric applies|only to GPU/);
});

test('mine (CPU): the chosen evaluation metric is the miner\'s fitness', () => {
  const expected: Record<string, string> = {
    IC: '|mean daily IC|',
    RankIC: '|mean daily RankIC|',
    ICIR: '|ICIR| (mean / std of the daily IC)',
    RankICIR: '|RankICIR| (mean / std of the daily RankIC)',
  };
  for (const metric of METRICS) {
    const lines = codeFor({ type: 'mine', params: { ...mining, metric } }, fresh).split('\n');
    assert.ok(lines.includes(`  metric: '${metric}',`), metric);
    assert.ok(lines.includes(`// Fitness: ${expected[metric]} over the training dates (the first 70% of dates); the LSTM generator and 300 epochs apply to GPU jobs.`), metric);
  }
});

test('mine (local GPU, Ray): a factor-mining job with the parameters in its spec, watched, its zoo loaded', () => {
  const gpu = codeFor({ type: 'mine', params: { ...mining, executor: 'local-gpu', generator: 'Transformer', epochs: 550 } }, fresh);
  assert.equal(
    gpu,
    [
      "import { Table, alpha, data, jobs, progressDisplay, show } from '@alpha-factory/kernel';",
      '',
      '// Mining: a factor-mining job (Local GPU job), Transformer generator, 550 epochs, seed 42.',
      '// The job reads the loaded panel, written as Arrow (its sha256 is part of the job id); the zoo comes back into this kernel.',
      "const miningWhere = { store: '../experiments/jobs' };",
      'const miningJob = await jobs.submit({',
      "  kind: 'factor-mining',",
      "  name: 'mining-transformer-seed42',",
      '  params: {',
      "    generator: 'Transformer',",
      '    epochs: 550,',
      '    zooSize: 20,',
      "    metric: 'RankIC',",
      '    thresholds: { minIC: 0.03, minICIR: 0.1, maxCorrelation: 0.7 },',
      '  },',
      '  seed: 42,',
      '  resources: { gpus: 1 },',
      "}, { ...miningWhere, executor: 'local', data: { prices: data.panelToArrowBytes(panel) } });",
      'show(miningJob);',
      "const miningProgress = progressDisplay('Mining');",
      'await jobs.watch(miningJob, {',
      '  ...miningWhere,',
      '  onEvent: (e) => {',
      "    if (typeof e.epoch !== 'number') return;",
      '    miningProgress({ done: e.epoch, total: 550, message: e.message, stats: { zoo: Number(e.zoo), zooSize: 20, best: Number(e.best) } });',
      '  },',
      '});',
      'const mined = await jobs.results(miningJob, miningWhere);',
      'if (!mined.zoo) throw new Error(`job ${miningJob.id} wrote no factor zoo`);',
      'const zoo = mined.zoo;',
      'show(zoo);',
      "// Correlation of the members' daily factor returns (at most 40 members), for the heatmap.",
      'const members = zoo.list().slice(0, 40);',
      'const memberReturns = members.map((f) => zoo.series(f.id)?.factorReturn ?? new Float64Array(0));',
      "show(new Table(['factor', ...members.map((f) => f.id)], members.map((f, a) => [f.id, ...members.map((_, b) => alpha.seriesCorrelation(memberReturns[a], memberReturns[b]))]), 'Factor correlation'));",
    ].join('\n'),
  );
  const ray = codeFor({ type: 'mine', params: { ...mining, executor: 'ray' } }, { ...fresh, rayAddress: 'http://ray-head:8265' });
  assert.match(ray, /const miningWhere = \{ store: '\.\.\/experiments\/jobs', ray: \{ address: 'http:\/\/ray-head:8265' \} \};/);
  assert.match(ray, /\{ \.\.\.miningWhere, executor: 'ray', data: \{ prices: data\.panelToArrowBytes\(panel\) \} \}\);/);
  assert.match(ray, /ALPHA_FACTORY_RAY_TOKEN/);
  assert.doesNotMatch(ray, /token:/, 'the token never goes into the notebook');
});

test('combine: chosen ids, date range, window, top-N, method; mega-alpha and baseline backtests', () => {
  const code = codeFor(
    { type: 'combine', params: { factorIds: ['0123456789', 'abcdefabcd'], start: '2015-01-02', end: '', window: 60, topN: 5, method: 'alphaforge', horizon: 1, name: 'AF top 5' } },
    { ...fresh, imported: new Set(['show', 'Table']) },
  );
  const lines = code.split('\n');
  assert.equal(lines[0], "import { alphaForgeWeights, evaluateFormula, forwardReturn, runCombination, signalBacktest } from '@alpha-factory/kernel';");
  assert.ok(lines.includes("const strategyPanel = panel.sliceDates('2015-01-02', undefined);"));
  assert.ok(lines.includes("const chosen = ['0123456789', 'abcdefabcd'].map((id) => zoo.get(id));"));
  assert.ok(lines.includes('  alphaForgeWeights({ topN: 5 }),'));
  assert.ok(lines.includes('  { lookback: 60 },'));
  assert.ok(lines.includes('const strategyLabel = forwardReturn(strategyPanel, 1);'));
  assert.ok(lines.includes('show(combination);'));
  assert.match(code, /\{ strategy: 'AF top 5', \.\.\.backtest\.toPayload\(\)\.kpis \}, \{ strategy: 'AF top 5 \(fixed weights\)'/);
  const eq = codeFor({ type: 'combine', params: { factorIds: [], start: '', end: '', window: 0, topN: 10, method: 'rankIC', horizon: 1, name: 's' } }, fresh);
  assert.match(eq, /const strategyPanel = panel;/);
  assert.match(eq, /zoo\.list\(\)\.filter\(\(f\) => f\.status === 'active' \|\| f\.status === 'candidate'\)/);
  assert.match(eq, /^ {2}alpha\.icWeights\('rankIC'\),$/m);
  assert.match(eq, /^import \{ Table, alpha, evaluateFormula, forwardReturn, runCombination, show, signalBacktest \} from '@alpha-factory\/kernel';$/m);
  assert.match(eq, /^ {2}\{\},$/m);
});

test('jobs: cancel, retry, show and clone with a new seed, against the job store', () => {
  const ctx = { ...fresh, imported: new Set(['jobs', 'show']) };
  assert.equal(
    codeFor({ type: 'cancel-job', jobId: 'j-1' }, ctx),
    "// Cancel job j-1.\nawait jobs.cancel('j-1', { store: '../experiments/jobs' });\nshow(jobs.getJob('j-1', { store: '../experiments/jobs' }));",
  );
  assert.match(codeFor({ type: 'retry-job', jobId: 'j-1' }, ctx), /jobs\.submit\(jobs\.getJob\('j-1', \{ store: '\.\.\/experiments\/jobs' \}\)\.spec, \{ executor: /);
  assert.equal(codeFor({ type: 'show-job', jobId: 'j-1' }, ctx), "// Job j-1.\nshow(jobs.getJob('j-1', { store: '../experiments/jobs' }));");
  const clone = codeFor({ type: 'clone-job', jobId: 'j-1', seed: 7 }, ctx);
  assert.match(clone, /jobs\.submit\(\{ \.\.\.original\.spec, seed: 7 \}, \{ executor: original\.status\.executor, store: '\.\.\/experiments\/jobs' \}\);/);
});

test('export-report: spawns alpha-factory report, skipped inside the report run itself', () => {
  const code = codeFor({ type: 'export-report', notebook: 'study.ipynb', html: 'study.html' }, fresh);
  assert.equal(code.split('\n')[0], "import { spawnSync } from 'node:child_process';");
  assert.match(code, /if \(process\.env\.ALPHA_FACTORY_REPORT_RUN\) \{/);
  assert.match(code, /\[cli, 'report', 'study\.ipynb', '--html', 'study\.html'\]/);
  const again = codeFor({ type: 'export-report', notebook: 'study.ipynb', html: 'study.html' }, { ...fresh, sources: [code] });
  assert.ok(again.startsWith('// Export report'), 'node import written once per notebook');
});

test('the mining controls of the plan: generators, metrics, epochs', () => {
  assert.deepEqual([...GENERATORS], ['LSTM', 'GRU', 'Transformer']);
  assert.deepEqual([...METRICS], ['IC', 'RankIC', 'ICIR', 'RankICIR']);
  assert.deepEqual({ ...EPOCHS }, { min: 100, max: 1000, step: 50, default: 300 });
});

test('cell outputs: payloads in order, texts, error', () => {
  const r = readOutputs([
    { output_type: 'display_data', data: { 'text/plain': 'Mining [###] 1/2 (50%)' } },
    { output_type: 'display_data', data: { 'application/vnd.alpha-factory.zoo.v1+json': JSON.stringify({ kind: 'zoo', version: 1, factors: [] }) } },
    { output_type: 'stream', text: ['a', 'b'] },
    { output_type: 'error', ename: 'AlphaFactoryError', evalue: 'no such file' },
  ]);
  assert.deepEqual(r.payloads.map((p) => p.kind), ['zoo']);
  assert.deepEqual(r.texts, ['Mining [###] 1/2 (50%)', 'ab']);
  assert.equal(r.error, 'AlphaFactoryError: no such file');
  assert.equal(readOutputs([{ output_type: 'stream', name: 'stderr', text: '1:44 - no export' }]).stderr, '1:44 - no export');
});

test('the Ray token is set in the kernel environment only for cells that may call Ray, exactly as typed', () => {
  const token = "a'b\\c\nd";
  const ray = { type: 'mine' as const, params: { ...mining, executor: 'ray' as const } };
  const code = rayTokenCode(ray, token);
  assert.ok(code);
  const env: Record<string, string> = {};
  runInNewContext(code, { process: { env } });
  assert.equal(env.ALPHA_FACTORY_RAY_TOKEN, token);
  assert.equal(rayTokenCode(ray, ''), null, 'no token set: nothing to send');
  assert.equal(rayTokenCode({ type: 'mine', params: mining }, token), null, 'the CPU miner never talks to Ray');
  assert.equal(rayTokenCode({ type: 'load-data', path: 'x.csv', previewDates: 5 }, token), null);
  assert.ok(rayTokenCode({ type: 'cancel-job', jobId: 'j' }, token), 'job commands may reach a Ray job');
  assert.ok(!codeFor(ray, fresh).includes(token), 'the token never enters the generated cell');
});
