/**
 * Rolling order statistics from a sorted copy of each asset's window, kept up to date by
 * binary-search insertion and removal (O(log d) search + O(d) memmove per step instead of a
 * sort per window). Same missing-value rule as every rolling operator.
 */

import { allocArray, freeArray } from '../pool';

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
  const out = allocArray(T * N).fill(NaN);
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
 * Rolling max / min, or the position of the extreme (`arg`: Qlib's IdxMax/IdxMin, 1 = oldest
 * row of the window ... d = today, first occurrence on ties), by the van Herk - Gil-Werman
 * scheme: within blocks of d rows a backward running extreme h (from each row to the end of its
 * block) and a forward one g (from the block start to the row); the window [t-d+1, t] is
 * h[t-d+1] combined with g[t]. O(1) per cell whatever d is: one backward pass into a scratch
 * array, one forward pass keeping g per asset. Minima are maxima of the negated values (the
 * same element is chosen, so the result is bit-for-bit the input value). A missing value is
 * replaced by -Infinity and the windows that contain it are masked (a missing-count).
 */
export function rollingExtremeVhgw(x: Float64Array, T: number, N: number, d: number, max: boolean, arg = false): Float64Array {
  const size = T * N;
  const sign = max ? 1 : -1;
  const hv = allocArray(size);
  const hi = arg ? allocArray(size) : hv;
  for (let t = T - 1; t >= 0; t--) {
    const b = t * N;
    if (t % d === d - 1 || t === T - 1) {
      for (let i = 0; i < N; i++) {
        const v = x[b + i];
        hv[b + i] = v - v === 0 ? sign * v : -Infinity;
        if (arg) hi[b + i] = t;
      }
      continue;
    }
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      const u = v - v === 0 ? sign * v : -Infinity;
      const next = hv[b + N + i];
      // ties: the earlier row (this one)
      if (u >= next) {
        hv[b + i] = u;
        if (arg) hi[b + i] = t;
      } else {
        hv[b + i] = next;
        if (arg) hi[b + i] = hi[b + N + i];
      }
    }
  }
  const out = allocArray(size);
  const gv = new Float64Array(N);
  const gi = new Float64Array(N);
  const bad = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const o = (t - d) * N;
    const start = t % d === 0;
    const s = t - d + 1;
    const sb = s * N;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      const u = v - v === 0 ? sign * v : -Infinity;
      // ties: the later row for the value (as a running max that keeps the newest equal), the earlier for the position
      if (start || u > gv[i] || (!arg && u === gv[i])) {
        gv[i] = u;
        gi[i] = t;
      }
      if (v - v !== 0) bad[i]++;
      if (t >= d) {
        const w = x[o + i];
        if (w - w !== 0) bad[i]--;
      }
      if (t < d - 1 || bad[i] !== 0) out[b + i] = NaN;
      else if (arg) out[b + i] = (hv[sb + i] >= gv[i] ? hi[sb + i] : gi[i]) - s + 1;
      else out[b + i] = sign * (hv[sb + i] > gv[i] ? hv[sb + i] : gv[i]);
    }
  }
  freeArray(hv);
  if (arg) freeArray(hi);
  return out;
}
