import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import { systemClock, type Clock } from '../risk/clock';

/** The seven lifecycle stages of a strategy. */
export const LIFECYCLE_STAGES = ['DEVELOPMENT', 'PAPER_TRADING', 'INCUBATION', 'PRODUCTION', 'DEGRADED', 'SUSPENDED', 'RETIRED'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The allowed moves (the reference's ALLOWED_TRANSITIONS); RETIRED is terminal. */
export const ALLOWED_TRANSITIONS: Readonly<Record<LifecycleStage, readonly LifecycleStage[]>> = Object.freeze({
  DEVELOPMENT: ['PAPER_TRADING'],
  PAPER_TRADING: ['INCUBATION', 'DEVELOPMENT'],
  INCUBATION: ['PRODUCTION', 'PAPER_TRADING'],
  PRODUCTION: ['DEGRADED', 'SUSPENDED'],
  DEGRADED: ['PRODUCTION', 'SUSPENDED', 'RETIRED'],
  SUSPENDED: ['PRODUCTION', 'RETIRED'],
  RETIRED: [],
});

/**
 * Promotion and demotion criteria (defaults from the reference's configuration). Drawdowns are
 * positive fractions (0.10 = 10 %). Promotion needs `>=` on days, Sharpe, trades and profit factor
 * and `<=` on drawdown; degradation fires on Sharpe `<`, drawdown `>` or `consecutiveLossDays >=`.
 */
export interface LifecycleCriteria {
  paperToIncubation: { minDays: number; minSharpe: number; minTrades: number; maxDrawdown: number };
  incubationToProduction: { minDays: number; minSharpe: number; minProfitFactor: number; maxDrawdown: number };
  productionToDegraded: { rollingSharpeBelow: number; consecutiveLossDays: number; drawdownExceeds: number };
  /** Our extension (the reference has no automatic way back): DEGRADED -> PRODUCTION when all hold. */
  degradedToProduction: { minDays: number; minSharpe: number; maxDrawdown: number };
}

export const DEFAULT_LIFECYCLE_CRITERIA: LifecycleCriteria = {
  paperToIncubation: { minDays: 30, minSharpe: 1.5, minTrades: 100, maxDrawdown: 0.1 },
  incubationToProduction: { minDays: 14, minSharpe: 1.0, minProfitFactor: 1.5, maxDrawdown: 0.08 },
  productionToDegraded: { rollingSharpeBelow: 0.5, consecutiveLossDays: 5, drawdownExceeds: 0.15 },
  degradedToProduction: { minDays: 7, minSharpe: 1.0, maxDrawdown: 0.08 },
};

/** What auto-evaluation reads about a strategy. */
export interface StagePerformance {
  /** (Rolling) annualised Sharpe ratio. */
  sharpe: number;
  /** Maximum drawdown in the stage, positive fraction. */
  maxDrawdown: number;
  /** Current drawdown, positive fraction. */
  currentDrawdown: number;
  trades: number;
  profitFactor: number;
  /** Losing days in a row up to now. */
  consecutiveLossDays: number;
}

export interface StageChange {
  stage: LifecycleStage;
  previous: LifecycleStage | null;
  time: number;
  reason: string;
}

interface Entry {
  name: string;
  stage: LifecycleStage;
  createdAt: number;
  history: StageChange[];
  metadata: Record<string, unknown>;
}

export interface LifecyclePayload {
  kind: 'lifecycle';
  version: 1;
  stages: readonly string[];
  transitions: Record<string, readonly string[]>;
  strategies: {
    name: string;
    stage: LifecycleStage;
    days_in_stage: number;
    total_age_days: number;
    allowed_next: LifecycleStage[];
    history: { stage: LifecycleStage; previous: LifecycleStage | null; time: string; reason: string }[];
  }[];
}

const DAY = 86_400_000;

/**
 * Strategy lifecycle with the seven stages, only the allowed transitions, and automatic
 * promotion/demotion on every criterion (days in stage, Sharpe, drawdown, trades, profit factor,
 * consecutive loss days). Time comes from the injected clock.
 */
export class StrategyLifecycleManager {
  private entries = new Map<string, Entry>();
  readonly criteria: LifecycleCriteria;

  constructor(private readonly clock: Clock = systemClock, criteria: Partial<LifecycleCriteria> = {}) {
    this.criteria = { ...DEFAULT_LIFECYCLE_CRITERIA, ...criteria };
  }

  /** Registers a strategy in DEVELOPMENT. */
  register(name: string, metadata: Record<string, unknown> = {}): void {
    if (!name) throw new InvalidArgumentError('strategy name must be non-empty');
    if (this.entries.has(name)) throw new InvalidArgumentError(`strategy "${name}" is already registered`);
    const now = this.clock();
    this.entries.set(name, { name, stage: 'DEVELOPMENT', createdAt: now, metadata, history: [{ stage: 'DEVELOPMENT', previous: null, time: now, reason: 'new registration' }] });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  stage(name: string): LifecycleStage {
    return this.get(name).stage;
  }

  history(name: string): StageChange[] {
    return this.get(name).history.slice();
  }

  /** Whether `from -> to` is in the transition table. */
  static canTransition(from: LifecycleStage, to: LifecycleStage): boolean {
    return ALLOWED_TRANSITIONS[from].includes(to);
  }

  /**
   * Moves a strategy to `target` if the table allows it and returns true; an illegal move changes
   * nothing and returns false. An unknown strategy or stage is an error.
   */
  transition(name: string, target: LifecycleStage, reason: string): boolean {
    const e = this.get(name);
    if (!LIFECYCLE_STAGES.includes(target)) throw new InvalidArgumentError(`unknown lifecycle stage "${String(target)}"`);
    if (!StrategyLifecycleManager.canTransition(e.stage, target)) return false;
    e.history.push({ stage: target, previous: e.stage, time: this.clock(), reason });
    e.stage = target;
    return true;
  }

  /** Whole days since the last stage change. */
  daysInStage(name: string): number {
    const e = this.get(name);
    return Math.floor((this.clock() - e.history[e.history.length - 1].time) / DAY);
  }

  /**
   * Applies the automatic rules for the current stage and returns the change made (or null):
   * PAPER_TRADING -> INCUBATION, INCUBATION -> PRODUCTION, PRODUCTION -> DEGRADED and
   * DEGRADED -> PRODUCTION (recovery). Other stages move only by hand.
   */
  autoEvaluate(name: string, perf: StagePerformance): StageChange | null {
    const e = this.get(name);
    const days = this.daysInStage(name);
    const c = this.criteria;
    const dd = Math.abs(perf.maxDrawdown);
    const cur = Math.abs(perf.currentDrawdown);
    let target: LifecycleStage | null = null;
    let reason = '';
    if (e.stage === 'PAPER_TRADING') {
      const k = c.paperToIncubation;
      if (days >= k.minDays && perf.sharpe >= k.minSharpe && perf.trades >= k.minTrades && dd <= k.maxDrawdown) {
        target = 'INCUBATION';
        reason = `auto-promotion: ${days} days, Sharpe ${perf.sharpe.toFixed(2)}, ${perf.trades} trades, max drawdown ${(dd * 100).toFixed(1)}%`;
      }
    } else if (e.stage === 'INCUBATION') {
      const k = c.incubationToProduction;
      if (days >= k.minDays && perf.sharpe >= k.minSharpe && perf.profitFactor >= k.minProfitFactor && dd <= k.maxDrawdown) {
        target = 'PRODUCTION';
        reason = `auto-promotion: ${days} days, Sharpe ${perf.sharpe.toFixed(2)}, profit factor ${perf.profitFactor.toFixed(2)}, max drawdown ${(dd * 100).toFixed(1)}%`;
      }
    } else if (e.stage === 'PRODUCTION') {
      const k = c.productionToDegraded;
      const why: string[] = [];
      if (perf.sharpe < k.rollingSharpeBelow) why.push(`rolling Sharpe ${perf.sharpe.toFixed(2)} < ${k.rollingSharpeBelow}`);
      if (perf.consecutiveLossDays >= k.consecutiveLossDays) why.push(`${perf.consecutiveLossDays} consecutive loss days`);
      if (cur > k.drawdownExceeds) why.push(`drawdown ${(cur * 100).toFixed(1)}% > ${(k.drawdownExceeds * 100).toFixed(0)}%`);
      if (why.length) {
        target = 'DEGRADED';
        reason = `auto-demotion: ${why.join(', ')}`;
      }
    } else if (e.stage === 'DEGRADED') {
      const k = c.degradedToProduction;
      const d = c.productionToDegraded;
      if (days >= k.minDays && perf.sharpe >= k.minSharpe && cur <= k.maxDrawdown && perf.consecutiveLossDays < d.consecutiveLossDays) {
        target = 'PRODUCTION';
        reason = `auto-recovery: ${days} days, Sharpe ${perf.sharpe.toFixed(2)}, drawdown ${(cur * 100).toFixed(1)}%`;
      }
    }
    if (!target) return null;
    this.transition(name, target, reason);
    return e.history[e.history.length - 1];
  }

  /** Status of every strategy (the reference's get_status_report). */
  statusReport(): { strategy: string; stage: LifecycleStage; daysInStage: number; totalAgeDays: number; transitions: number }[] {
    return [...this.entries.values()].map((e) => ({
      strategy: e.name,
      stage: e.stage,
      daysInStage: this.daysInStage(e.name),
      totalAgeDays: Math.floor((this.clock() - e.createdAt) / DAY),
      transitions: e.history.length - 1,
    }));
  }

  toPayload(): LifecyclePayload {
    return {
      kind: 'lifecycle',
      version: 1,
      stages: LIFECYCLE_STAGES,
      transitions: { ...ALLOWED_TRANSITIONS },
      strategies: [...this.entries.values()].map((e) => ({
        name: e.name,
        stage: e.stage,
        days_in_stage: this.daysInStage(e.name),
        total_age_days: Math.floor((this.clock() - e.createdAt) / DAY),
        allowed_next: [...ALLOWED_TRANSITIONS[e.stage]],
        history: e.history.map((h) => ({ stage: h.stage, previous: h.previous, time: new Date(h.time).toISOString(), reason: h.reason })),
      })),
    };
  }

  toString(): string {
    return ['Strategy lifecycle:', ...this.statusReport().map((s) => `  ${s.strategy.padEnd(20)} ${s.stage.padEnd(14)} ${s.daysInStage} days in stage, ${s.transitions} transitions`)].join('\n');
  }

  private get(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new AlphaFactoryError('unknown_strategy', `unknown strategy "${name}"`);
    return e;
  }
}
