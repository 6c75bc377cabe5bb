import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import type { Rng } from '../math/rng';
import { systemClock, type Clock } from '../risk/clock';
import { mannWhitneyU, studentTTest, welchTTest, type TestResult } from './abtest-stats';

export interface ABTestConfig {
  /** Share of capital given to the treatment; the control gets 1 - split. Default 0.5. */
  trafficSplit?: number;
  /** Minimum test length in days before a decision; default 14. */
  durationDays?: number;
  /** Minimum trades per arm; default 50. */
  minTrades?: number;
  /** Significance level; default 0.05. */
  alpha?: number;
  /** Which test decides: 'student' (the reference's ttest_ind), 'welch' or 'mann-whitney'; default 'student'. */
  decideBy?: TestResult['test'];
}

export interface ArmMetrics {
  totalPnl: number;
  avgPnl: number;
  /** mean / std (population, as numpy's default) x sqrt(252) of per-trade PnL. */
  sharpe: number;
  winRate: number;
  tradeCount: number;
  /** Largest fall of cumulative PnL from its running peak (currency, >= 0). */
  maxDrawdown: number;
}

export interface ABTestEvaluation {
  id: string;
  status: 'insufficient_data' | 'in_progress' | 'completed';
  control: ArmMetrics;
  treatment: ArmMetrics;
  tests: TestResult[];
  pValue: number;
  significant: boolean;
  /** (treatment mean - control mean) / |control mean| x 100. */
  improvementPct: number;
  recommendation: string;
}

interface Test {
  id: string;
  name: string;
  control: string;
  treatment: string;
  config: Required<ABTestConfig>;
  startedAt: number;
  pnl: { control: number[]; treatment: number[] };
}

function armMetrics(p: number[]): ArmMetrics {
  const n = p.length;
  let sum = 0;
  let wins = 0;
  let peak = 0;
  let cum = 0;
  let mdd = 0;
  for (const x of p) {
    sum += x;
    if (x > 0) wins++;
    cum += x;
    peak = Math.max(peak, cum);
    mdd = Math.max(mdd, peak - cum);
  }
  const mean = n ? sum / n : 0;
  let v = 0;
  for (const x of p) v += (x - mean) ** 2;
  const sd = n ? Math.sqrt(v / n) : 0;
  return { totalPnl: sum, avgPnl: mean, sharpe: sd > 0 ? (mean / sd) * Math.sqrt(252) : 0, winRate: n ? wins / n : 0, tradeCount: n, maxDrawdown: mdd };
}

/** A/B tests between a control and a treatment strategy on per-trade PnL, with an injected clock and Rng for ids. */
export class ABTestManager {
  private tests = new Map<string, Test>();
  constructor(private readonly rng: Rng, private readonly clock: Clock = systemClock) {}

  /** Creates a running test; returns its 8-hex-character id. */
  createTest(name: string, control: string, treatment: string, config: ABTestConfig = {}): { id: string; capital: { control: number; treatment: number } } {
    const c: Required<ABTestConfig> = { trafficSplit: 0.5, durationDays: 14, minTrades: 50, alpha: 0.05, decideBy: 'student', ...config };
    if (!(c.trafficSplit > 0 && c.trafficSplit < 1)) throw new InvalidArgumentError(`trafficSplit must be in (0, 1), got ${c.trafficSplit}`);
    if (!(c.minTrades >= 2)) throw new InvalidArgumentError(`minTrades must be >= 2, got ${c.minTrades}`);
    let id = '';
    do id = Array.from({ length: 8 }, () => '0123456789abcdef'[this.rng.int(16)]).join('');
    while (this.tests.has(id));
    this.tests.set(id, { id, name, control, treatment, config: c, startedAt: this.clock(), pnl: { control: [], treatment: [] } });
    return { id, capital: { control: 1 - c.trafficSplit, treatment: c.trafficSplit } };
  }

  /** Records the PnL of one closed trade of an arm. */
  recordTrade(id: string, arm: 'control' | 'treatment', pnl: number): void {
    if (!Number.isFinite(pnl)) throw new InvalidArgumentError(`trade pnl must be finite, got ${pnl}`);
    this.get(id).pnl[arm].push(pnl);
  }

  /**
   * Evaluates a test: 'insufficient_data' while an arm has fewer than minTrades trades, otherwise
   * the Student, Welch and Mann-Whitney tests; significance by `decideBy` at `alpha`. The status is
   * 'in_progress' until `durationDays` have passed, then 'completed'.
   */
  evaluate(id: string): ABTestEvaluation {
    const t = this.get(id);
    const control = armMetrics(t.pnl.control);
    const treatment = armMetrics(t.pnl.treatment);
    const base = { id, control, treatment };
    if (control.tradeCount < t.config.minTrades || treatment.tradeCount < t.config.minTrades) {
      return { ...base, status: 'insufficient_data', tests: [], pValue: NaN, significant: false, improvementPct: NaN, recommendation: `need at least ${t.config.minTrades} trades per arm (control ${control.tradeCount}, treatment ${treatment.tradeCount})` };
    }
    const tests = [studentTTest(t.pnl.treatment, t.pnl.control), welchTTest(t.pnl.treatment, t.pnl.control), mannWhitneyU(t.pnl.treatment, t.pnl.control)];
    const p = tests.find((x) => x.test === t.config.decideBy)!.pValue;
    const significant = p < t.config.alpha;
    const improvement = ((treatment.avgPnl - control.avgPnl) / Math.abs(control.avgPnl)) * 100;
    const done = this.clock() - t.startedAt >= t.config.durationDays * 86_400_000;
    let recommendation: string;
    if (!significant) recommendation = 'no significant difference: extend the test or keep the current strategy';
    else if (treatment.avgPnl > control.avgPnl) recommendation = `treatment better (${Number.isFinite(improvement) ? improvement.toFixed(1) : 'n/a'}%): adopt the new strategy`;
    else recommendation = 'control better: do not adopt the treatment';
    if (!done) recommendation = `in progress (${t.config.durationDays} days not yet elapsed): ${recommendation}`;
    return { ...base, status: done ? 'completed' : 'in_progress', tests, pValue: p, significant, improvementPct: improvement, recommendation };
  }

  private get(id: string): Test {
    const t = this.tests.get(id);
    if (!t) throw new AlphaFactoryError('unknown_test', `unknown A/B test "${id}"`);
    return t;
  }
}
