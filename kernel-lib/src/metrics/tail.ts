import { InvalidArgumentError } from '../errors';
import { checkReturns, type Returns } from './returns';

/**
 * Percentile with numpy's default 'linear' method: with sorted x and h = (n - 1) q,
 * `x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])` (q in [0, 1]).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const t = h - lo;
  if (lo >= n - 1) return sorted[n - 1];
  const a = sorted[lo];
  const b = sorted[lo + 1];
  // numpy's _lerp: a + (b - a) t, evaluated from the nearer end for t >= 0.5.
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function sortedCopy(r: Returns): Float64Array {
  return Float64Array.from(r).sort();
}

function checkCutoff(cutoff: number): void {
  if (!(cutoff > 0 && cutoff < 1)) throw new InvalidArgumentError(`cutoff must be in (0, 1), got ${cutoff}`);
}

/**
 * Historical value at risk (empyrical `value_at_risk`): the `cutoff` quantile of the returns
 * (numpy linear interpolation), a RETURN, negative for a loss. `cutoff` 0.05 = 95 % VaR.
 */
export function valueAtRisk(r: Returns, cutoff = 0.05): number {
  checkReturns(r, 'valueAtRisk', 1);
  checkCutoff(cutoff);
  return quantileSorted(sortedCopy(r), cutoff);
}

/**
 * Historical conditional value at risk / expected shortfall (empyrical
 * `conditional_value_at_risk`): the mean of the k + 1 smallest returns with
 * `k = floor((n - 1) * cutoff)`, a RETURN (negative for a loss). It includes the order statistic at the cutoff index, so it
 * is the average of the worst `floor((n - 1) * cutoff) + 1` periods.
 */
export function conditionalValueAtRisk(r: Returns, cutoff = 0.05): number {
  checkReturns(r, 'conditionalValueAtRisk', 1);
  checkCutoff(cutoff);
  const s = sortedCopy(r);
  const k = Math.floor((s.length - 1) * cutoff);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += s[i];
  return sum / (k + 1);
}

/** Tail ratio (empyrical `tail_ratio`): `|q95(r)| / |q05(r)|`. */
export function tailRatio(r: Returns): number {
  checkReturns(r, 'tailRatio', 1);
  const s = sortedCopy(r);
  return Math.abs(quantileSorted(s, 0.95)) / Math.abs(quantileSorted(s, 0.05));
}
