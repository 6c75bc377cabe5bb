/**
 * CPU factor miner: seeded genetic programming over the formula DSL.
 *
 * 1. A population of random formula trees (grammar.ts, trees.ts).
 * 2. Fitness of a formula = the absolute value of `metric` over the daily series against the
 *    label on the training dates (the first `trainFraction` of the panel), as the GPU worker's
 *    miner defines it: 'IC' |mean daily Pearson IC|, 'RankIC' (default) |mean daily Spearman
 *    RankIC|, 'ICIR' |mean / std (ddof 1) of the daily IC|, 'RankICIR' the same of the daily
 *    RankIC (metrics/ic.ts and metrics/summary.ts); formulas whose values are finite on fewer
 *    than 80% of label cells, that fail to evaluate, or whose metric is not finite score 0.
 *    Fitness is cached by canonical formula, so re-discovered formulas cost nothing;
 *    sub-formulas share the evaluator's cache.
 * 3. Each generation, the best formulas are offered to the factor zoo with AlphaForge's
 *    admission rules (|IC| > 0.03, ICIR >= 0.1, factor-return |corr| <= 0.7 to members, finite
 *    ratio >= 0.8, uniqueness >= 0.01), measured on the training dates; a formula whose metric
 *    is negative enters as its negation so that every member's metric is positive.
 * 4. The next generation: elites, then tournament selection (size 3) with crossover
 *    (probability `crossoverRate`), mutation (`mutationRate`) or reproduction.
 * The run stops after `generations` or when the zoo holds `zooSize` factors. The same seed,
 * panel and options give the same zoo. `mineFormulas` runs to the end in one call;
 * `mineFormulasAsync` yields to the event loop between generations (live progress displays in a
 * notebook, cancellation by AbortSignal) and gives the same zoo.
 */
import { Rng } from '../../math/rng';
import type { Panel } from '../../data/panel';
import { FormulaEvaluator } from '../eval';
import { canonicalFormula, formatFormula } from '../dsl';
import { call, type FormulaNode } from '../dsl/ast';
import { dailyIC, RankICScorer } from '../metrics/ic';
import { summarizeSeries } from '../metrics/summary';
import { forwardReturn } from '../metrics/label';
import { finiteRatio } from '../zoo/admission';
import { zooEntryFromFactor } from '../zoo/fromFactor';
import { FactorZoo } from '../zoo/zoo';
import type { AdmissionThresholds } from '../zoo/admission';
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { checkGrammar, DEFAULT_GRAMMAR, type MinerGrammar } from './grammar';
import { crossover, mutate, randomTree, type TreeLimits } from './trees';

/** What the miner maximises (in absolute value) over the training dates. */
export type MinerMetric = 'IC' | 'RankIC' | 'ICIR' | 'RankICIR';
export const MINER_METRICS: readonly MinerMetric[] = ['IC', 'RankIC', 'ICIR', 'RankICIR'];

export interface MinerProgress {
  /** The fitness metric: `bestFitness` is |metric| of `bestFormula`. */
  metric: MinerMetric;
  generation: number;
  generations: number;
  evaluated: number;
  zooSize: number;
  bestFitness: number;
  bestFormula: string;
}

export interface MinerOptions {
  seed: number;
  /** Fitness: |mean IC|, |mean RankIC| (default), |ICIR| or |RankICIR| over the training dates. */
  metric?: MinerMetric;
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

export interface AsyncMinerOptions extends MinerOptions {
  /** Cancels the run between generations; the result then holds the zoo so far, `cancelled: true`. */
  signal?: AbortSignal;
}

export class MiningResult {
  constructor(
    readonly zoo: FactorZoo,
    readonly history: MinerProgress[],
    readonly evaluated: number,
    readonly best: MinedFormula[],
    readonly trainDates: number,
    /** True when an AbortSignal stopped the run before its last generation. */
    readonly cancelled: boolean = false,
    /** The fitness metric of the run. */
    readonly metric: MinerMetric = 'RankIC',
  ) {}

  toString(): string {
    const last = this.history[this.history.length - 1];
    return [
      `Mining: ${this.history.length} generations${this.cancelled ? ' (cancelled)' : ''}, ${this.evaluated} formulas evaluated, ${this.zoo.size} admitted`,
      `  best fitness |${this.metric}| ${last ? last.bestFitness.toFixed(4) : 'n/a'}: ${last?.bestFormula ?? ''}`,
      ...this.zoo.list().slice(0, 10).map((e) => `  + ${e.formula}  (IC ${e.metrics.ic.toFixed(4)}, ICIR ${e.metrics.icir.toFixed(3)})`),
    ].join('\n');
  }
}

interface Scored {
  tree: FormulaNode;
  text: string;
  fitness: number;
}

/**
 * One mining run, advanced a generation at a time so that the synchronous and the
 * asynchronous drivers share every random draw (same seed, same zoo).
 */
class MinerRun {
  private readonly rng: Rng;
  private readonly metric: MinerMetric;
  private readonly grammar: MinerGrammar;
  private readonly popSize: number;
  private readonly generations: number;
  private readonly lim: TreeLimits;
  private readonly crossoverRate: number;
  private readonly mutationRate: number;
  private readonly elite: number;
  private readonly zooSize: number;
  private readonly offers: number;
  private readonly N: number;
  private readonly trainT: number;
  private readonly cut: number;
  private readonly labelTrain: Float64Array;
  /** Daily RankIC against the training label (its ranks computed once). */
  private readonly scorer: RankICScorer;
  private readonly zoo: FactorZoo;
  private readonly ev: FormulaEvaluator;
  private readonly fitnessCache = new Map<string, number>();
  private readonly offeredBefore = new Set<string>();
  private readonly history: MinerProgress[] = [];
  private pop: Scored[] = [];
  private gen = 0;
  /** True once the last generation ran or the zoo is full. */
  done = false;

