import { AlphaFactoryError } from '../errors';
import { drawdownSeries, maxDrawdown } from '../metrics/drawdown';
import { sharpe as sharpeRatio } from '../metrics/ratios';
import { profitFactor } from '../metrics/trades';
import { systemClock, type Clock } from '../risk/clock';
import type { Order } from '../risk/orders';
import { PreTradeRiskManager, type PortfolioState, type RiskDecision } from '../risk/pretrade';
import { AlertManager, type Alert, type ChannelRequest } from './alerts';
import type { OpsConfig } from './config';
import { StrategyLifecycleManager, type StageChange, type StagePerformance } from './lifecycle';
import { StrategyMetricsExporter } from './prometheus';
import { dailyReport, type DailyReport } from './report';
import { grossExposure, exposures, type StrategyStatus } from './strategy';

/**
 * The reference's MultiStrategySystem, simulated: built from an OpsConfig, driven by explicit calls
 * instead of async loops, and timed by an injected clock. It wires the pre-trade risk manager, the
 * lifecycle manager, alerts and the Prometheus exporter around the strategies' states:
 * - `submit(order)`: orders of a strategy that is not RUNNING are blocked; otherwise the risk checks
 *   run in order; an approved order fills at its price; every order and risk event is counted;
 * - `endOfDay(pnl)`: books each strategy's PnL (risk manager, daily return on allocated capital),
 *   updates the gauges, runs the alert rules (drawdown, fill rate, heartbeat) and raises a critical
 *   alert when the emergency stop latches;
 * - `evaluateLifecycle()`: rolling 30-day Sharpe, drawdowns, trades, profit factor and consecutive
 *   loss days feed the automatic lifecycle rules; each change sends an info alert.
 */
export class MultiStrategySystem {
  readonly strategies = new Map<string, StrategyStatus>();
  readonly risk: PreTradeRiskManager;
  readonly lifecycle: StrategyLifecycleManager;
  readonly alerts: AlertManager;
  readonly exporter = new StrategyMetricsExporter();
  private returns = new Map<string, number[]>();
  private trades = new Map<string, number>();
  private wasStopped = false;

  constructor(readonly config: OpsConfig, private readonly clock: Clock = systemClock, transport?: (r: ChannelRequest) => void) {
    const total = config.system.totalCapital;
    this.risk = new PreTradeRiskManager(total, config.riskLimits, clock);
    this.lifecycle = new StrategyLifecycleManager(clock);
    this.alerts = new AlertManager(clock, 300, undefined, transport);
    for (const a of config.alerts) {
      if (a.kind === 'discord') this.alerts.addDiscordWebhook(a.name, a.webhookUrl!);
      else this.alerts.addTelegramBot(a.name, a.botToken!, a.chatId!);
    }
    for (const s of config.strategies) {
      this.strategies.set(s.name, { name: s.name, type: s.type, state: 'IDLE', allocatedCapital: s.capitalRatio * total, allocation: s.capitalRatio, realizedPnl: 0, positions: [], lastHeartbeat: clock() });
      this.lifecycle.register(s.name, { type: s.type, params: s.params });
      this.returns.set(s.name, []);
      this.trades.set(s.name, 0);
    }
  }

  /** Sets every strategy RUNNING (heartbeat now). */
  start(): void {
    for (const s of this.strategies.values()) {
      s.state = 'RUNNING';
      s.lastHeartbeat = this.clock();
    }
  }

  /** The book as the risk manager sees it. */
  portfolioState(groups: string[][] = []): PortfolioState {
    const strategyExposures: Record<string, number> = {};
    const strategyPositions: Record<string, Record<string, number>> = {};
    let total = 0;
    for (const s of this.strategies.values()) {
      strategyExposures[s.name] = grossExposure(s);
      total += strategyExposures[s.name];
      strategyPositions[s.name] = Object.fromEntries(s.positions.map((p) => [p.symbol, p.quantity * p.currentPrice]));
    }
    return { totalExposure: total, strategyExposures, strategyPositions, correlatedGroups: groups };
  }

