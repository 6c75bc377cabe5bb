import { InvalidArgumentError } from '../errors';

/**
 * Calendar dates as ISO `YYYY-MM-DD` strings, the only date representation in a Panel.
 *
 * Day numbers count days since 1970-01-01 (proleptic Gregorian, UTC), so weekday and
 * arithmetic never depend on the machine's time zone.
 */

const MS_PER_DAY = 86400000;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** `YYYY-MM-DD` from year, month (1-12) and day. */
export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Parse the date in `text[start, end)` and return it as ISO `YYYY-MM-DD`, or null.
 *
 * Accepted: `YYYY-MM-DD`, `YYYY/MM/DD` (month and day may have one digit), and datetimes that
 * start with one of these followed by `T` or a space and a time (`2020-01-02 00:00:00`,
 * `2020-01-02T15:30:00Z`); the time part is dropped (the date is kept as written, no time-zone
 * shift). Surrounding spaces are ignored. The day must exist (2019-02-29 is rejected).
 * A hand-written scanner, no regular expression: it runs once per distinct date label.
 */
export function parseDateSpan(text: string, start = 0, end = text.length): string | null {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  let p = start;
  let y = 0;
  let nd = 0;
  while (p < end && nd < 5) {
    const c = text.charCodeAt(p) - 48;
    if (c < 0 || c > 9) break;
    y = y * 10 + c;
    p++;
    nd++;
  }
  if (nd !== 4 || p >= end) return null;
  const sep = text.charCodeAt(p);
  if (sep !== 45 /* - */ && sep !== 47 /* / */) return null;
  p++;
  let m = 0;
  nd = 0;
  while (p < end && nd < 3) {
    const c = text.charCodeAt(p) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    p++;
    nd++;
  }
  if (nd < 1 || nd > 2 || p >= end || text.charCodeAt(p) !== sep) return null;
  p++;
  let d = 0;
  nd = 0;
  while (p < end && nd < 3) {
    const c = text.charCodeAt(p) - 48;
    if (c < 0 || c > 9) break;
    d = d * 10 + c;
    p++;
    nd++;
  }
  if (nd < 1 || nd > 2) return null;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  if (p < end) {
    const c = text.charCodeAt(p);
    if (c !== 84 /* T */ && c !== 32) return null;
    if (!isTimePart(text, p + 1, end)) return null;
  }
  return isoDate(y, m, d);
}

/** `HH:MM[:SS[.fff]]` optionally followed by `Z` or `+HH:MM` / `-HHMM`. */
function isTimePart(text: string, p: number, end: number): boolean {
  while (p < end && text.charCodeAt(p) === 32) p++;
  const digits = (n: number): boolean => {
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(p + k) - 48;
      if (p + k >= end || c < 0 || c > 9) return false;
    }
    p += n;
    return true;
  };
  if (!digits(2) || text.charCodeAt(p) !== 58) return false;
  p++;
  if (!digits(2)) return false;
  if (p < end && text.charCodeAt(p) === 58) {
    p++;
    if (!digits(2)) return false;
    if (p < end && text.charCodeAt(p) === 46) {
      p++;
      let n = 0;
      while (p < end && text.charCodeAt(p) >= 48 && text.charCodeAt(p) <= 57) {
        p++;
        n++;
      }
      if (n === 0) return false;
    }
  }
  if (p === end) return true;
  const c = text.charCodeAt(p);
  if (c === 90 /* Z */) return p + 1 === end;
  if (c === 43 || c === 45) {
    p++;
    if (!digits(2)) return false;
    if (p < end && text.charCodeAt(p) === 58) p++;
    return digits(2) && p === end;
  }
  return false;
}

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / MS_PER_DAY);
}

/** ISO date of a day number (days since 1970-01-01). */
export function isoFromDayNumber(day: number): string {
  const dt = new Date(day * MS_PER_DAY);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** ISO date of a millisecond timestamp (UTC). */
export function isoFromMillis(ms: number): string {
  return isoFromDayNumber(Math.floor(ms / MS_PER_DAY));
}

/** Day of week, 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * `n` consecutive business days (Monday to Friday; no holiday calendar) starting at `start`,
 * or at the next Monday when `start` falls on a weekend.
 */
export function businessDays(start: string, n: number): string[] {
  const iso = parseDateSpan(start);
  if (iso === null) throw new InvalidArgumentError(`businessDays: start "${start}" is not a YYYY-MM-DD date`);
  let day = dayNumber(iso);
  const out: string[] = [];
  while (out.length < n) {
    const w = weekday(day);
    if (w !== 0 && w !== 6) out.push(isoFromDayNumber(day));
    day++;
  }
  return out;
}
