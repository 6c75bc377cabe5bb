/**
 * Akaike (or Schwarz) weights computed stably: w_i = exp(-(IC_i - min IC) / 2) / sum_j exp(-(IC_j - min IC) / 2).
 * An entry whose criterion is not finite (a failed fit) gets weight 0.
 *
 * With `minWeight` > 0, weights below it are set to 0 and the rest renormalised to sum 1: a model
 * whose weight is below 1e-12 (`NEGLIGIBLE_WEIGHT`, an IC more than ~55 above the best) changes a
 * weighted forecast by less than 1e-12 of its own value, so ensemble forecasts skip it rather than
 * fit-forecast-simulate it for nothing.
 */
export const NEGLIGIBLE_WEIGHT = 1e-12;

export function informationWeights(criteria: ArrayLike<number>, minWeight = 0): Float64Array {
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
  if (minWeight > 0) {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] < minWeight) w[i] = 0;
      kept += w[i];
    }
    // the best model has weight >= 1 / n, so something is kept whenever minWeight <= 1 / n
    if (kept > 0) for (let i = 0; i < n; i++) w[i] /= kept;
  }
  return w;
}