  /** Risk-checks an order and fills it at its price when approved. */
  submit(order: Order, correlatedGroups: string[][] = []): RiskDecision {
    const s = this.get(order.strategy);
    if (s.state !== 'RUNNING') {
      this.exporter.recordOrder(order.strategy, order.side, 'blocked');
      return { approved: false, reason: `strategy is ${s.state}` };
    }
    const d = this.risk.validateOrder(order, this.portfolioState(correlatedGroups));
    const status = d.approved ? 'filled' : d.failedCheck === 'emergency_stop' || d.failedCheck === 'kill_switch' ? 'blocked' : 'rejected';
    this.exporter.recordOrder(order.strategy, order.side, status, 0);
    if (!d.approved) {
      this.exporter.recordRiskEvent(status === 'blocked' ? 'BLOCKED' : 'REJECTED', order.strategy);
      return d;
    }
    const signed = order.side === 'buy' ? order.quantity : -order.quantity;
    const pos = s.positions.find((p) => p.symbol === order.symbol);
    if (pos) {
      pos.quantity += signed;
      pos.currentPrice = order.price;
    } else s.positions.push({ symbol: order.symbol, quantity: signed, currentPrice: order.price });
    s.positions = s.positions.filter((p) => Math.abs(p.quantity) > 1e-12);
    s.lastHeartbeat = this.clock();
    this.trades.set(s.name, (this.trades.get(s.name) ?? 0) + 1);
    return d;
  }

  /** Marks every position in `symbol` to a new price. */
  markPrice(symbol: string, price: number): void {
    for (const s of this.strategies.values()) for (const p of s.positions) if (p.symbol === symbol) p.currentPrice = price;
  }

  /** Books one day's PnL per strategy (currency), updates gauges and runs the alert rules; returns the alerts sent. */
  endOfDay(pnl: Record<string, number>, fillRate: Record<string, number> = {}): Alert[] {
    const sent: Alert[] = [];
    for (const [name, v] of Object.entries(pnl)) {
      const s = this.get(name);
      s.realizedPnl += v;
      this.risk.recordPnl(v, name);
      this.returns.get(name)!.push(s.allocatedCapital > 0 ? v / s.allocatedCapital : 0);
    }
    if (this.risk.emergencyStopped && !this.wasStopped) {
      this.wasStopped = true;
      this.exporter.recordRiskEvent('EMERGENCY_STOP', 'SYSTEM');
      if (this.alerts.send({ strategy: 'SYSTEM', level: 'critical', message: 'emergency stop latched: every order is blocked until reset' })) sent.push(this.alerts.history.at(-1)!);
    }
    for (const s of this.strategies.values()) {
      const r = this.returns.get(s.name)!;
      const dd = r.length ? -drawdownSeries(r)[r.length - 1] : 0;
      const e = exposures(s);
      const cap = s.allocatedCapital || 1;
      this.exporter.updateStrategy({ strategy: s.name, pnl: s.realizedPnl, longExposure: e.long / cap, shortExposure: e.short / cap, drawdown: dd, allocation: s.allocation });
      sent.push(...this.alerts.evaluate({ strategy: s.name, currentDrawdown: dd, fillRate: fillRate[s.name], lastHeartbeat: s.lastHeartbeat }));
    }
    return sent;
  }

  /** What the lifecycle rules read about a strategy, from its daily returns (30-day rolling Sharpe). */
  stagePerformance(name: string): StagePerformance {
    const r = this.returns.get(name) ?? [];
    const recent = r.slice(-30);
    let sr = 0;
    if (recent.length >= 30) {
      const v = sharpeRatio(recent);
      sr = Number.isFinite(v) ? v : 0;
    }
    let losses = 0;
    for (let i = r.length - 1; i >= 0 && r[i] < 0; i--) losses++;
    return {
      sharpe: sr,
      maxDrawdown: r.length ? -maxDrawdown(r) : 0,
      currentDrawdown: r.length ? -drawdownSeries(r)[r.length - 1] : 0,
      trades: this.trades.get(name) ?? 0,
      profitFactor: r.length ? profitFactor(r) : 0,
      consecutiveLossDays: losses,
    };
  }

  /** Runs the automatic lifecycle rules on every strategy; each change sends an info alert. */
  evaluateLifecycle(): StageChange[] {
    const out: StageChange[] = [];
    for (const name of this.strategies.keys()) {
      const c = this.lifecycle.autoEvaluate(name, this.stagePerformance(name));
      if (!c) continue;
      out.push(c);
      this.alerts.send({ strategy: name, level: 'info', message: `lifecycle: ${c.previous} -> ${c.stage} (${c.reason})` });
    }
    return out;
  }

  dailyReport(): DailyReport {
    return dailyReport([...this.strategies.values()], this.clock);
  }

  private get(name: string): StrategyStatus {
    const s = this.strategies.get(name);
    if (!s) throw new AlphaFactoryError('unknown_strategy', `unknown strategy "${name}"`);
    return s;
  }
}
