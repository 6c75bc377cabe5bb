/**
 * Panel actions -> readable kernel-lib code cells. Each function returns the cell source:
 * an import line for the names the notebook has not imported yet, a comment saying what the
 * cell does, then the calls with every parameter spelled out. Cells share the variable names
 * a researcher would use: `panel` (Data), `zoo` (Mining), `combination` and `backtest`
 * (Combination). The browser computes nothing; it only writes and runs these cells.
 */
import type {
  CloneJobAction,
  CodeContext,
  CombinationParams,
  ExportReportAction,
  JobAction,
  LoadDataAction,
  MiningParams,
  PanelAction,
} from './actions';
import { EXECUTOR_LABELS } from './actions';
import { importLine, nodeImportLine } from './imports';
import { comment, lit, num, str } from './literals';

function cell(ctx: CodeContext, names: string[], body: string[], extraImports: string[] = []): string {
  const head = [importLine(names, ctx.imported), ...extraImports].filter((l) => l !== '');
  return [...head, ...(head.length ? [''] : []), ...body].join('\n');
}

/** Data tab: validate the file (issues with row and column), load it, preview and describe it. */
export function loadDataCode(a: LoadDataAction, ctx: CodeContext): string {
  const path = str(a.path);
  return cell(ctx, ['Table', 'data', 'describe', 'loadPanel', 'show'], [
    comment(`Data: check ${a.path}, then load it as a Panel (dates x assets x fields).`),
    `const validation = data.validateFile(${path});`,
    `show(new Table(['row', 'column', 'severity', 'code', 'message'], validation.issues.map((i) => [i.row, i.column, i.severity, i.code, i.message]), 'Validation issues'));`,
    `const panel = loadPanel(${path});`,
    'show(panel);',
    '',
    comment(`Preview: the first ${a.previewDates} dates of every asset.`),
    'const previewRows: (string | number)[][] = [];',
    `for (let t = 0; t < Math.min(${num(a.previewDates)}, panel.nDates); t++) {`,
    '  for (let i = 0; i < panel.nAssets; i++) {',
    '    previewRows.push([panel.dates[t], panel.assets[i], ...panel.fields.map((f) => panel.value(f, t, i))]);',
    '  }',
    '}',
    "show(new Table(['date', 'asset', ...panel.fields], previewRows, 'Preview'));",
    "show(Table.fromRecords(describe(panel).toJSON(), 'Statistics'));",
  ]);
}

function thresholds(p: MiningParams): Record<string, number> {
  return { minIC: p.minIC, minICIR: p.minICIR, maxCorrelation: p.maxCorrelation };
}

/** Correlation of the members' daily factor returns (the zoo's diversity rule), as a table for the heatmap. */
function correlationLines(): string[] {
  return [
    comment('Correlation of the members\' daily factor returns (at most 40 members), for the heatmap.'),
    'const members = zoo.list().slice(0, 40);',
    'const memberReturns = members.map((f) => zoo.series(f.id)?.factorReturn ?? new Float64Array(0));',
    "show(new Table(['factor', ...members.map((f) => f.id)], members.map((f, a) => [f.id, ...members.map((_, b) => alpha.seriesCorrelation(memberReturns[a], memberReturns[b]))]), 'Factor correlation'));",
  ];
}

/** Mining tab: the CPU miner in this kernel, or a factor-mining job on this machine's GPU or on Ray. */
/** What the CPU miner's fitness is for each metric of the Mining tab (kernel-lib alpha/miner). */
const METRIC_FITNESS: Record<MiningParams['metric'], string> = {
  IC: '|mean daily IC|',
  RankIC: '|mean daily RankIC|',
  ICIR: '|ICIR| (mean / std of the daily IC)',
  RankICIR: '|RankICIR| (mean / std of the daily RankIC)',
};