  constructor(
    private readonly panel: Panel,
    private readonly opts: MinerOptions,
  ) {
    this.rng = new Rng(opts.seed);
    const metric = opts.metric ?? 'RankIC';
    if (!MINER_METRICS.includes(metric)) throw new InvalidArgumentError(`metric must be one of ${MINER_METRICS.join(', ')}, got "${String(metric)}"`);
    this.metric = metric;
    const grammar: MinerGrammar = { ...DEFAULT_GRAMMAR, ...(opts.grammar ?? {}) };
    // fields the panel lacks are left out (vwap stays when the DSL can proxy it from high, low, close)
    const vwapProxy = panel.hasField('high') && panel.hasField('low') && panel.hasField('close');
    grammar.fields = grammar.fields.filter((f) => panel.hasField(f) || (f === 'vwap' && vwapProxy));
    checkGrammar(grammar);
    this.grammar = grammar;
    const popSize = opts.population ?? 50;
    const generations = opts.generations ?? 10;
    this.lim = { maxDepth: opts.maxDepth ?? 4, maxSize: opts.maxSize ?? 20 };
    this.crossoverRate = opts.crossoverRate ?? 0.6;
    this.mutationRate = opts.mutationRate ?? 0.3;
    this.elite = opts.elite ?? Math.max(1, Math.floor(popSize / 10));
    const trainFraction = opts.trainFraction ?? 0.7;
    this.zooSize = opts.zooSize ?? 100;
    this.offers = opts.offersPerGeneration ?? 10;
    if (!Number.isInteger(popSize) || popSize < 2) throw new InvalidArgumentError(`population must be an integer >= 2, got ${popSize}`);
    if (!Number.isInteger(generations) || generations < 1) throw new InvalidArgumentError(`generations must be an integer >= 1, got ${generations}`);
    if (!(trainFraction > 0 && trainFraction <= 1)) throw new InvalidArgumentError(`trainFraction must be in (0, 1], got ${trainFraction}`);
    this.popSize = popSize;
    this.generations = generations;

    this.N = panel.nAssets;
    this.trainT = Math.max(2, Math.floor(panel.nDates * trainFraction));
    this.cut = this.trainT * this.N;
    const label = opts.label ?? forwardReturn(panel, opts.horizon ?? 1);
    if (label.length !== panel.nDates * this.N) throw new InvalidArgumentError(`label has ${label.length} values, expected ${panel.nDates * this.N}`);
    this.labelTrain = label.subarray(0, this.cut);
    this.scorer = new RankICScorer(this.labelTrain, this.N);
    this.zoo = opts.zoo ?? new FactorZoo(panel.dates.slice(0, this.trainT), (f) => canonicalFormula(f));
    this.ev = new FormulaEvaluator(panel, { cacheBytes: 256 * 1024 * 1024 });
  }

  private valuesOf(tree: FormulaNode): Float64Array | null {
    try {
      return this.ev.evaluate(tree);
    } catch (err) {
      if (err instanceof AlphaFactoryError) return null;
      throw err;
    }
  }

  /** The signed metric of training-date factor values (NaN when undefined). */
  private signedMetric(train: Float64Array): number {
    const pearson = this.metric === 'IC' || this.metric === 'ICIR';
    const s = summarizeSeries(pearson ? dailyIC(train, this.labelTrain, this.N) : this.scorer.daily(train));
    return this.metric === 'IC' || this.metric === 'RankIC' ? s.mean : s.ir;
  }

  private score(tree: FormulaNode): Scored {
    const text = formatFormula(tree);
    let key: string;
    try {
      key = canonicalFormula(tree);
    } catch {
      key = text;
    }
    let fitness = this.fitnessCache.get(key);
    if (fitness === undefined) {
      const v = this.valuesOf(tree);
      fitness = 0;
      if (v) {
        const train = v.subarray(0, this.cut);
        if (finiteRatio(train, this.labelTrain) >= 0.8) {
          const m = this.signedMetric(train);
          fitness = Number.isFinite(m) ? Math.abs(m) : 0;
        }
      }
      this.fitnessCache.set(key, fitness);
    }
    return { tree, text, fitness };
  }

