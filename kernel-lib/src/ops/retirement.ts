import { InvalidArgumentError } from '../errors';
import { systemClock, type Clock } from '../risk/clock';
import type { Order } from '../risk/orders';
import type { StrategyLifecycleManager } from './lifecycle';
import type { StrategyStatus } from './strategy';

export interface RetirementRecord {
  strategy: string;
  reason: string;
  startedAt: string;
  completedAt: string;
  positionsClosed: { symbol: string; quantity: number; price: number; scheduledAt: string; ok: boolean; error?: string }[];
  finalPnl: number;
  recoveredCapital: number;
  stage: string;
}

/**
 * Retires a strategy in the reference's four steps, ending in RETIRED: (1) state PAUSED, no new
 * orders; (2) every position is closed with a limit order at its current price through `execute`,
 * spaced `spacingMs` apart on the clock (default 1 s; simulated, no real waiting); a failed close is
 * recorded and the others continue; (3) the allocated capital is taken back; (4) state IDLE and
 * lifecycle stage RETIRED (via SUSPENDED when the strategy is in PRODUCTION). A strategy in
 * DEVELOPMENT, PAPER_TRADING or INCUBATION cannot be retired (the transition table has no path).
 */
export function retireStrategy(
  s: StrategyStatus,
  lifecycle: StrategyLifecycleManager,
  reason: string,
  execute: (o: Order) => void,
  opts: { clock?: Clock; spacingMs?: number } = {},
): RetirementRecord {
  const clock = opts.clock ?? systemClock;
  const spacing = opts.spacingMs ?? 1000;
  const from = lifecycle.stage(s.name);
  if (!['PRODUCTION', 'DEGRADED', 'SUSPENDED'].includes(from)) {
    throw new InvalidArgumentError(`strategy "${s.name}" is in ${from}; only PRODUCTION, DEGRADED or SUSPENDED strategies can be retired`);
  }
  const start = clock();
  s.state = 'PAUSED';
  const closed: RetirementRecord['positionsClosed'] = [];
  s.positions.forEach((p, k) => {
    if (p.quantity === 0) return;
    const order: Order = { strategy: s.name, symbol: p.symbol, side: p.quantity > 0 ? 'sell' : 'buy', quantity: Math.abs(p.quantity), price: p.currentPrice, type: 'limit' };
    const at = new Date(start + k * spacing).toISOString();
    try {
      execute(order);
      closed.push({ symbol: p.symbol, quantity: -p.quantity, price: p.currentPrice, scheduledAt: at, ok: true });
    } catch (err) {
      closed.push({ symbol: p.symbol, quantity: -p.quantity, price: p.currentPrice, scheduledAt: at, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
  s.positions = s.positions.filter((p) => !closed.some((c) => c.ok && c.symbol === p.symbol));
  const recovered = s.allocatedCapital;
  s.allocatedCapital = 0;
  s.allocation = 0;
  s.state = 'IDLE';
  if (from === 'PRODUCTION') lifecycle.transition(s.name, 'SUSPENDED', `retirement: ${reason}`);
  lifecycle.transition(s.name, 'RETIRED', reason);
  const stage = lifecycle.stage(s.name);
  const end = start + Math.max(0, s.positions.length + closed.length - 1) * spacing;
  return {
    strategy: s.name,
    reason,
    startedAt: new Date(start).toISOString(),
    completedAt: new Date(end).toISOString(),
    positionsClosed: closed,
    finalPnl: s.realizedPnl,
    recoveredCapital: recovered,
    stage,
  };
}
