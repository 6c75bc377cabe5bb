import { InvalidArgumentError } from '../errors';
import { jsonNumber } from '../metrics/json';
import { systemClock, utcDayStart, utcWeekStart, type Clock } from './clock';
import { riskLimits, type RiskLimits } from './limits';
import { orderNotional, type Order } from './orders';

/** What the risk manager knows about the book when an order arrives (values in currency). */
export interface PortfolioState {
  /** Gross exposure of all strategies. */
  totalExposure: number;
  /** Gross exposure per strategy. */
  strategyExposures: Record<string, number>;
  /** Position value per strategy per symbol (signed or not; |value| is used). */
  strategyPositions?: Record<string, Record<string, number>>;
  /** Groups of strategies correlated at >= the threshold (see correlatedGroups). */
  correlatedGroups?: string[][];
}

/** The checks, in the order they run. */
export const RISK_CHECKS = [
  'emergency_stop',
  'kill_switch',
  'total_exposure',
  'strategy_exposure',
  'daily_loss',
  'weekly_loss',
  'asset_exposure',
  'correlated_exposure',
] as const;
export type RiskCheck = (typeof RISK_CHECKS)[number];

export interface RiskDecision {
  approved: boolean;
  /** The first check that failed (absent when approved). */
  failedCheck?: RiskCheck;
  reason?: string;
}

export type RiskEventType = 'APPROVED' | 'BLOCKED' | 'REJECTED' | 'EMERGENCY_STOP' | 'RESET' | 'KILL_SWITCH' | 'PNL';

/** One entry of the audit log. */
export interface RiskEvent {
  time: number;
  type: RiskEventType;
  strategy: string;
  check?: RiskCheck;
  reason: string;
  order?: Order;
}

/** One limit's current use, for the Portfolio panel's gauges. */
export interface LimitUtilisation {
  name: string;
  limit: number;
  value: number;
  /** value / limit. */
  utilisation: number;
  breached: boolean;
}

/**
 * Pre-trade risk manager. `validateOrder` runs the checks in this exact order and stops at the
 * first failure:
 * 1. emergency latch (BLOCKED while latched); 1b. kill switch of the strategy (BLOCKED);
 * 2. total exposure `(total + notional) / capital > maxTotalExposure` (0.80);
 * 3. strategy exposure `(strategy + notional) / capital > maxStrategyExposure` (0.30);
 * 4. daily loss `max(-PnL today, 0) / capital >= maxDailyLoss` (0.03, UTC day of the clock);
 * 5. weekly loss `max(-PnL this ISO week, 0) / capital >= maxWeeklyLoss` (0.07);
 * 6. asset exposure `(sum_s |position_s(symbol)| + notional) / capital > maxAssetExposure` (0.20);
 * 7. correlated group `(sum of group exposures + notional) / capital > maxCorrelatedExposure` (0.50)
 *    for every group containing the strategy.
 * The notional `quantity x price` always adds to gross exposure (conservative: a reducing trade is
 * checked as if it added risk). `recordPnl` latches the emergency stop when the NET loss since the
 * start or the last `reset` reaches `emergencyStopLoss` (0.10) of capital; the latch blocks every
 * order until `reset(reason)` is called explicitly. Every decision and event goes to `auditLog`.
 */
export class PreTradeRiskManager {
  readonly limits: RiskLimits;
  readonly capital: number;
  private readonly clock: Clock;
  private pnl: { time: number; pnl: number }[] = [];
  private sinceReset = 0;
  private latched = false;
  private killed = new Set<string>();
  private log: RiskEvent[] = [];
  private lastState: PortfolioState = { totalExposure: 0, strategyExposures: {} };

  constructor(capital: number, limits: Partial<RiskLimits> = {}, clock: Clock = systemClock) {
    if (!(capital > 0) || !Number.isFinite(capital)) throw new InvalidArgumentError(`capital must be a positive number, got ${capital}`);
    this.capital = capital;
    this.limits = riskLimits(limits);
    this.clock = clock;
  }

  get emergencyStopped(): boolean {
    return this.latched;
  }

  /** A copy of the audit log, oldest first. */
  get auditLog(): RiskEvent[] {
    return this.log.slice();
  }

