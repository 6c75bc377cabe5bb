/**
 * Rolling moments over a date-major panel (index t * N + i) in O(T * N), one pass over dates
 * with per-asset running state, so the inner loop walks contiguous memory.
 *
 * Missing-value rule (pandas `rolling(d)` with min_periods = d): the output at (t, i) is NaN
 * unless all d observations x[t-d+1..t] of asset i are finite. Variances use ddof = 1. A window
 * whose values are all identical has variance exactly 0 (detected by run length, as pandas
 * does), so correlation there is NaN rather than rounding noise.
 */

import { allocArray } from '../pool';

/**
 * Rolling sum, or mean when `mean` is set: a running sum with separate Kahan compensations for
 * the values entering and leaving the window (the old one is removed before the new one is
 * added), and a window of identical values returning value x d (mean: the value) exactly, the
 * way pandas' roll_sum / roll_mean compute it, so sums agree to the last bit in ordinary cases.
 * A mean of all-positive (all-negative) values is never negative (positive).
 */
function runningSum(x: Float64Array, T: number, N: number, d: number, mean: boolean): Float64Array {
  const out = allocArray(T * N);
  const s = new Float64Array(N);
  const compAdd = new Float64Array(N);
  const compRemove = new Float64Array(N);
  const bad = new Int32Array(N);
  const neg = new Int32Array(N);
  const run = new Int32Array(N);
  const prev = new Float64Array(N).fill(NaN);
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const o = (t - d) * N;
    for (let i = 0; i < N; i++) {
      if (t >= d) {
        const w = x[o + i];
        if (w - w === 0) {
          const y = -w - compRemove[i];
          const z = s[i] + y;
          compRemove[i] = z - s[i] - y;
          s[i] = z;
          if (w < 0) neg[i]--;
        } else bad[i]--;
      }
      const v = x[b + i];
      if (v - v === 0) {
        const y = v - compAdd[i];
        const z = s[i] + y;
        compAdd[i] = z - s[i] - y;
        s[i] = z;
        if (v < 0) neg[i]++;
        run[i] = v === prev[i] ? run[i] + 1 : 1;
        prev[i] = v;
      } else bad[i]++;
      if (t < d - 1 || bad[i] !== 0) {
        out[b + i] = NaN;
        continue;
      }
      if (!mean) out[b + i] = run[i] >= d ? prev[i] * d : s[i];
      else if (run[i] >= d) out[b + i] = prev[i];
      else {
        const m = s[i] / d;
        out[b + i] = neg[i] === 0 && m < 0 ? 0 : neg[i] === d && m > 0 ? 0 : m;
      }
    }
  }
  return out;
}

/** Rolling sum of the last d values. */
export function rollingSum(x: Float64Array, T: number, N: number, d: number): Float64Array {
  return runningSum(x, T, N, d, false);
}

/** Rolling mean of the last d values. */
export function rollingMean(x: Float64Array, T: number, N: number, d: number): Float64Array {
  return runningSum(x, T, N, d, true);
}

/**
 * Rolling variance, ddof 1 (`sqrt`: standard deviation), d >= 2: Welford's online update with
 * Kahan-compensated means, values leaving the window removed before new ones are added, and a
 * window of identical values giving exactly 0 -- the order of operations of pandas' roll_var, so
 * results agree with pandas to the last bit in ordinary cases.
 */
export function rollingVar(x: Float64Array, T: number, N: number, d: number, sqrt = false): Float64Array {
  const out = allocArray(T * N);
  const n = new Int32Array(N);
  const mean = new Float64Array(N);
  const ssq = new Float64Array(N);
  const compAdd = new Float64Array(N);
  const compRemove = new Float64Array(N);
  const bad = new Int32Array(N);
  const run = new Int32Array(N);
  const prev = new Float64Array(N).fill(NaN);
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const o = (t - d) * N;
    for (let i = 0; i < N; i++) {
      if (t >= d) {
        const w = x[o + i];
        if (w - w === 0) {
          const k = --n[i];
          if (k > 0) {
            const prevMean = mean[i] - compRemove[i];
            const y = w - compRemove[i];
            const z = y - mean[i];
            compRemove[i] = z + mean[i] - y;
            mean[i] -= z / k;
            ssq[i] -= (w - prevMean) * (w - mean[i]);
          } else {
            mean[i] = 0;
            ssq[i] = 0;
          }
        } else bad[i]--;
      }
      const v = x[b + i];
      if (v - v === 0) {
        const k = ++n[i];
        run[i] = v === prev[i] ? run[i] + 1 : 1;
        prev[i] = v;
        const prevMean = mean[i] - compAdd[i];
        const y = v - compAdd[i];
        const z = y - mean[i];
        compAdd[i] = z + mean[i] - y;
        mean[i] += z / k;
        ssq[i] += (v - prevMean) * (v - mean[i]);
      } else bad[i]++;
      if (t < d - 1 || bad[i] !== 0) out[b + i] = NaN;
      else {
        let r = run[i] >= d ? 0 : ssq[i] / (d - 1);
        if (r < 0) r = 0;
        out[b + i] = sqrt ? Math.sqrt(r) : r;
      }
    }
  }
  return out;
}

