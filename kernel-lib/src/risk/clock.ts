/**
 * An injectable clock: returns "now" in milliseconds since the epoch. Everything time-dependent in
 * the risk and ops modules (daily/weekly loss windows, cooldowns, days in a lifecycle stage) reads
 * time through one, so tests and simulations drive time explicitly.
 */
export type Clock = () => number;

/** The wall clock. */
export const systemClock: Clock = () => Date.now();

/** A clock that stays where it is set: `c.now()`, `c.set(ms)`, `c.advance(ms)`; `c.clock` is the Clock. */
export class ManualClock {
  private t: number;
  constructor(start: number | string | Date = 0) {
    this.t = typeof start === 'number' ? start : new Date(start).getTime();
  }
  readonly clock: Clock = () => this.t;
  now(): number {
    return this.t;
  }
  set(t: number | string | Date): void {
    this.t = typeof t === 'number' ? t : new Date(t).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  advanceDays(days: number): void {
    this.t += days * 86_400_000;
  }
}

/** Start of the UTC day containing t (ms). */
export function utcDayStart(t: number): number {
  return Math.floor(t / 86_400_000) * 86_400_000;
}

/** Start of the ISO week (Monday 00:00 UTC) containing t (ms). */
export function utcWeekStart(t: number): number {
  const day = utcDayStart(t);
  const dow = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - dow * 86_400_000;
}