  private randomScored(): Scored {
    return this.score(randomTree(this.rng, this.grammar, 1 + this.rng.int(this.lim.maxDepth)));
  }

  /** The next population: elites, then tournament selection with crossover, mutation or reproduction. */
  private breed(): void {
    const { rng, grammar, lim, pop } = this;
    const next: Scored[] = [];
    const eliteSeen = new Set<string>();
    for (const s of pop) {
      if (next.length >= this.elite) break;
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
    while (next.length < this.popSize) {
      const r = rng.uniform();
      let child: FormulaNode;
      if (r < this.crossoverRate) child = crossover(rng, grammar, tournament().tree, tournament().tree, lim);
      else if (r < this.crossoverRate + this.mutationRate) child = mutate(rng, grammar, tournament().tree, lim);
      else child = tournament().tree;
      let scored = this.score(child);
      // keep the population diverse: a duplicate becomes a fresh random formula
      if (next.some((x) => x.text === scored.text)) scored = this.randomScored();
      next.push(scored);
    }
    this.pop = next;
  }

  /** Offer the best distinct formulas of the (sorted) population to the zoo. */
  private offer(): void {
    const { zoo, cut, labelTrain, N, opts } = this;
    const seen = new Set<string>();
    let offered = 0;
    for (const s of this.pop) {
      if (offered >= this.offers || zoo.size >= this.zooSize || s.fitness <= 0) break;
      if (seen.has(s.text) || this.offeredBefore.has(s.text)) continue;
      seen.add(s.text);
      this.offeredBefore.add(s.text);
      offered++;
      const v = this.valuesOf(s.tree);
      if (!v) continue;
      let train = v.slice(0, cut);
      let tree = s.tree;
      if (this.signedMetric(train) < 0) {
        tree = s.tree.kind === 'call' && s.tree.op === 'neg' ? s.tree.args[0] : call('neg', s.tree);
        train = train.map((x) => -x);
      }
      const text = formatFormula(tree);
      if (zoo.findFormula(text)) continue;
      zoo.consider(
        zooEntryFromFactor(text, train, labelTrain, N, {
          provenance: { seed: opts.seed, source: 'miner', jobId: opts.jobId, dataHash: this.panel.source?.sha256 },
          tags: ['mined'],
        }),
        opts.admission,
      );
    }
  }

  /**
   * One generation: the initial population (first call) or the next one bred from the last,
   * offers to the zoo, then a progress event. Sets `done` after the last generation.
   */
  step(): MinerProgress {
    if (this.done) throw new InvalidArgumentError('the mining run has finished');
    this.gen++;
    if (this.gen === 1) {
      for (let k = 0; k < this.popSize; k++) this.pop.push(this.randomScored());
    } else {
      this.breed();
    }
    this.pop.sort((a, b) => b.fitness - a.fitness || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    this.offer();
    const progress: MinerProgress = {
      metric: this.metric,
      generation: this.gen,
      generations: this.generations,
      evaluated: this.fitnessCache.size,
      zooSize: this.zoo.size,
      bestFitness: this.pop[0].fitness,
      bestFormula: this.pop[0].text,
    };
    this.history.push(progress);
    if (this.zoo.size >= this.zooSize || this.gen === this.generations) this.done = true;
    this.opts.onProgress?.(progress);
    return progress;
  }

  result(cancelled: boolean): MiningResult {
    const sorted = [...this.pop].sort((a, b) => b.fitness - a.fitness);
    const top: MinedFormula[] = [];
    const seen = new Set<string>();
    for (const p of sorted) {
      if (top.length >= 10) break;
      if (seen.has(p.text)) continue;
      seen.add(p.text);
      top.push({ formula: p.text, fitness: p.fitness });
    }
    return new MiningResult(this.zoo, this.history, this.fitnessCache.size, top, this.trainT, cancelled, this.metric);
  }
}

/** Mine formulas synchronously (progress callbacks run inside the call). */
export function mineFormulas(panel: Panel, opts: MinerOptions): MiningResult {
  const run = new MinerRun(panel, opts);
  while (!run.done) run.step();
  return run.result(false);
}

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Mine formulas without holding the event loop: after every generation (and before the
 * first) the run yields with setImmediate, so `onProgress` displays (progressDisplay) reach
 * the notebook while the run goes on, and `signal` can cancel it. A cancelled run resolves
 * with the zoo so far and `cancelled: true`. The same seed and options give the same zoo as
 * `mineFormulas`. In a tslab cell: `const mining = await alpha.mineFormulasAsync(panel, {...})`.
 */
export async function mineFormulasAsync(panel: Panel, opts: AsyncMinerOptions): Promise<MiningResult> {
  const { signal, ...rest } = opts;
  const run = new MinerRun(panel, rest);
  while (!run.done) {
    await nextMacrotask();
    if (signal?.aborted) return run.result(true);
    run.step();
  }
  return run.result(false);
}
