/** Run state of a strategy process (the reference's StrategyState). */
export type StrategyState = 'IDLE' | 'RUNNING' | 'PAUSED' | 'ERROR';

/** A position of a strategy in one symbol. */
export interface Position {
  symbol: string;
  /** Signed quantity (negative = short). */
  quantity: number;
  currentPrice: number;
  unrealizedPnl?: number;
}

/** What the ops layer tracks about one running strategy. */
export interface StrategyStatus {
  name: string;
  type?: string;
  state: StrategyState;
  allocatedCapital: number;
  /** Fraction of total capital. */
  allocation: number;
  realizedPnl: number;
  positions: Position[];
  /** Time of the last signal or heartbeat (ms), from the ops clock. */
  lastHeartbeat: number;
}

/** Gross exposure sum |quantity x price|. */
export function grossExposure(s: StrategyStatus): number {
  return s.positions.reduce((a, p) => a + Math.abs(p.quantity * p.currentPrice), 0);
}

/** Long and short exposure (both >= 0) and net exposure. */
export function exposures(s: StrategyStatus): { long: number; short: number; net: number } {
  let long = 0;
  let short = 0;
  for (const p of s.positions) {
    const v = p.quantity * p.currentPrice;
    if (v > 0) long += v;
    else short -= v;
  }
  return { long, short, net: long - short };
}

/** Unrealised PnL summed over positions (0 when not given). */
export function unrealizedPnl(s: StrategyStatus): number {
  return s.positions.reduce((a, p) => a + (p.unrealizedPnl ?? 0), 0);
}