export function miningCode(a: { params: MiningParams }, ctx: CodeContext): string {
  const p = a.params;
  if (p.executor === 'cpu') {
    return cell(ctx, ['Table', 'alpha', 'progressDisplay', 'show'], [
      comment(`Mining: ${EXECUTOR_LABELS.cpu}, genetic programming over the formula language, seed ${p.seed}.`),
      comment(`Fitness: ${METRIC_FITNESS[p.metric]} over the training dates (the first 70% of dates); the ${p.generator} generator and ${p.epochs} epochs apply to GPU jobs.`),
      comment('Interrupting the kernel (Cancel in the Mining tab, or the stop button) ends the run after the current generation.'),
      comment("Listen from the next turn of the event loop: tslab handles SIGINT itself while a cell's synchronous part runs."),
      'const stopMining = new AbortController();',
      'const onInterrupt = (): void => stopMining.abort();',
      "setImmediate(() => process.once('SIGINT', onInterrupt));",
      "const miningProgress = progressDisplay('Mining');",
      `const mining = await alpha.mineFormulasAsync(panel, {`,
      `  seed: ${num(p.seed)},`,
      `  metric: ${str(p.metric)},`,
      `  generations: ${num(p.generations)},`,
      `  population: ${num(p.population)},`,
      `  zooSize: ${num(p.zooSize)},`,
      `  admission: { minAbsIC: ${num(p.minIC)}, minICIR: ${num(p.minICIR)}, maxCorrelation: ${num(p.maxCorrelation)} },`,
      '  signal: stopMining.signal,',
      '  onProgress: (p) =>',
      '    miningProgress({',
      '      done: p.generation,',
      '      total: p.generations,',
      '      message: `zoo ${p.zooSize}, best |${p.metric}| ${p.bestFitness.toFixed(4)}`,',
      `      stats: { zoo: p.zooSize, zooSize: ${num(p.zooSize)}, best: p.bestFitness, metric: p.metric },`,
      '    }),',
      '});',
      "process.off('SIGINT', onInterrupt);",
      'const zoo = mining.zoo;',
      'show(zoo);',
      ...correlationLines(),
    ]);
  }
  const executor = p.executor === 'ray' ? 'ray' : 'local';
  const spec = {
    kind: 'factor-mining',
    name: `mining-${p.generator.toLowerCase()}-seed${p.seed}`,
    params: { generator: p.generator, epochs: p.epochs, zooSize: p.zooSize, metric: p.metric, thresholds: thresholds(p) },
    seed: p.seed,
    resources: { gpus: 1 },
  };
  const where: Record<string, unknown> = { store: ctx.jobStore };
  if (executor === 'ray' && ctx.rayAddress) where.ray = { address: ctx.rayAddress };
  const lines = [
    comment(`Mining: a factor-mining job (${EXECUTOR_LABELS[p.executor]}), ${p.generator} generator, ${p.epochs} epochs, seed ${p.seed}.`),
    comment('The job reads the loaded panel, written as Arrow (its sha256 is part of the job id); the zoo comes back into this kernel.'),
  ];
  if (executor === 'ray') lines.push(comment('The Ray token, if the cluster needs one, is read from $ALPHA_FACTORY_RAY_TOKEN.'));
  lines.push(
    `const miningWhere = ${lit(where)};`,
    `const miningJob = await jobs.submit(${lit(spec)}, { ...miningWhere, executor: ${str(executor)}, data: { prices: data.panelToArrowBytes(panel) } });`,
    'show(miningJob);',
    "const miningProgress = progressDisplay('Mining');",
    'await jobs.watch(miningJob, {',
    '  ...miningWhere,',
    '  onEvent: (e) => {',
    '    if (typeof e.epoch !== \'number\') return;',
    `    miningProgress({ done: e.epoch, total: ${num(p.epochs)}, message: e.message, stats: { zoo: Number(e.zoo), zooSize: ${num(p.zooSize)}, best: Number(e.best) } });`,
    '  },',
    '});',
    'const mined = await jobs.results(miningJob, miningWhere);',
    "if (!mined.zoo) throw new Error(`job ${miningJob.id} wrote no factor zoo`);",
    'const zoo = mined.zoo;',
    'show(zoo);',
    ...correlationLines(),
  );
  return cell(ctx, ['Table', 'alpha', 'data', 'jobs', 'progressDisplay', 'show'], lines);
}

const RULES: Record<CombinationParams['method'], (p: CombinationParams) => string> = {
  alphaforge: (p) => `alphaForgeWeights({ topN: ${num(p.topN)} })`,
  equal: () => 'alpha.equalWeights()',
  ic: () => "alpha.icWeights('ic')",
  rankIC: () => "alpha.icWeights('rankIC')",
};

const RULE_NAMES: Record<CombinationParams['method'], string> = {
  alphaforge: 'alphaForgeWeights',
  equal: 'alpha',
  ic: 'alpha',
  rankIC: 'alpha',
};

