/**
 * The kill switch: monitors alphas day by day, ramps the weight of a failing alpha down
 * gradually instead of cutting it, and keeps an audit log of every decision.
 *
 * On the first date an alpha fails any health check (health.ts) its weight multiplier starts
 * falling linearly from 1 to 0 over `rampDays` dates (1 - k / rampDays on the k-th date
 * after the kill); when it reaches 0 the alpha is retired. Each kill and each retirement is
 * logged with the date, reasons and measured figures, and sent to `onAlert`. When a
 * `FactorZoo` is attached, killed alphas become `decaying` and then `retired` there, with
 * the reasons as the status-change reason.
 */
import type { FactorZoo } from '../zoo/zoo';
import { assessHealth, type HealthReport, type KillReason, type KillThresholds, type MonitoredAlpha } from './health';
import { InvalidArgumentError } from '../../errors';

export interface AuditEntry {
  date: string;
  t: number;
  id: string;
  action: 'kill' | 'retire';
  reasons: KillReason[];
  figures: { sharpe: number | null; drawdown: number | null; maxCorrelation: number | null; pValue: number | null };
  message: string;
}

export interface KillSwitchOptions {
  thresholds?: Partial<KillThresholds>;
  /** Dates over which a killed alpha's weight falls to 0 (default 5). */
  rampDays?: number;
  zoo?: FactorZoo;
  onAlert?: (message: string) => void;
}

const jn = (x: number) => (Number.isFinite(x) ? x : null);

export class KillSwitch {
  readonly auditLog: AuditEntry[] = [];
  private readonly killedAt = new Map<string, number>();
  private readonly retired = new Set<string>();
  private readonly rampDays: number;

  constructor(private readonly opts: KillSwitchOptions = {}) {
    this.rampDays = opts.rampDays ?? 5;
    if (!Number.isInteger(this.rampDays) || this.rampDays < 1) throw new InvalidArgumentError(`rampDays must be an integer >= 1, got ${this.rampDays}`);
  }

  /** Weight multiplier of an alpha on date t (1 = untouched, 0 = retired). */
  multiplier(id: string, t: number): number {
    const k = this.killedAt.get(id);
    if (k === undefined || t < k) return 1;
    return Math.max(0, 1 - (t - k + 1) / this.rampDays);
  }

  isRetired(id: string): boolean {
    return this.retired.has(id);
  }

  /** Check every alpha not yet killed on date t; returns the health reports. */
  step(alphas: readonly MonitoredAlpha[], t: number, date: string = `#${t}`): HealthReport[] {
    const live = alphas.filter((a) => !this.killedAt.has(a.id));
    const reports = live.length > 0 ? assessHealth(alphas, t, date, this.opts.thresholds).filter((r) => !this.killedAt.has(r.id)) : [];
    for (const r of reports) {
      if (r.reasons.length === 0) continue;
      this.killedAt.set(r.id, t);
      this.log('kill', r, t, date, `alpha ${r.id} killed: ${r.reasons.join(', ')} (weight ramps to 0 over ${this.rampDays} days)`);
      if (this.opts.zoo?.has(r.id)) this.opts.zoo.setStatus(r.id, 'decaying', `kill switch: ${r.reasons.join(', ')}`, date);
    }
    for (const [id, k] of this.killedAt) {
      if (!this.retired.has(id) && this.multiplier(id, t) === 0) {
        this.retired.add(id);
        const reasons = this.auditLog.find((e) => e.id === id && e.action === 'kill')?.reasons ?? [];
        const rep: HealthReport = { id, reasons, sharpe: NaN, drawdown: NaN, maxCorrelation: NaN, correlatedWith: null, pValue: NaN, days: t - k };
        this.log('retire', rep, t, date, `alpha ${id} retired: ${reasons.join(', ')}`);
        if (this.opts.zoo?.has(id)) this.opts.zoo.setStatus(id, 'retired', `kill switch: ${reasons.join(', ')}`, date);
      }
    }
    return reports;
  }

  /**
   * Run over dates `from..to` (inclusive) and return the weight multipliers, one row per date
   * (t * nAlphas + a), to scale combiner weights with.
   */
  run(alphas: readonly MonitoredAlpha[], from: number, to: number, dates?: readonly string[]): Float64Array {
    const out = new Float64Array((to + 1) * alphas.length).fill(1);
    for (let t = from; t <= to; t++) {
      this.step(alphas, t, dates?.[t] ?? `#${t}`);
      alphas.forEach((a, j) => (out[t * alphas.length + j] = this.multiplier(a.id, t)));
    }
    return out;
  }

  private log(action: 'kill' | 'retire', r: HealthReport, t: number, date: string, message: string): void {
    this.auditLog.push({
      date,
      t,
      id: r.id,
      action,
      reasons: r.reasons.slice(),
      figures: { sharpe: jn(r.sharpe), drawdown: jn(r.drawdown), maxCorrelation: jn(r.maxCorrelation), pValue: jn(r.pValue) },
      message,
    });
    this.opts.onAlert?.(message);
  }
}
