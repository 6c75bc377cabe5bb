import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AlphaFactoryError } from '../../errors';
import type { Panel } from '../../data/panel';
import { loadPanel } from '../../data/load';
import { datasets } from '../../data/datasets';
import { FormulaEvaluator } from '../../alpha/eval';
import { canonicalFormula } from '../../alpha/dsl';
import { evaluateFactor, forwardReturn, icDecay } from '../../alpha/metrics';
import { gateFactor, type GateThresholds } from '../../alpha/gate';
import { evaluateZoo, loadZoo, saveZoo } from '../../alpha/zoo';
import { mineFormulasAsync, MINER_METRICS, type MinerMetric, type MiningResult } from '../../alpha/miner';
import { runCombination, combinerByName, COMBINER_NAMES, type CombinerRule } from '../../alpha/combine';
import { usageError as groupUsageError, withUsageErrors } from '../args';
import type { CliCommand, CliIO } from '../command';

const USAGE = `Usage:
  alpha-factory factor eval <panel-file|dataset> --formula "<dsl>" [--horizon H] [--label "<dsl>"] [--json]
  alpha-factory factor gate <panel-file|dataset> --formula "<dsl>" [--horizon H] [--zoo DIR] [--json]
                            [--min-ic X] [--min-t X] [--max-cost-share X] [--min-liquidity X] [--max-corr X]
                            [--cost X]
  alpha-factory factor combine <panel-file|dataset> (--formula "<dsl>" ... | --zoo DIR)
                            [--method M] [--horizon H] [--lookback L] [--json]
  alpha-factory factor mine <panel-file|dataset> [--seed S] [--population P] [--generations G]
                            [--metric IC|RankIC|ICIR|RankICIR] [--horizon H] [--zoo-out DIR] [--json]

eval     Daily Pearson IC and Spearman RankIC of the formula against the forward return
         close(t+H)/close(t)-1 (or --label, any DSL expression; then H is its look-ahead), over
         assets where both are finite, dates with < 10 such assets skipped. --json prints
         {ic, icir, rank_ic, rank_icir, t_stat, days, turnover}: mean IC, mean/std (ddof 1) of the
         daily IC, the same for RankIC, t = ICIR x sqrt(days), dates used, and mean daily weight
         turnover of the factor portfolio (fraction of the gross book traded per day).
gate     The validation gate (IC >= 0.02, t >= 2, cost drag < 30% of gross return per day,
         liquidity >= 0.7 when volume exists, |corr| to active zoo members <= 0.8).
         Exit code 0 when it passes, 3 when a check fails.
combine  Combine several formulas into a mega-alpha with weights fitted only on realised labels;
         prints its RankIC against the fixed-weight baseline. --method: alphaforge (default),
         equal, ic-weighted, rank-ic-weighted, kakushadze-yu, bayesian, adaptive,
         mean-variance, hierarchical.
mine     Seeded genetic programming over formulas (fitness |--metric| on the first 70% of dates:
         mean IC, mean RankIC (default), ICIR or RankICIR), admitting to a factor zoo by
         AlphaForge's rules; progress on stderr; --zoo-out saves the zoo (zoo.json +
         zoo-series.arrow). Defaults: seed 0, population 50, generations 10. Ctrl-C (SIGINT)
         stops the run after the current generation, saves and prints the zoo so far, exit 130.
         --cost X  cost per unit of gross book traded (default 0.001 = 10 bps)
`;

const usageError = (message: string): AlphaFactoryError => groupUsageError('factor', message);

/** Formulas often start with "-" (`-(close / delay(close, 10) - 1)`): bind them to their flag. */
const FORMULA_FLAGS = new Set(['--formula', '--label']);
function bindFormulaValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    if (FORMULA_FLAGS.has(argv[k]) && k + 1 < argv.length) {
      out.push(`${argv[k]}=${argv[k + 1]}`);
      k++;
    } else {
      out.push(argv[k]);
    }
  }
  return out;
}

function parse(argv: string[]) {
  return withUsageErrors('factor', () => parseArgs({ args: bindFormulaValues(argv), allowPositionals: true, options: {
        formula: { type: 'string', multiple: true },
        label: { type: 'string' },
        horizon: { type: 'string' },
        json: { type: 'boolean' },
        zoo: { type: 'string' },
        'zoo-out': { type: 'string' },
        method: { type: 'string' },
        lookback: { type: 'string' },
        'min-ic': { type: 'string' },
        'min-t': { type: 'string' },
        'max-cost-share': { type: 'string' },
        'min-liquidity': { type: 'string' },
        'max-corr': { type: 'string' },
        cost: { type: 'string' },
        seed: { type: 'string' },
        population: { type: 'string' },
        generations: { type: 'string' },
        metric: { type: 'string' },
      } }));
}