/** Combination tab: evaluate the chosen factors, combine them, backtest the mega-alpha and the fixed baseline. */
export function combinationCode(a: { params: CombinationParams }, ctx: CodeContext): string {
  const p = a.params;
  const range = p.start || p.end ? `panel.sliceDates(${p.start ? str(p.start) : 'undefined'}, ${p.end ? str(p.end) : 'undefined'})` : 'panel';
  const pick = p.factorIds.length
    ? `const chosen = ${lit(p.factorIds)}.map((id) => zoo.get(id));`
    : "const chosen = zoo.list().filter((f) => f.status === 'active' || f.status === 'candidate');";
  const opts = p.window > 0 ? `{ lookback: ${num(p.window)} }` : '{}';
  return cell(ctx, ['Table', 'evaluateFormula', 'forwardReturn', 'runCombination', RULE_NAMES[p.method], 'show', 'signalBacktest'], [
    comment(`Combination "${p.name}": ${p.method} weights over ${p.window > 0 ? `a ${p.window}-date window` : 'an expanding window'}, top ${p.topN}.`),
    `const strategyPanel = ${range};`,
    pick,
    `const strategyLabel = forwardReturn(strategyPanel, ${num(p.horizon)});`,
    'const combination = runCombination(',
    '  {',
    '    factors: chosen.map((f) => evaluateFormula(strategyPanel, f.formula)),',
    '    names: chosen.map((f) => f.name),',
    '    label: strategyLabel,',
    '    nAssets: strategyPanel.nAssets,',
    `    horizon: ${num(p.horizon)},`,
    '    dates: strategyPanel.dates,',
    '  },',
    `  ${RULES[p.method](p)},`,
    `  ${opts},`,
    ');',
    'show(combination);',
    comment('Backtest: top-k long book on the mega-alpha and on the fixed-weight baseline.'),
    `const backtestOptions = { strategy: 'topk' as const, k: Math.max(1, Math.floor(strategyPanel.nAssets / 5)), dates: strategyPanel.dates };`,
    'const backtest = signalBacktest(combination.megaAlpha, strategyLabel, strategyPanel.nAssets, backtestOptions);',
    'const baselineBacktest = signalBacktest(combination.baselineAlpha, strategyLabel, strategyPanel.nAssets, backtestOptions);',
    `show(Table.fromRecords([{ strategy: ${str(p.name)}, ...backtest.toPayload().kpis }, { strategy: ${str(`${p.name} (fixed weights)`)}, ...baselineBacktest.toPayload().kpis }], 'Strategy KPIs'));`,
    'show(backtest);',
  ]);
}

function jobOptions(ctx: CodeContext): string {
  return `{ store: ${str(ctx.jobStore)} }`;
}

/** GPU Jobs panel: cancel, retry (same spec, next attempt) or show a job by id. */
export function jobCode(a: JobAction, ctx: CodeContext): string {
  const id = str(a.jobId);
  const o = jobOptions(ctx);
  if (a.type === 'cancel-job') {
    return cell(ctx, ['jobs', 'show'], [comment(`Cancel job ${a.jobId}.`), `await jobs.cancel(${id}, ${o});`, `show(jobs.getJob(${id}, ${o}));`]);
  }
  if (a.type === 'retry-job') {
    return cell(ctx, ['jobs', 'show'], [
      comment(`Retry job ${a.jobId}: the same spec again runs as its next attempt.`),
      `const retried = await jobs.submit(jobs.getJob(${id}, ${o}).spec, { executor: jobs.getJob(${id}, ${o}).status.executor, store: ${str(ctx.jobStore)} });`,
      'show(retried);',
    ]);
  }
  return cell(ctx, ['jobs', 'show'], [comment(`Job ${a.jobId}.`), `show(jobs.getJob(${id}, ${o}));`]);
}

/** GPU Jobs panel: the same job with another seed (a new job id). */
export function cloneJobCode(a: CloneJobAction, ctx: CodeContext): string {
  const id = str(a.jobId);
  const o = jobOptions(ctx);
  return cell(ctx, ['jobs', 'show'], [
    comment(`Clone job ${a.jobId} with seed ${a.seed}.`),
    `const original = jobs.getJob(${id}, ${o});`,
    `const clone = await jobs.submit({ ...original.spec, seed: ${num(a.seed)} }, { executor: original.status.executor, store: ${str(ctx.jobStore)} });`,
    'show(clone);',
  ]);
}

/**
 * Combination tab: "Export report" runs `alpha-factory report` on this notebook. The report
 * re-executes the notebook, so the cell does nothing inside that run (ALPHA_FACTORY_REPORT_RUN).
 */
export function exportReportCode(a: ExportReportAction, ctx: CodeContext): string {
  return cell(ctx, [], [
    comment(`Export report: execute ${a.notebook} and write ${a.html} (alpha-factory report).`),
    'if (process.env.ALPHA_FACTORY_REPORT_RUN) {',
    "  console.log('Inside a report run: not exporting again.');",
    '} else {',
    "  const cli = require.resolve('@alpha-factory/kernel/bin/alpha-factory.js');",
    `  const run = spawnSync(process.execPath, [cli, 'report', ${str(a.notebook)}, '--html', ${str(a.html)}], {`,
    "    encoding: 'utf8',",
    "    env: { ...process.env, ALPHA_FACTORY_REPORT_RUN: '1' },",
    '  });',
    `  console.log(run.status === 0 ? ${str(`Report written to ${a.html}`)} : \`Report failed: \${run.stderr}\`);`,
    '}',
  ], [nodeImportLine('node:child_process', ['spawnSync'], ctx.sources)]);
}

/** The cell for any panel action. */
export function codeFor(action: PanelAction, ctx: CodeContext): string {
  switch (action.type) {
    case 'load-data':
      return loadDataCode(action, ctx);
    case 'mine':
      return miningCode(action, ctx);
    case 'combine':
      return combinationCode(action, ctx);
    case 'cancel-job':
    case 'retry-job':
    case 'show-job':
      return jobCode(action, ctx);
    case 'clone-job':
      return cloneJobCode(action, ctx);
    case 'export-report':
      return exportReportCode(action, ctx);
  }
}