/**
 * Rolling covariance (ddof 1) or Pearson correlation of two series over the same window
 * (co-moment Welford add/remove). Correlation is NaN when either series is constant in the window.
 */
export function rollingCovCorr(
  x: Float64Array,
  y: Float64Array,
  T: number,
  N: number,
  d: number,
  corr: boolean,
): Float64Array {
  const out = allocArray(T * N);
  const n = new Int32Array(N);
  const mx = new Float64Array(N);
  const my = new Float64Array(N);
  const cxx = new Float64Array(N);
  const cyy = new Float64Array(N);
  const cxy = new Float64Array(N);
  const bad = new Int32Array(N);
  const runX = new Int32Array(N);
  const runY = new Int32Array(N);
  const lastX = new Float64Array(N).fill(NaN);
  const lastY = new Float64Array(N).fill(NaN);
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const o = (t - d) * N;
    for (let i = 0; i < N; i++) {
      const u = x[b + i];
      const v = y[b + i];
      if (u - u === 0 && v - v === 0) {
        const k = ++n[i];
        const dx = u - mx[i];
        const dy = v - my[i];
        mx[i] += dx / k;
        my[i] += dy / k;
        cxx[i] += dx * (u - mx[i]);
        cyy[i] += dy * (v - my[i]);
        cxy[i] += dx * (v - my[i]);
        runX[i] = u === lastX[i] ? runX[i] + 1 : 1;
        runY[i] = v === lastY[i] ? runY[i] + 1 : 1;
      } else {
        bad[i]++;
        runX[i] = 0;
        runY[i] = 0;
      }
      lastX[i] = u;
      lastY[i] = v;
      if (t >= d) {
        const p = x[o + i];
        const q = y[o + i];
        if (p - p === 0 && q - q === 0) {
          const k = --n[i];
          if (k === 0) {
            mx[i] = my[i] = cxx[i] = cyy[i] = cxy[i] = 0;
          } else {
            const dx = p - mx[i];
            const dy = q - my[i];
            mx[i] -= dx / k;
            my[i] -= dy / k;
            cxx[i] -= dx * (p - mx[i]);
            cyy[i] -= dy * (q - my[i]);
            cxy[i] -= dx * (q - my[i]);
          }
        } else bad[i]--;
      }
      if (t < d - 1 || bad[i] !== 0) {
        out[b + i] = NaN;
        continue;
      }
      const flat = runX[i] >= d || runY[i] >= d;
      if (!corr) {
        out[b + i] = flat ? 0 : cxy[i] / (d - 1);
      } else if (flat || cxx[i] <= 0 || cyy[i] <= 0) {
        out[b + i] = NaN;
      } else {
        const r = cxy[i] / Math.sqrt(cxx[i] * cyy[i]);
        out[b + i] = r > 1 ? 1 : r < -1 ? -1 : r;
      }
    }
  }
  return out;
}

/**
 * Windowed exponential moving average: the mean of the last d values with weights
 * (1 - a)^k for the value k rows back, a = 2 / (d + 1) (span d), normalised to sum 1. This is
 * pandas `ewm(span=d, adjust=True).mean()` applied to each window of d observations (and
 * AlphaForge's ts_ema), so like every rolling operator it needs all d observations.
 * Running form: S_t = b S_{t-1} + x_t - b^d x_{t-d}, b = 1 - a.
 */
export function rollingEma(x: Float64Array, T: number, N: number, d: number): Float64Array {
  const out = allocArray(T * N);
  const beta = 1 - 2 / (d + 1);
  const bd = Math.pow(beta, d);
  const norm = d === 1 ? 1 : (1 - beta) / (1 - bd);
  const s = new Float64Array(N);
  const bad = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const b = t * N;
    const o = (t - d) * N;
    for (let i = 0; i < N; i++) {
      const v = x[b + i];
      let si = beta * s[i];
      if (v - v === 0) si += v;
      else bad[i]++;
      if (t >= d) {
        const w = x[o + i];
        if (w - w === 0) si -= bd * w;
        else bad[i]--;
      }
      s[i] = si;
      out[b + i] = t >= d - 1 && bad[i] === 0 ? si * norm : NaN;
    }
  }
  return out;
}

/** delay(x, L): the value L rows earlier (L < 0: |L| rows later); NaN outside the panel. */
export function shift(x: Float64Array, T: number, N: number, lag: number): Float64Array {
  const out = allocArray(T * N).fill(NaN);
  if (Math.abs(lag) >= T) return out;
  if (lag >= 0) out.set(x.subarray(0, (T - lag) * N), lag * N);
  else out.set(x.subarray(-lag * N), 0);
  return out;
}
