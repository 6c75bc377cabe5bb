/**
 * Target weights of the three signal strategies, one date at a time. A missing (NaN) signal
 * ranks below every finite one; assets are ordered by signal descending, ties by asset index.
 *
 * - top-k: long the k highest signals, 1/k each (fewer when fewer are finite).
 * - quantile long-short: long the top bucket, short the bottom bucket (buckets by the tie
 *   rule of alpha/metrics/quantile.ts over the finite signals), $1 long and $1 short,
 *   equal weights inside each leg.
 * - top-k-dropout (Qlib's TopkDropoutStrategy): hold k names; each day rank the holdings and
 *   the best non-held names together, sell the held names that fall in the bottom `nDrop` of
 *   that combined list (at most nDrop), buy the best non-held names to refill to k; 1/k each.
 */
import { bucketsOf } from '../metrics/quantile';

export function rankOrder(signal: Float64Array, base: number, n: number): number[] {
  const idx = [...Array(n).keys()];
  const key = (i: number) => {
    const v = signal[base + i];
    return Number.isFinite(v) ? v : -Infinity;
  };
  return idx.sort((a, b) => key(b) - key(a) || a - b);
}

export function topKWeights(signal: Float64Array, base: number, n: number, k: number, out: Float64Array): void {
  out.fill(0);
  const order = rankOrder(signal, base, n).filter((i) => Number.isFinite(signal[base + i])).slice(0, k);
  for (const i of order) out[i] = 1 / order.length;
}

export function quantileLongShortWeights(signal: Float64Array, base: number, n: number, quantiles: number, out: Float64Array): void {
  out.fill(0);
  const idx: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(signal[base + i])) {
      idx.push(i);
      vals.push(signal[base + i]);
    }
  }
  if (idx.length < 2) return;
  const b = bucketsOf(Float64Array.from(vals), quantiles);
  let lo = Infinity;
  let hi = -Infinity;
  for (const q of b) {
    lo = Math.min(lo, q);
    hi = Math.max(hi, q);
  }
  if (hi === lo) return;
  const nHi = b.filter((q) => q === hi).length;
  const nLo = b.filter((q) => q === lo).length;
  idx.forEach((i, j) => {
    if (b[j] === hi) out[i] = 1 / nHi;
    else if (b[j] === lo) out[i] = -1 / nLo;
  });
}

/** One step of top-k-dropout: returns the new holdings (asset indices) given the previous ones. */
export function topKDropoutStep(signal: Float64Array, base: number, n: number, k: number, nDrop: number, held: readonly number[]): number[] {
  const score = (i: number) => {
    const v = signal[base + i];
    return Number.isFinite(v) ? v : -Infinity;
  };
  const byScore = (a: number, b: number) => score(b) - score(a) || a - b;
  const last = held.slice().sort(byScore);
  const heldSet = new Set(held);
  const candidates = rankOrder(signal, base, n).filter((i) => !heldSet.has(i) && Number.isFinite(signal[base + i]));
  const today = candidates.slice(0, Math.max(0, nDrop + k - last.length));
  const comb = [...last, ...today].sort(byScore);
  const bottom = new Set(comb.slice(Math.max(0, comb.length - nDrop)));
  const sell = new Set(last.filter((i) => bottom.has(i)));
  const keep = last.filter((i) => !sell.has(i));
  const buy = today.slice(0, Math.max(0, k - keep.length));
  return [...keep, ...buy];
}
