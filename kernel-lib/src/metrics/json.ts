/**
 * JSON helpers for `toPayload()` in the metrics, risk, regime, backtest and ops modules (which sit
 * below the display layer and must not import it): JSON has no NaN or Infinity, so non-finite
 * numbers become null.
 */
export function jsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** A numeric array as plain JSON (non-finite -> null). */
export function jsonArray(xs: ArrayLike<number>): (number | null)[] {
  return Array.from(xs, jsonNumber);
}

/** A row-major n x m matrix (Float64Array) or nested rows as nested JSON arrays. */
export function jsonMatrix(rows: ArrayLike<ArrayLike<number>>): (number | null)[][] {
  return Array.from(rows, (r) => jsonArray(r));
}