type Values = ReturnType<typeof parse>['values'];

function number(values: Values, name: keyof Values, fallback: number, integer = false): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw usageError(`--${String(name)} expects ${integer ? 'an integer' : 'a number'}, got "${String(raw)}"`);
  }
  return v;
}

function openPanel(target: string | undefined, io: CliIO): Panel {
  if (target === undefined) throw usageError('expected a panel file or dataset name');
  const path = resolve(io.cwd, target);
  if (!existsSync(path) && datasets.list().some((d) => d.name === target)) return datasets.load(target);
  if (!existsSync(path)) throw new AlphaFactoryError('not_found', 'no such file or dataset', { file: target });
  return loadPanel(path, { name: target });
}

interface Prepared {
  panel: Panel;
  ev: FormulaEvaluator;
  label: Float64Array;
  horizon: number;
  values: Values;
}

function prepare(argv: string[], io: CliIO, positionals: number): Prepared & { positionals: string[] } {
  const { values, positionals: pos } = parse(argv);
  if (pos.length !== positionals) throw usageError(`expected ${positionals} positional argument(s), got ${pos.length}`);
  const panel = openPanel(pos[0], io);
  const horizon = number(values, 'horizon', 1, true);
  if (horizon < 1) throw usageError('--horizon must be >= 1');
  const ev = new FormulaEvaluator(panel);
  const label = values.label !== undefined ? ev.evaluate(values.label) : forwardReturn(panel, horizon);
  return { panel, ev, label, horizon, values, positionals: pos };
}

function oneFormula(values: Values): string {
  const f = values.formula;
  if (!f || f.length !== 1) throw usageError('expected exactly one --formula');
  return f[0];
}

async function evalCmd(argv: string[], io: CliIO): Promise<number> {
  const { panel, ev, label, horizon, values } = prepare(argv, io, 1);
  const formula = oneFormula(values);
  const factor = ev.evaluate(formula);
  // text mode also shows IC decay over 1, 2, 5, 10, 20 days when the panel has closes
  const decay = !values.json && values.label === undefined && panel.hasField('close') ? icDecay(factor, panel.field('close'), panel.nAssets) : undefined;
  const report = evaluateFactor(factor, label, panel.nAssets, { horizon, formula, dates: panel.dates, decay });
  io.out(values.json ? JSON.stringify(report.summary()) + '\n' : report.toString() + '\n');
  return 0;
}

function activeZooFactors(dir: string, ev: FormulaEvaluator, io: CliIO): { names: string[]; values: Float64Array[] } {
  return evaluateZoo(loadZoo(resolve(io.cwd, dir), (f) => canonicalFormula(f)), ev, 'active');
}

async function gateCmd(argv: string[], io: CliIO): Promise<number> {
  const { panel, ev, label, horizon, values } = prepare(argv, io, 1);
  const formula = oneFormula(values);
  const factor = ev.evaluate(formula);
  const thresholds: Partial<GateThresholds> = {};
  if (values['min-ic'] !== undefined) thresholds.minIC = number(values, 'min-ic', 0);
  if (values['min-t'] !== undefined) thresholds.minTStat = number(values, 'min-t', 0);
  if (values['max-cost-share'] !== undefined) thresholds.maxCostShare = number(values, 'max-cost-share', 0);
  if (values['min-liquidity'] !== undefined) thresholds.minLiquidity = number(values, 'min-liquidity', 0);
  if (values['max-corr'] !== undefined) thresholds.maxZooCorrelation = number(values, 'max-corr', 0);
  let dollarVolume: Float64Array | undefined;
  if (panel.hasField('close') && panel.hasField('volume')) {
    const c = panel.field('close');
    const v = panel.field('volume');
    dollarVolume = c.map((x, k) => x * v[k]);
  }
  const zoo = values.zoo ? activeZooFactors(values.zoo, ev, io).values : [];
  const g = gateFactor(factor, label, panel.nAssets, {
    horizon,
    dollarVolume,
    zooFactors: zoo,
    thresholds,
    costPerUnitTraded: number(values, 'cost', 0.001),
  });
  io.out(values.json ? JSON.stringify({ formula, ...g.toJSON() }) + '\n' : `${formula}\n${g.toString()}\n`);
  return g.pass ? 0 : 3;
}

