/**
 * The look-ahead rule shared by every combiner.
 *
 * label(s) is realised `horizon` days after s (close(s + h) for the default label; 21 for
 * AlphaForge's Ref(vwap,-21)/Ref(vwap,-1)-1). Weights used on date t may only look at dates
 * s <= t - horizon, so the window is [max(0, t - horizon - lookback + 1), t - horizon].
 * Nothing a combiner computes for date t reads a label, a factor value or a price after t.
 */
export interface RealisedWindow {
  start: number;
  /** Inclusive. */
  end: number;
}

export function realisedWindow(t: number, horizon: number, lookback: number): RealisedWindow | null {
  const end = t - horizon;
  if (end < 0) return null;
  const start = Number.isFinite(lookback) ? Math.max(0, end - lookback + 1) : 0;
  return { start, end };
}
