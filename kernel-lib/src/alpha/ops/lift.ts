import type { ArgSpec, ArgValue, OperatorContext } from './types';
import { allocArray, filledArray } from './pool';

/**
 * Generic evaluation of the simple operator forms (`scalar`, `window`, `crossSection`) over a
 * date-major panel (index t * nAssets + i). Built-in operators use hand-written kernels; these
 * lifts are what a user-registered operator gets, with the same missing-value rules.
 */

/** NaN for ±Infinity (and NaN): engine values are finite or missing. */
export function finiteOrNaN(v: number): number {
  return v - v === 0 ? v : NaN;
}

/** Materialise a series argument as an array (numbers are broadcast). */
export function asArray(v: ArgValue, size: number): Float64Array {
  if (typeof v !== 'number') return v;
  return filledArray(size, v);
}

/** Split evaluated arguments into series arrays and numeric constants, following the spec. */
export function splitArgs(
  specs: readonly ArgSpec[],
  args: ArgValue[],
  size: number,
): { series: Float64Array[]; constants: number[] } {
  const series: Float64Array[] = [];
  const constants: number[] = [];
  specs.forEach((s, k) => {
    if (s.type === 'series' || s.type === 'group') series.push(asArray(args[k], size));
    else constants.push(args[k] as number);
  });
  return { series, constants };
}

/** Elementwise: out[c] = f(series[0][c], ..., constants...). A missing input gives NaN without calling f. */
export function liftScalar(specs: readonly ArgSpec[], f: (...values: number[]) => number) {
  return (args: ArgValue[], ctx: OperatorContext): ArgValue => {
    const size = ctx.nDates * ctx.nAssets;
    if (args.every((a) => typeof a === 'number')) return finiteOrNaN(f(...(args as number[])));
    const { series, constants } = splitArgs(specs, args, size);
    const out = allocArray(size);
    const vals = new Array<number>(series.length + constants.length);
    for (let k = 0; k < constants.length; k++) vals[series.length + k] = constants[k];
    for (let c = 0; c < size; c++) {
      let ok = true;
      for (let s = 0; s < series.length; s++) {
        const v = series[s][c];
        if (v - v !== 0) ok = false;
        vals[s] = v;
      }
      out[c] = ok ? finiteOrNaN(f(...vals)) : NaN;
    }
    return out;
  };
}

/**
 * Time series: for each asset, the window of the last d values (oldest -> newest) of every series
 * argument; NaN unless all d observations of all series are finite (pandas min_periods = window).
 */
export function liftWindow(specs: readonly ArgSpec[], f: (windows: Float64Array[], constants: number[]) => number) {
  const windowArg = specs.findIndex((s) => s.type === 'window');
  return (args: ArgValue[], ctx: OperatorContext): ArgValue => {
    const { nDates: T, nAssets: N } = ctx;
    const { series, constants } = splitArgs(specs, args, T * N);
    const d = args[windowArg] as number;
    const out = allocArray(T * N).fill(NaN);
    const cols = series.map(() => new Float64Array(T));
    const bad = new Int32Array(T + 1);
    for (let i = 0; i < N; i++) {
      for (let t = 0; t < T; t++) {
        let miss = 0;
        for (let s = 0; s < series.length; s++) {
          const v = series[s][t * N + i];
          cols[s][t] = v;
          if (v - v !== 0) miss = 1;
        }
        bad[t + 1] = bad[t] + miss;
      }
      for (let t = d - 1; t < T; t++) {
        if (bad[t + 1] - bad[t + 1 - d] > 0) continue;
        const views = cols.map((c) => c.subarray(t + 1 - d, t + 1));
        out[t * N + i] = finiteOrNaN(f(views, constants));
      }
    }
    return out;
  };
}

/** Cross-section: f(rows, out, constants) per date; missing inputs are the function's to handle. */
export function liftCrossSection(
  specs: readonly ArgSpec[],
  f: (rows: Float64Array[], out: Float64Array, constants: number[]) => void,
) {
  return (args: ArgValue[], ctx: OperatorContext): ArgValue => {
    const { nDates: T, nAssets: N } = ctx;
    const { series, constants } = splitArgs(specs, args, T * N);
    const out = filledArray(T * N, 0); // a user kernel may leave cells unwritten: they read 0
    for (let t = 0; t < T; t++) {
      const rows = series.map((s) => s.subarray(t * N, (t + 1) * N));
      const o = out.subarray(t * N, (t + 1) * N);
      f(rows, o, constants);
      for (let i = 0; i < N; i++) o[i] = finiteOrNaN(o[i]);
    }
    return out;
  };
}
