/**
 * Average ranks ("fractional" ranking, pandas `rank(method='average')`, scipy `rankdata`).
 *
 * Ranks run from 1 to n; a group of tied values gets the mean of the ranks it spans, so
 * [10, 20, 20, 30] ranks as [1, 2.5, 2.5, 4]. The input must hold finite numbers only
 * (callers drop NaN first).
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    // positions i..j-1 (0-based) hold ranks i+1..j; their mean is (i + 1 + j) / 2
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = r;
    i = j;
  }
  return ranks;
}
