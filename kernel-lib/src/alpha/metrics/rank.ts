/**
 * Average ranks ("fractional" ranking, pandas `rank(method='average')`, scipy `rankdata`).
 *
 * Ranks run from 1 to n; a group of tied values gets the mean of the ranks it spans, so
 * [10, 20, 20, 30] ranks as [1, 2.5, 2.5, 4]. The input must hold finite numbers only
 * (callers drop NaN first).
 *
 * Implementation: a native numeric sort of a copy, then for each value the first (lo) and
 * last (hi) 0-based positions of its equal run by binary search: rank = (lo + hi) / 2 + 1.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = values[k];
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (sorted[m] < v) a = m + 1;
      else b = m;
    }
    const lo = a;
    b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (sorted[m] <= v) a = m + 1;
      else b = m;
    }
    ranks[k] = (lo + a - 1) / 2 + 1;
  }
  return ranks;
}