  /** Records realised/marked PnL (currency, negative = loss) now; may latch the emergency stop. */
  recordPnl(pnl: number, strategy = 'SYSTEM'): void {
    if (!Number.isFinite(pnl)) throw new InvalidArgumentError(`recordPnl: pnl must be finite, got ${pnl}`);
    const time = this.clock();
    this.pnl.push({ time, pnl });
    this.sinceReset += pnl;
    this.event({ time, type: 'PNL', strategy, reason: `pnl ${pnl}` });
    const loss = Math.max(-this.sinceReset, 0) / this.capital;
    if (!this.latched && loss >= this.limits.emergencyStopLoss) {
      this.latched = true;
      this.event({ time, type: 'EMERGENCY_STOP', strategy: 'SYSTEM', check: 'emergency_stop', reason: `net loss ${pct(loss)} of capital >= ${pct(this.limits.emergencyStopLoss)}` });
    }
  }

  /** Clears the emergency latch (and the loss counted toward it). Needs a reason for the audit log. */
  reset(reason: string): void {
    if (!reason) throw new InvalidArgumentError('reset needs a reason for the audit log');
    this.latched = false;
    this.sinceReset = 0;
    this.event({ time: this.clock(), type: 'RESET', strategy: 'SYSTEM', reason });
  }

  /** Manual kill switch for one strategy (or '*' for all); blocks its orders until `revive`. */
  kill(strategy: string, reason: string): void {
    this.killed.add(strategy);
    this.event({ time: this.clock(), type: 'KILL_SWITCH', strategy, reason });
  }

  revive(strategy: string, reason: string): void {
    this.killed.delete(strategy);
    this.event({ time: this.clock(), type: 'RESET', strategy, reason });
  }

  /** Loss today and this week as fractions of capital (>= 0). */
  losses(): { daily: number; weekly: number; sinceReset: number } {
    const now = this.clock();
    const d0 = utcDayStart(now);
    const w0 = utcWeekStart(now);
    let day = 0;
    let week = 0;
    for (const e of this.pnl) {
      if (e.time >= d0 && e.time <= now) day += e.pnl;
      if (e.time >= w0 && e.time <= now) week += e.pnl;
    }
    return { daily: Math.max(-day, 0) / this.capital, weekly: Math.max(-week, 0) / this.capital, sinceReset: Math.max(-this.sinceReset, 0) / this.capital };
  }

  /** Runs the checks in order; logs APPROVED, REJECTED (a limit) or BLOCKED (latch / kill switch). */
  validateOrder(order: Order, state: PortfolioState): RiskDecision {
    checkOrder(order);
    this.lastState = state;
    const d = this.decide(order, state);
    const type: RiskEventType = d.approved ? 'APPROVED' : d.failedCheck === 'emergency_stop' || d.failedCheck === 'kill_switch' ? 'BLOCKED' : 'REJECTED';
    this.event({ time: this.clock(), type, strategy: order.strategy, check: d.failedCheck, reason: d.reason ?? 'all checks passed', order: { ...order } });
    return d;
  }

  private decide(o: Order, s: PortfolioState): RiskDecision {
    const L = this.limits;
    const C = this.capital;
    const v = orderNotional(o);
    const fail = (failedCheck: RiskCheck, reason: string): RiskDecision => ({ approved: false, failedCheck, reason });
    if (this.latched) return fail('emergency_stop', 'emergency stop is latched (reset required)');
    if (this.killed.has(o.strategy) || this.killed.has('*')) return fail('kill_switch', `kill switch is on for ${this.killed.has('*') ? 'the portfolio' : o.strategy}`);
    const total = (s.totalExposure + v) / C;
    if (total > L.maxTotalExposure) return fail('total_exposure', `total exposure ${pct(total)} > ${pct(L.maxTotalExposure)}`);
    const strat = ((s.strategyExposures[o.strategy] ?? 0) + v) / C;
    if (strat > L.maxStrategyExposure) return fail('strategy_exposure', `strategy exposure ${pct(strat)} > ${pct(L.maxStrategyExposure)}`);
    const loss = this.losses();
    if (loss.daily >= L.maxDailyLoss) return fail('daily_loss', `daily loss ${pct(loss.daily)} >= ${pct(L.maxDailyLoss)}`);
    if (loss.weekly >= L.maxWeeklyLoss) return fail('weekly_loss', `weekly loss ${pct(loss.weekly)} >= ${pct(L.maxWeeklyLoss)}`);
    const asset = (assetExposure(s, o.symbol) + v) / C;
    if (asset > L.maxAssetExposure) return fail('asset_exposure', `asset exposure ${o.symbol} ${pct(asset)} > ${pct(L.maxAssetExposure)}`);
    for (const g of s.correlatedGroups ?? []) {
      if (!g.includes(o.strategy)) continue;
      let sum = v;
      for (const name of g) sum += s.strategyExposures[name] ?? 0;
      if (sum / C > L.maxCorrelatedExposure) return fail('correlated_exposure', `correlated group [${g.join(', ')}] exposure ${pct(sum / C)} > ${pct(L.maxCorrelatedExposure)}`);
    }
    return { approved: true };
  }

