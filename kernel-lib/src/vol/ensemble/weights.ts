/**
 * Akaike (or Schwarz) weights computed stably: w_i = exp(-(IC_i - min IC) / 2) / sum_j exp(-(IC_j - min IC) / 2).
 * An entry whose criterion is not finite (a failed fit) gets weight 0.
 */
export function informationWeights(criteria: ArrayLike<number>): Float64Array {
  const n = criteria.length;
  const w = new Float64Array(n);
  let min = Infinity;
  for (let i = 0; i < n; i++) if (Number.isFinite(criteria[i]) && criteria[i] < min) min = criteria[i];
  if (min === Infinity) return w;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    w[i] = Number.isFinite(criteria[i]) ? Math.exp(-(criteria[i] - min) / 2) : 0;
    sum += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= sum;
  return w;
}
