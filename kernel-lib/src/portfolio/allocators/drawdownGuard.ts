/**
 * Drawdown guard ladder (multi-strategy reference 3.2): the scale of the last threshold reached.
 * Default ladder 5% -> 0.80, 10% -> 0.50, 15% -> 0.25, 20% -> 0 (stop).
 * Status: scale 0 "stopped", < 0.5 "critical", < 1 "warning", else "normal" (so 10% is a warning).
 */
import { InvalidArgumentError } from '../../errors';

export type GuardStatus = 'normal' | 'warning' | 'critical' | 'stopped';

export const DEFAULT_LADDER: readonly (readonly [number, number])[] = [
  [0.05, 0.8],
  [0.1, 0.5],
  [0.15, 0.25],
  [0.2, 0],
];

const RECOMMENDATION: Record<GuardStatus, string> = {
  normal: 'normal operation',
  warning: 'capital reduced; monitor recent performance',
  critical: 'major reduction; review the parameters',
  stopped: 'auto-stopped; manual review before restart',
};

export class DrawdownGuard {
  readonly ladder: readonly (readonly [number, number])[];

  constructor(ladder: readonly (readonly [number, number])[] = DEFAULT_LADDER) {
    for (let k = 1; k < ladder.length; k++) {
      if (!(ladder[k][0] > ladder[k - 1][0])) throw new InvalidArgumentError('drawdown ladder thresholds must increase');
    }
    this.ladder = ladder.map(([a, b]) => [a, b] as const);
  }

  /** Scale for a drawdown given as a positive fraction (0.12 = 12%). */
  scalingFactor(drawdown: number): number {
    if (Number.isNaN(drawdown)) throw new InvalidArgumentError('drawdown is NaN');
    const dd = Math.abs(drawdown);
    let scale = 1;
    for (const [threshold, s] of this.ladder) if (dd >= threshold) scale = s;
    return scale;
  }

  status(drawdown: number): GuardStatus {
    const s = this.scalingFactor(drawdown);
    return s === 0 ? 'stopped' : s < 0.5 ? 'critical' : s < 1 ? 'warning' : 'normal';
  }

  evaluate(strategy: string, drawdown: number, currentAllocation: number): {
    strategy: string; drawdown: number; scalingFactor: number; adjustedAllocation: number; status: GuardStatus; recommendation: string;
  } {
    const scalingFactor = this.scalingFactor(drawdown);
    const status = this.status(drawdown);
    return { strategy, drawdown, scalingFactor, adjustedAllocation: currentAllocation * scalingFactor, status, recommendation: RECOMMENDATION[status] };
  }
}
