/**
 * Average ranks ("fractional" ranking, pandas `rank(method='average')`, scipy `rankdata`).
 *
 * Ranks run from 1 to n; a group of tied values gets the mean of the ranks it spans, so
 * [10, 20, 20, 30] ranks as [1, 2.5, 2.5, 4]. The input must hold finite numbers only
 * (callers drop NaN first).
 *
 * Implementation: one sort of the values with their positions (ops/kernels/ranker.ts), then
 * each run of equal values gets the mean of the ranks it spans.
 */
import { Ranker } from '../ops/kernels/ranker';

const ranker = new Ranker();

export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const ranks = new Float64Array(n);
  ranker.ranks(Float64Array.from(values), n, ranks);
  return ranks;
}
