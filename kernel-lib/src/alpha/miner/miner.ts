/**
 * CPU factor miner: seeded genetic programming over the formula DSL.
 *
 * 1. A population of random formula trees (grammar.ts, trees.ts).
 * 2. Fitness of a formula = |mean daily RankIC| against the label on the training dates
 *    (the first `trainFraction` of the panel); formulas whose values are finite on fewer than
 *    80% of label cells, or that fail to evaluate, score 0. Fitness is cached by canonical
 *    formula, so re-discovered formulas cost nothing; sub-formulas share the evaluator's cache.
 * 3. Each generation, the best formulas are offered to the factor zoo with AlphaForge's
 *    admission rules (|IC| > 0.03, ICIR >= 0.1, factor-return |corr| <= 0.7 to members, finite
 *    ratio >= 0.8, uniqueness >= 0.01), measured on the training dates; a formula with a
 *    negative IC enters as its negation so that every member has a positive IC.
 * 4. The next generation: elites, then tournament selection (size 3) with crossover
 *    (probability `crossoverRate`), mutation (`mutationRate`) or reproduction.
 * The run stops after `generations` or when the zoo holds `zooSize` factors. The same seed,
 * panel and options give the same zoo.
 */
import { Rng } from '../../math/rng';
import type { Panel } from '../../data/panel';
import { FormulaEvaluator } from '../eval';
import { canonicalFormula, formatFormula } from '../dsl';
import { call, type FormulaNode } from '../dsl/ast';
import { dailyRankIC } from '../metrics/ic';
import { summarizeSeries } from '../metrics/summary';
import { forwardReturn } from '../metrics/label';
import { finiteRatio } from '../zoo/admission';
import { zooEntryFromFactor } from '../zoo/fromFactor';
import { FactorZoo } from '../zoo/zoo';
import type { AdmissionThresholds } from '../zoo/admission';
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { checkGrammar, DEFAULT_GRAMMAR, type MinerGrammar } from './grammar';
import { crossover, mutate, randomTree, type TreeLimits } from './trees';

export interface MinerProgress {
  generation: number;
  generations: number;
  evaluated: number;
  zooSize: number;
  bestFitness: number;
  bestFormula: string;
}

export interface MinerOptions {
  seed: number;
  population?: number;
  generations?: number;
  maxDepth?: number;
  /** Maximum number of nodes (AlphaForge's max_len 20). */
  maxSize?: number;
  crossoverRate?: number;
  mutationRate?: number;
  elite?: number;
  /** Label horizon (default 1: close(t+1)/close(t)-1) or a label array of the panel's shape. */
  horizon?: number;
  label?: Float64Array;
  trainFraction?: number;
  zooSize?: number;
  /** Formulas offered to the zoo per generation (best first). */
  offersPerGeneration?: number;
  admission?: Partial<AdmissionThresholds>;
  grammar?: Partial<MinerGrammar>;
  /** Add to an existing zoo (its dates must be the training dates). */
  zoo?: FactorZoo;
  jobId?: string;
  onProgress?: (p: MinerProgress) => void;
}

export interface MinedFormula {
  formula: string;
  fitness: number;
}

export class MiningResult {
  constructor(
    readonly zoo: FactorZoo,
    readonly history: MinerProgress[],
    readonly evaluated: number,
    readonly best: MinedFormula[],
    readonly trainDates: number,
  ) {}

  toString(): string {
    const last = this.history[this.history.length - 1];
    return [
      `Mining: ${this.history.length} generations, ${this.evaluated} formulas evaluated, ${this.zoo.size} admitted`,
      `  best fitness |RankIC| ${last ? last.bestFitness.toFixed(4) : 'n/a'}: ${last?.bestFormula ?? ''}`,
      ...this.zoo.list().slice(0, 10).map((e) => `  + ${e.formula}  (IC ${e.metrics.ic.toFixed(4)}, ICIR ${e.metrics.icir.toFixed(3)})`),
    ].join('\n');
  }
}

interface Scored {
  tree: FormulaNode;
  text: string;
  fitness: number;
}

