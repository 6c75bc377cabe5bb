import { InvalidArgumentError } from '../errors';

/**
 * When to rebalance: every period ('daily'), on the first trading date of each ISO week
 * ('weekly') or calendar month ('monthly') or quarter ('quarterly'), every n-th period
 * (`{ every: n }`), or at explicit date indices (`{ at: [...] }`). The first date always rebalances.
 */
export type RebalanceSchedule = 'daily' | 'weekly' | 'monthly' | 'quarterly' | { every: number } | { at: readonly number[] };

/** A mask with 1 where the schedule rebalances, for T dates (ISO `YYYY-MM-DD` strings for calendar schedules). */
export function rebalanceMask(schedule: RebalanceSchedule, T: number, dates?: readonly string[]): Uint8Array {
  const m = new Uint8Array(T);
  if (T === 0) return m;
  if (schedule === 'daily') return m.fill(1);
  if (typeof schedule === 'object' && 'every' in schedule) {
    const n = schedule.every;
    if (!(n >= 1) || !Number.isInteger(n)) throw new InvalidArgumentError(`rebalance every must be an integer >= 1, got ${n}`);
    for (let t = 0; t < T; t += n) m[t] = 1;
    return m;
  }
  if (typeof schedule === 'object' && 'at' in schedule) {
    for (const t of schedule.at) {
      if (!(Number.isInteger(t) && t >= 0 && t < T)) throw new InvalidArgumentError(`rebalance index ${t} is outside 0..${T - 1}`);
      m[t] = 1;
    }
    m[0] = 1;
    return m;
  }
  if (!dates || dates.length !== T) throw new InvalidArgumentError(`a '${String(schedule)}' schedule needs ${T} ISO dates`);
  const key = (d: string): string => {
    const dt = new Date(d + (d.length === 10 ? 'T00:00:00Z' : ''));
    if (Number.isNaN(dt.getTime())) throw new InvalidArgumentError(`rebalance schedule: "${d}" is not an ISO date`);
    if (schedule === 'monthly') return d.slice(0, 7);
    if (schedule === 'quarterly') return `${dt.getUTCFullYear()}Q${Math.floor(dt.getUTCMonth() / 3)}`;
    if (schedule === 'weekly') {
      const day = (dt.getUTCDay() + 6) % 7;
      return String(Math.floor(dt.getTime() / 86_400_000) - day);
    }
    throw new InvalidArgumentError(`unknown rebalance schedule ${JSON.stringify(schedule)}`);
  };
  let prev = '';
  for (let t = 0; t < T; t++) {
    const k = key(dates[t]);
    if (k !== prev) m[t] = 1;
    prev = k;
  }
  return m;
}
