import { InvalidArgumentError } from '../errors';
import { drawdownSeries } from '../metrics/drawdown';
import type { Returns } from '../metrics/returns';

/**
 * Drawdown limit (institutional limits are typically 15-25 %; default 0.20): the first period whose
 * drawdown from the running peak (baseline 1) reaches `-limit`, or null when it never does.
 */
export function drawdownLimitBreach(r: Returns, limit = 0.2): { index: number; drawdown: number } | null {
  if (!(limit > 0 && limit < 1)) throw new InvalidArgumentError(`drawdown limit must be in (0, 1), got ${limit}`);
  const dd = drawdownSeries(r);
  for (let t = 0; t < dd.length; t++) if (dd[t] <= -limit) return { index: t, drawdown: dd[t] };
  return null;
}