export function mineFormulas(panel: Panel, opts: MinerOptions): MiningResult {
  const rng = new Rng(opts.seed);
  const grammar: MinerGrammar = { ...DEFAULT_GRAMMAR, ...(opts.grammar ?? {}) };
  // fields the panel lacks are left out (vwap stays when the DSL can proxy it from high, low, close)
  const vwapProxy = panel.hasField('high') && panel.hasField('low') && panel.hasField('close');
  grammar.fields = grammar.fields.filter((f) => panel.hasField(f) || (f === 'vwap' && vwapProxy));
  checkGrammar(grammar);
  const popSize = opts.population ?? 50;
  const generations = opts.generations ?? 10;
  const lim: TreeLimits = { maxDepth: opts.maxDepth ?? 4, maxSize: opts.maxSize ?? 20 };
  const crossoverRate = opts.crossoverRate ?? 0.6;
  const mutationRate = opts.mutationRate ?? 0.3;
  const elite = opts.elite ?? Math.max(1, Math.floor(popSize / 10));
  const trainFraction = opts.trainFraction ?? 0.7;
  const zooSize = opts.zooSize ?? 100;
  const offers = opts.offersPerGeneration ?? 10;
  if (!Number.isInteger(popSize) || popSize < 2) throw new InvalidArgumentError(`population must be an integer >= 2, got ${popSize}`);
  if (!Number.isInteger(generations) || generations < 1) throw new InvalidArgumentError(`generations must be an integer >= 1, got ${generations}`);
  if (!(trainFraction > 0 && trainFraction <= 1)) throw new InvalidArgumentError(`trainFraction must be in (0, 1], got ${trainFraction}`);

  const N = panel.nAssets;
  const trainT = Math.max(2, Math.floor(panel.nDates * trainFraction));
  const cut = trainT * N;
  const label = opts.label ?? forwardReturn(panel, opts.horizon ?? 1);
  if (label.length !== panel.nDates * N) throw new InvalidArgumentError(`label has ${label.length} values, expected ${panel.nDates * N}`);
  const labelTrain = label.subarray(0, cut);
  const zoo = opts.zoo ?? new FactorZoo(panel.dates.slice(0, trainT), (f) => canonicalFormula(f));
  const ev = new FormulaEvaluator(panel, { cacheBytes: 256 * 1024 * 1024 });
  const fitnessCache = new Map<string, number>();
  const offeredBefore = new Set<string>();
  const valuesOf = (tree: FormulaNode): Float64Array | null => {
    try {
      return ev.evaluate(tree);
    } catch (err) {
      if (err instanceof AlphaFactoryError) return null;
      throw err;
    }
  };
  const score = (tree: FormulaNode): Scored => {
    const text = formatFormula(tree);
    let key: string;
    try {
      key = canonicalFormula(tree);
    } catch {
      key = text;
    }
    let fitness = fitnessCache.get(key);
    if (fitness === undefined) {
      const v = valuesOf(tree);
      fitness = 0;
      if (v) {
        const train = v.subarray(0, cut);
        if (finiteRatio(train, labelTrain) >= 0.8) {
          const m = summarizeSeries(dailyRankIC(train, labelTrain, N)).mean;
          fitness = Number.isFinite(m) ? Math.abs(m) : 0;
        }
      }
      fitnessCache.set(key, fitness);
    }
    return { tree, text, fitness };
  };

  let pop: Scored[] = [];
  for (let k = 0; k < popSize; k++) pop.push(score(randomTree(rng, grammar, 1 + rng.int(lim.maxDepth))));
  const history: MinerProgress[] = [];
  for (let gen = 1; gen <= generations; gen++) {
    pop.sort((a, b) => b.fitness - a.fitness || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    // offer the best distinct formulas to the zoo
    const seen = new Set<string>();
    let offered = 0;
    for (const s of pop) {
      if (offered >= offers || zoo.size >= zooSize || s.fitness <= 0) break;
      if (seen.has(s.text) || offeredBefore.has(s.text)) continue;
      seen.add(s.text);
      offeredBefore.add(s.text);
      offered++;
      const v = valuesOf(s.tree);
      if (!v) continue;
      let train = v.slice(0, cut);
      let tree = s.tree;
      const icMean = summarizeSeries(dailyRankIC(train, labelTrain, N)).mean;
      if (icMean < 0) {
        tree = s.tree.kind === 'call' && s.tree.op === 'neg' ? s.tree.args[0] : call('neg', s.tree);
        train = train.map((x) => -x);
      }
      const text = formatFormula(tree);
      if (zoo.findFormula(text)) continue;
      zoo.consider(
        zooEntryFromFactor(text, train, labelTrain, N, {
          provenance: { seed: opts.seed, source: 'miner', jobId: opts.jobId, dataHash: panel.source?.sha256 },
          tags: ['mined'],
        }),
        opts.admission,
      );
    }
    const progress: MinerProgress = {
      generation: gen,
      generations,
      evaluated: fitnessCache.size,
      zooSize: zoo.size,
      bestFitness: pop[0].fitness,
      bestFormula: pop[0].text,
    };
    history.push(progress);
    opts.onProgress?.(progress);
    if (zoo.size >= zooSize || gen === generations) break;
    // next generation
    const next: Scored[] = [];
    const eliteSeen = new Set<string>();
    for (const s of pop) {
      if (next.length >= elite) break;
      if (eliteSeen.has(s.text)) continue;
      eliteSeen.add(s.text);
      next.push(s);
    }
    const tournament = (): Scored => {
      let best = pop[rng.int(pop.length)];
      for (let k = 1; k < 3; k++) {
        const c = pop[rng.int(pop.length)];
        if (c.fitness > best.fitness) best = c;
      }
      return best;
    };
    while (next.length < popSize) {
      const r = rng.uniform();
      let child: FormulaNode;
      if (r < crossoverRate) child = crossover(rng, grammar, tournament().tree, tournament().tree, lim);
      else if (r < crossoverRate + mutationRate) child = mutate(rng, grammar, tournament().tree, lim);
      else child = tournament().tree;
      let scored = score(child);
      // keep the population diverse: a duplicate becomes a fresh random formula
      if (next.some((x) => x.text === scored.text)) scored = score(randomTree(rng, grammar, 1 + rng.int(lim.maxDepth)));
      next.push(scored);
    }
    pop = next;
  }
  pop.sort((a, b) => b.fitness - a.fitness);
  const top: MinedFormula[] = [];
  const s2 = new Set<string>();
  for (const p of pop) {
    if (top.length >= 10) break;
    if (s2.has(p.text)) continue;
    s2.add(p.text);
    top.push({ formula: p.text, fitness: p.fitness });
  }
  return new MiningResult(zoo, history, fitnessCache.size, top, trainT);
}