function ruleOf(method: string | undefined): CombinerRule {
  if (method !== undefined && !COMBINER_NAMES.includes(method)) {
    throw usageError(`unknown --method "${method}" (use ${COMBINER_NAMES.join(', ')})`);
  }
  return combinerByName(method ?? 'alphaforge');
}

async function combineCmd(argv: string[], io: CliIO): Promise<number> {
  const { panel, ev, label, horizon, values } = prepare(argv, io, 1);
  let names: string[];
  let factors: Float64Array[];
  if (values.zoo) {
    ({ names, values: factors } = activeZooFactors(values.zoo, ev, io));
  } else {
    names = values.formula ?? [];
    factors = names.map((f) => ev.evaluate(f));
  }
  if (factors.length === 0) throw usageError('give factors with --formula (repeatable) or --zoo DIR (its active members)');
  const lookback = number(values, 'lookback', Infinity);
  const r = runCombination({ factors, names, label, nAssets: panel.nAssets, horizon, dates: panel.dates }, ruleOf(values.method), { lookback });
  if (values.json) {
    const c = r.comparison();
    const contrib = r.meanContribution();
    io.out(
      JSON.stringify({
        method: r.method,
        factors: names,
        baseline_from: panel.dates[r.baselineAt],
        mega_rank_ic: c.mega.rankIC.mean,
        mega_rank_icir: c.mega.rankIC.ir,
        baseline_rank_ic: c.baseline.rankIC.mean,
        baseline_rank_icir: c.baseline.rankIC.ir,
        contribution: Object.fromEntries(names.map((n, k) => [n, contrib[k]])),
      }) + '\n',
    );
  } else {
    io.out(r.toString() + '\n');
  }
  return 0;
}

function metricOf(raw: string | undefined): MinerMetric {
  if (raw === undefined) return 'RankIC';
  const m = MINER_METRICS.find((x) => x.toLowerCase() === raw.toLowerCase());
  if (!m) throw usageError(`--metric must be one of ${MINER_METRICS.join(', ')}, got "${raw}"`);
  return m;
}

/** Exit code of a run stopped by SIGINT (128 + 2, as shells report it). */
const SIGINT_EXIT = 130;

async function mineCmd(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw usageError(`expected 1 positional argument, got ${positionals.length}`);
  const panel = openPanel(positionals[0], io);
  const horizon = number(values, 'horizon', 1, true);
  const metric = metricOf(values.metric);
  // Ctrl-C: the first SIGINT stops the run after the current generation (the zoo so far is
  // saved and printed, exit 130); a second one ends the process at once.
  const stop = new AbortController();
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(SIGINT_EXIT);
    io.err('interrupted: stopping after the current generation (Ctrl-C again to quit now)\n');
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  let r: MiningResult;
  try {
    r = await mineFormulasAsync(panel, {
      seed: number(values, 'seed', 0, true),
      population: number(values, 'population', 50, true),
      generations: number(values, 'generations', 10, true),
      metric,
      horizon,
      label: values.label !== undefined ? new FormulaEvaluator(panel).evaluate(values.label) : undefined,
      signal: stop.signal,
      onProgress: (p) =>
        io.err(`generation ${p.generation}/${p.generations}: ${p.evaluated} evaluated, zoo ${p.zooSize}, best |${p.metric}| ${p.bestFitness.toFixed(4)} ${p.bestFormula}\n`),
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (values['zoo-out']) saveZoo(r.zoo, resolve(io.cwd, values['zoo-out']));
  if (values.json) {
    io.out(JSON.stringify(r.zoo.list().map((e) => ({ id: e.id, formula: e.formula, ic: e.metrics.ic, icir: e.metrics.icir, rank_ic: e.metrics.rankIC }))) + '\n');
  } else {
    io.out(r.toString() + '\n');
  }
  if (r.cancelled) {
    const where = values['zoo-out'] ? `, saved to ${values['zoo-out']}` : '';
    io.err(`mining cancelled at generation ${r.history.length}/${r.history[0]?.generations ?? number(values, 'generations', 10, true)}: zoo of ${r.zoo.size} so far${where}\n`);
    return SIGINT_EXIT;
  }
  return 0;
}

export const factorCommand: CliCommand = {
  name: 'factor',
  summary: 'evaluate, gate, combine and mine formula alphas on a panel',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'eval':
        return evalCmd(rest, io);
      case 'gate':
        return gateCmd(rest, io);
      case 'combine':
        return combineCmd(rest, io);
      case 'mine':
        return mineCmd(rest, io);
      case undefined:
        throw usageError('expected a subcommand: eval, gate, combine, mine');
      default:
        throw usageError(`unknown subcommand "${sub}"`);
    }
  },
};
