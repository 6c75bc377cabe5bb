import { systemClock, type Clock } from '../risk/clock';
import { unrealizedPnl, type StrategyStatus } from './strategy';

export interface DailyReport {
  /** UTC date of the clock, YYYY-MM-DD. */
  date: string;
  totalPnl: number;
  totalAllocation: number;
  strategies: { name: string; state: string; pnl: number; positions: number; allocation: number }[];
  issues: string[];
}

/**
 * Health check (the reference's `_health_check`): a strategy in ERROR, or one whose last
 * heartbeat/signal is 24 hours old or more, is an issue.
 */
export function healthCheck(strategies: readonly StrategyStatus[], clock: Clock = systemClock, staleHours = 24): string[] {
  const now = clock();
  const issues: string[] = [];
  for (const s of strategies) {
    if (s.state === 'ERROR') issues.push(`${s.name}: in ERROR state`);
    const hours = (now - s.lastHeartbeat) / 3_600_000;
    if (hours >= staleHours) issues.push(`${s.name}: no signal for ${hours.toFixed(1)} hours`);
  }
  return issues;
}

/**
 * The daily report (the reference's `_generate_daily_report` plus the health check): date, total
 * PnL (realised + unrealised), per strategy state, PnL, number of positions and allocation.
 */
export function dailyReport(strategies: readonly StrategyStatus[], clock: Clock = systemClock): DailyReport {
  const rows = strategies.map((s) => ({
    name: s.name,
    state: s.state,
    pnl: s.realizedPnl + unrealizedPnl(s),
    positions: s.positions.filter((p) => p.quantity !== 0).length,
    allocation: s.allocation,
  }));
  return {
    date: new Date(clock()).toISOString().slice(0, 10),
    totalPnl: rows.reduce((a, r) => a + r.pnl, 0),
    totalAllocation: rows.reduce((a, r) => a + r.allocation, 0),
    strategies: rows,
    issues: healthCheck(strategies, clock),
  };
}

/** The report as text, one line per strategy, then the issues. */
export function formatDailyReport(r: DailyReport): string {
  const lines = [`Daily report ${r.date}: total PnL ${r.totalPnl.toFixed(2)}, allocated ${(r.totalAllocation * 100).toFixed(1)}%`];
  for (const s of r.strategies) lines.push(`  ${s.name.padEnd(22)} ${s.state.padEnd(8)} PnL ${s.pnl.toFixed(2).padStart(14)}  positions ${s.positions}  allocation ${(s.allocation * 100).toFixed(1)}%`);
  lines.push(r.issues.length ? `daily check: ${r.issues.length} issue(s) found` : 'daily check: no issues');
  for (const i of r.issues) lines.push(`  - ${i}`);
  return lines.join('\n');
}
