/**
 * Cross-sectional z-scores, the common scale on which combiners weight factors.
 *
 * z(t, i) = (f(t, i) - mean_t) / std_t over the assets where f is finite on date t (std with
 * ddof 1). A missing value gets 0 (neutral: it neither adds nor removes from the mega-alpha);
 * a date with fewer than 2 finite values or a constant cross-section is all 0.
 */
export function crossSectionalZ(factor: Float64Array, nAssets: number): Float64Array {
  const T = factor.length / nAssets;
  const z = new Float64Array(factor.length);
  for (let t = 0; t < T; t++) {
    const b = t * nAssets;
    let n = 0;
    let s = 0;
    for (let i = 0; i < nAssets; i++) {
      const v = factor[b + i];
      if (Number.isFinite(v)) {
        n++;
        s += v;
      }
    }
    if (n < 2) continue;
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < nAssets; i++) {
      const v = factor[b + i];
      if (Number.isFinite(v)) ss += (v - m) * (v - m);
    }
    const sd = Math.sqrt(ss / (n - 1));
    if (!(sd > 0)) continue;
    for (let i = 0; i < nAssets; i++) {
      const v = factor[b + i];
      if (Number.isFinite(v)) z[b + i] = (v - m) / sd;
    }
  }
  return z;
}