  /** Current use of every limit (for the risk-limits payload). */
  utilisation(state: PortfolioState): LimitUtilisation[] {
    const L = this.limits;
    const C = this.capital;
    const loss = this.losses();
    const u = (name: string, limit: number, value: number, inclusive: boolean): LimitUtilisation => ({
      name,
      limit,
      value,
      utilisation: value / limit,
      breached: inclusive ? value >= limit : value > limit,
    });
    const maxOf = (xs: number[]): number => xs.reduce((a, b) => Math.max(a, b), 0);
    const strategies = Object.values(state.strategyExposures);
    const symbols = new Set<string>();
    for (const pos of Object.values(state.strategyPositions ?? {})) for (const k of Object.keys(pos)) symbols.add(k);
    const groups = (state.correlatedGroups ?? []).map((g) => g.reduce((a, n) => a + (state.strategyExposures[n] ?? 0), 0));
    return [
      u('total_exposure', L.maxTotalExposure, state.totalExposure / C, false),
      u('strategy_exposure', L.maxStrategyExposure, maxOf(strategies) / C, false),
      u('daily_loss', L.maxDailyLoss, loss.daily, true),
      u('weekly_loss', L.maxWeeklyLoss, loss.weekly, true),
      u('asset_exposure', L.maxAssetExposure, maxOf([...symbols].map((sym) => assetExposure(state, sym))) / C, false),
      u('correlated_exposure', L.maxCorrelatedExposure, maxOf(groups) / C, false),
      u('emergency_stop_loss', L.emergencyStopLoss, loss.sinceReset, true),
    ];
  }

  /**
   * Payload `risk-limits` v1: limits, utilisation, latch, kill switches and the audit log. Without a
   * state, utilisation is computed on the book of the last order checked (empty before any).
   */
  toPayload(state: PortfolioState = this.lastState, maxEvents = 200): RiskLimitsPayload {
    return {
      kind: 'risk-limits',
      version: 1,
      capital: this.capital,
      emergency_stopped: this.latched,
      killed: [...this.killed],
      limits: this.utilisation(state).map((x) => ({ ...x, value: jsonNumber(x.value) as number, utilisation: jsonNumber(x.utilisation) as number })),
      events: this.log.slice(-maxEvents).map((e) => ({
        time: new Date(e.time).toISOString(),
        type: e.type,
        strategy: e.strategy,
        check: e.check ?? null,
        reason: e.reason,
      })),
    };
  }

  toString(): string {
    const l = this.losses();
    return `PreTradeRiskManager(capital ${this.capital}, ${this.latched ? 'EMERGENCY STOP LATCHED' : 'active'}, daily loss ${pct(l.daily)}, weekly loss ${pct(l.weekly)}, ${this.log.length} audit events)`;
  }

  private event(e: RiskEvent): void {
    this.log.push(e);
  }
}

export interface RiskLimitsPayload {
  kind: 'risk-limits';
  version: 1;
  capital: number;
  emergency_stopped: boolean;
  killed: string[];
  limits: LimitUtilisation[];
  events: { time: string; type: RiskEventType; strategy: string; check: RiskCheck | null; reason: string }[];
}

function assetExposure(s: PortfolioState, symbol: string): number {
  let sum = 0;
  for (const pos of Object.values(s.strategyPositions ?? {})) sum += Math.abs(pos[symbol] ?? 0);
  return sum;
}

function checkOrder(o: Order): void {
  if (!o || typeof o.strategy !== 'string' || typeof o.symbol !== 'string') throw new InvalidArgumentError('order needs a strategy and a symbol');
  if (o.side !== 'buy' && o.side !== 'sell') throw new InvalidArgumentError(`order side must be "buy" or "sell", got ${String(o.side)}`);
  if (!(o.quantity > 0) || !Number.isFinite(o.quantity)) throw new InvalidArgumentError(`order quantity must be > 0, got ${o.quantity}`);
  if (!(o.price > 0) || !Number.isFinite(o.price)) throw new InvalidArgumentError(`order price must be > 0, got ${o.price}`);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
