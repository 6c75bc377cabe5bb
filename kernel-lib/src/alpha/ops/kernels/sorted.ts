/**
 * Rolling order statistics from a sorted copy of each asset's window. Each step replaces the
 * value leaving the window by the one entering it with a single shift of the values between
 * their two positions (O(|distance|), about d/3 on average, instead of a removal and an
 * insertion that each move half the window). Same missing-value rule as every rolling operator.
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

/** Insert v into the sorted buf[0..n); returns its position. */
function insertSorted(buf: Float64Array, n: number, v: number): number {
  const k = upperBound(buf, n, v);
  for (let j = n; j > k; j--) buf[j] = buf[j - 1];
  buf[k] = v;
  return k;
}

/** Remove one w from the sorted buf[0..n). */
function removeSorted(buf: Float64Array, n: number, w: number): void {
  const k = lowerBound(buf, n, w);
  for (let j = k + 1; j < n; j++) buf[j - 1] = buf[j];
}

/** Replace one w of the sorted buf[0..n) by v, keeping it sorted; returns v's position. */
function replaceSorted(buf: Float64Array, n: number, w: number, v: number): number {
  let j = lowerBound(buf, n, w);
  if (v > w) {
    while (j + 1 < n && buf[j + 1] < v) {
      buf[j] = buf[j + 1];
      j++;
    }
  } else {
    while (j > 0 && buf[j - 1] > v) {
      buf[j] = buf[j - 1];
      j--;
    }
  }
  buf[j] = v;
  return j;
}

/**
 * For each complete window of each asset (column-wise), from the window's d values in ascending
 * order: `rank` (q < 0) -- today's percentile rank, ties averaged, (#less + (#equal + 1) / 2) / d;
 * otherwise the q-quantile by linear interpolation (numpy/pandas "linear").
 */
function rollingOrderStat(x: Float64Array, T: number, N: number, d: number, q: number): Float64Array {
  const out = allocArray(T * N);
  const buf = new Float64Array(d + 1);
  const rank = q < 0;
  const pos = q * (d - 1);
  const qlo = Math.floor(pos);
  const qhi = qlo + 1 < d ? qlo + 1 : d - 1;
  for (let i = 0; i < N; i++) {
    let n = 0;
    let bad = 0;
    for (let t = 0; t < T; t++) {
      const c = t * N + i;
      const v = x[c];
      const vOk = v - v === 0;
      let j = 0; // today's position in buf (when finite)
      if (t >= d) {
        const w = x[c - d * N];
        const wOk = w - w === 0;
        if (wOk && vOk) j = replaceSorted(buf, n, w, v);
        else {
          if (wOk) removeSorted(buf, n--, w);
          else bad--;
          if (vOk) j = insertSorted(buf, n++, v);
          else bad++;
        }
      } else if (vOk) j = insertSorted(buf, n++, v);
      else bad++;
      if (t < d - 1 || bad !== 0) {
        out[c] = NaN;
      } else if (rank) {
        let lo = j;
        while (lo > 0 && buf[lo - 1] === v) lo--;
        let hi = j + 1;
        while (hi < d && buf[hi] === v) hi++;
        out[c] = (lo + (hi - lo + 1) / 2) / d;
      } else {
        out[c] = buf[qlo] + (buf[qhi] - buf[qlo]) * (pos - qlo);
      }
    }
  }
  return out;
}

/** Percentile rank of today's value within its window of d, ties averaged: (#less + (#equal + 1) / 2) / d. */
export function rollingRank(x: Float64Array, T: number, N: number, d: number): Float64Array {
  return rollingOrderStat(x, T, N, d, -1);
}

/** q-quantile (0 <= q <= 1) of each window of d, linear interpolation (numpy/pandas "linear"). */
export function rollingQuantile(x: Float64Array, T: number, N: number, d: number, q: number): Float64Array {
  return rollingOrderStat(x, T, N, d, q);
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
  const out = allocArray(size);
  if (arg) {
    const hi = allocArray(size);
    backwardArg(x, T, N, d, sign, hv, hi);
    forwardArg(x, T, N, d, sign, hv, hi, out);
    freeArray(hi);
  } else {
    backwardMax(x, T, N, d, sign, hv);
    forwardMax(x, T, N, d, sign, hv, out);
  }
  freeArray(hv);
  return out;
}

/** h: the running max of sign * x from each row to the end of its block (missing: -Infinity; ties: this row). */
function backwardMax(x: Float64Array, T: number, N: number, d: number, sign: number, hv: Float64Array): void {
  for (let t = T - 1; t >= 0; t--) {
    const b = t * N;
    const end = t % d === d - 1 || t === T - 1;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      const u = v - v === 0 ? sign * v : -Infinity;
      if (end) hv[b + i] = u;
      else {
        const next = hv[b + N + i];
        hv[b + i] = u >= next ? u : next;
      }
    }
  }
}

/** As backwardMax, with the row of each running max in hi (ties: the earlier row). */
function backwardArg(x: Float64Array, T: number, N: number, d: number, sign: number, hv: Float64Array, hi: Float64Array): void {
  for (let t = T - 1; t >= 0; t--) {
    const b = t * N;
    const end = t % d === d - 1 || t === T - 1;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      const u = v - v === 0 ? sign * v : -Infinity;
      if (end || u >= hv[b + N + i]) {
        hv[b + i] = u;
        hi[b + i] = t;
      } else {
        hv[b + i] = hv[b + N + i];
        hi[b + i] = hi[b + N + i];
      }
    }
  }
}

/** g (the running max from the block start, ties: the newest) per asset, combined with h; windows with a missing value masked. */
function forwardMax(x: Float64Array, T: number, N: number, d: number, sign: number, hv: Float64Array, out: Float64Array): void {
  const gv = new Float64Array(N);
  const bad = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const o = (t - d) * N;
    const start = t % d === 0;
    const sb = (t - d + 1) * N;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      const u = v - v === 0 ? sign * v : -Infinity;
      const g = start || u >= gv[i] ? u : gv[i];
      gv[i] = g;
      if (v - v !== 0) bad[i]++;
      if (t >= d) {
        const w = x[o + i];
        if (w - w !== 0) bad[i]--;
      }
      if (t < d - 1 || bad[i] !== 0) out[b + i] = NaN;
      else {
        const h = hv[sb + i];
        out[b + i] = sign * (h > g ? h : g);
      }
    }
  }
}

/** As forwardMax for the position: 1 = oldest row of the window ... d = today, first occurrence on ties. */
function forwardArg(x: Float64Array, T: number, N: number, d: number, sign: number, hv: Float64Array, hi: Float64Array, out: Float64Array): void {
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
      if (start || u > gv[i]) {
        gv[i] = u;
        gi[i] = t;
      }
      if (v - v !== 0) bad[i]++;
      if (t >= d) {
        const w = x[o + i];
        if (w - w !== 0) bad[i]--;
      }
      if (t < d - 1 || bad[i] !== 0) out[b + i] = NaN;
      else out[b + i] = (hv[sb + i] >= gv[i] ? hi[sb + i] : gi[i]) - s + 1;
    }
  }
}
