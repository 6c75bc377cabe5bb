/**
 * Rolling order statistics from a sorted copy of each asset's window, kept up to date by
 * binary-search insertion and removal (O(log d) search + O(d) memmove per step instead of a
 * sort per window). Same missing-value rule as every rolling operator.
 */

function lowerBound(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For each complete window, `emit(sorted, d, today)` with the window's d values in ascending order.
 * Column-wise: one asset at a time.
 */
export function rollingSorted(
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  emit: (sorted: Float64Array, d: number, today: number) => number,
): Float64Array {
  const out = new Float64Array(T * N).fill(NaN);
  const buf = new Float64Array(d + 1);
  for (let i = 0; i < N; i++) {
    let n = 0;
    let bad = 0;
    for (let t = 0; t < T; t++) {
      const v = x[t * N + i];
      if (v - v === 0) {
        const k = upperBound(buf, n, v);
        for (let j = n; j > k; j--) buf[j] = buf[j - 1];
        buf[k] = v;
        n++;
      } else bad++;
      if (t >= d) {
        const w = x[(t - d) * N + i];
        if (w - w === 0) {
          const k = lowerBound(buf, n, w);
          for (let j = k + 1; j < n; j++) buf[j - 1] = buf[j];
          n--;
        } else bad--;
      }
      if (t >= d - 1 && bad === 0) out[t * N + i] = emit(buf, d, v);
    }
  }
  return out;
}

/** Linear-interpolation quantile (numpy/pandas "linear") of a sorted window. */
export function sortedQuantile(q: number): (s: Float64Array, d: number) => number {
  return (s, d) => {
    const pos = q * (d - 1);
    const lo = Math.floor(pos);
    const hi = lo + 1 < d ? lo + 1 : d - 1;
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  };
}

/** Percentile rank of today's value in its window, ties averaged: (#less + (#equal + 1) / 2) / d. */
export function sortedRank(s: Float64Array, d: number, today: number): number {
  const lo = lowerBound(s, d, today);
  const hi = upperBound(s, d, today);
  return (lo + (hi - lo + 1) / 2) / d;
}

/**
 * Rolling max / min by the van Herk - Gil-Werman scheme: within blocks of d rows a forward
 * running extreme g and a backward one h; the window [t-d+1, t] is max(h[t-d+1], g[t]). Three
 * passes over contiguous rows, O(1) per cell whatever d is. A missing value poisons the blocks it
 * touches only through the windows that contain it (tracked by a missing-count).
 */
export function rollingExtremeVhgw(x: Float64Array, T: number, N: number, d: number, max: boolean): Float64Array {
  const size = T * N;
  const g = new Float64Array(size);
  const h = new Float64Array(size);
  const pick = max ? (a: number, b: number): number => (a > b ? a : b) : (a: number, b: number): number => (a < b ? a : b);
  // missing values are replaced by the neutral element; windows containing one are masked below
  const neutral = max ? -Infinity : Infinity;
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const start = t % d === 0;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      const u = v - v === 0 ? v : neutral;
      g[b + i] = start ? u : pick(g[b - N + i], u);
    }
  }
  for (let t = T - 1; t >= 0; t--) {
    const b = t * N;
    const end = t % d === d - 1 || t === T - 1;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      const u = v - v === 0 ? v : neutral;
      h[b + i] = end ? u : pick(h[b + N + i], u);
    }
  }
  const out = new Float64Array(size).fill(NaN);
  const bad = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const o = (t - d) * N;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      if (v - v !== 0) bad[i]++;
      if (t >= d) {
        const w = x[o + i];
        if (w - w !== 0) bad[i]--;
      }
      if (t >= d - 1 && bad[i] === 0) out[b + i] = d === 1 ? v : pick(h[b - (d - 1) * N + i], g[b + i]);
    }
  }
  return out;
}
