import type { ArgValue } from '../types';
import { allocArray } from '../pool';

/**
 * Elementwise kernels with number broadcasting. Every result is finite or NaN: a missing input
 * gives NaN, and so do ±Infinity results (division by zero, log(0)).
 */

/** Build a unary kernel from a scalar function (each call site gets its own closure, so V8 inlines `f`). */
export function makeUnary(f: (x: number) => number): (a: ArgValue, size: number) => ArgValue {
  return (a, size) => {
    if (typeof a === 'number') {
      const r = f(a);
      return r - r === 0 ? r : NaN;
    }
    const out = allocArray(size);
    for (let c = 0; c < size; c++) {
      const r = f(a[c]);
      out[c] = r - r === 0 ? r : NaN;
    }
    return out;
  };
}

/** Build a binary kernel from a scalar function, broadcasting numbers. NaN in, NaN out. */
export function makeBinary(f: (x: number, y: number) => number): (a: ArgValue, b: ArgValue, size: number) => ArgValue {
  return (a, b, size) => {
    if (typeof a === 'number' && typeof b === 'number') {
      if (a - a !== 0 || b - b !== 0) return NaN;
      const r = f(a, b);
      return r - r === 0 ? r : NaN;
    }
    const out = allocArray(size);
    if (typeof a === 'number') {
      if (a - a !== 0) return out.fill(NaN);
      for (let c = 0; c < size; c++) {
        const y = b as Float64Array;
        const v = y[c];
        const r = v - v === 0 ? f(a, v) : NaN;
        out[c] = r - r === 0 ? r : NaN;
      }
    } else if (typeof b === 'number') {
      if (b - b !== 0) return out.fill(NaN);
      for (let c = 0; c < size; c++) {
        const v = a[c];
        const r = v - v === 0 ? f(v, b) : NaN;
        out[c] = r - r === 0 ? r : NaN;
      }
    } else {
      for (let c = 0; c < size; c++) {
        const u = a[c];
        const v = b[c];
        const r = u - u === 0 && v - v === 0 ? f(u, v) : NaN;
        out[c] = r - r === 0 ? r : NaN;
      }
    }
    return out;
  };
}

/**
 * where(cond, a, b): a where cond is non-zero, b where it is zero, NaN where cond is missing.
 * (So `returns < 0 ? x : y` is NaN on the first date, where `returns` is missing.)
 */
export function where(cond: ArgValue, a: ArgValue, b: ArgValue, size: number): ArgValue {
  if (typeof cond === 'number' && typeof a === 'number' && typeof b === 'number') {
    return cond - cond !== 0 ? NaN : cond !== 0 ? a : b;
  }
  const out = allocArray(size);
  for (let c = 0; c < size; c++) {
    const k = typeof cond === 'number' ? cond : cond[c];
    if (k - k !== 0) out[c] = NaN;
    else if (k !== 0) out[c] = typeof a === 'number' ? a : a[c];
    else out[c] = typeof b === 'number' ? b : b[c];
  }
  return out;
}

/** sign(x) * log(1 + |x|): a log that keeps sign and is defined at 0 (AlphaForge's S_log1p). */
export function slog1p(x: number): number {
  return Math.sign(x) * Math.log1p(Math.abs(x));
}

/** sign(x) * |x|^e (Alpha101's SignedPower). */
export function signedPower(x: number, e: number): number {
  return Math.sign(x) * Math.pow(Math.abs(x), e);
}

/**
 * a (op) b for the four arithmetic operators with hand-written loops (no function call per
 * cell): 0 add, 1 sub, 2 mul, 3 div. IEEE arithmetic propagates NaN; ±Infinity (overflow,
 * division by zero) becomes NaN.
 */
export function arithmetic(op: 0 | 1 | 2 | 3, a: ArgValue, b: ArgValue, size: number): ArgValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = op === 0 ? a + b : op === 1 ? a - b : op === 2 ? a * b : a / b;
    return r - r === 0 ? r : NaN;
  }
  const out = allocArray(size);
  if (typeof a !== 'number' && typeof b !== 'number') {
    if (op === 0) for (let c = 0; c < size; c++) out[c] = a[c] + b[c];
    else if (op === 1) for (let c = 0; c < size; c++) out[c] = a[c] - b[c];
    else if (op === 2) for (let c = 0; c < size; c++) out[c] = a[c] * b[c];
    else for (let c = 0; c < size; c++) out[c] = a[c] / b[c];
  } else if (typeof a === 'number') {
    const y = b as Float64Array;
    if (op === 0) for (let c = 0; c < size; c++) out[c] = a + y[c];
    else if (op === 1) for (let c = 0; c < size; c++) out[c] = a - y[c];
    else if (op === 2) for (let c = 0; c < size; c++) out[c] = a * y[c];
    else for (let c = 0; c < size; c++) out[c] = a / y[c];
  } else {
    const x = a as Float64Array;
    const s = b as number;
    if (op === 0) for (let c = 0; c < size; c++) out[c] = x[c] + s;
    else if (op === 1) for (let c = 0; c < size; c++) out[c] = x[c] - s;
    else if (op === 2) for (let c = 0; c < size; c++) out[c] = x[c] * s;
    else for (let c = 0; c < size; c++) out[c] = x[c] / s;
  }
  for (let c = 0; c < size; c++) {
    const r = out[c];
    if (r - r !== 0) out[c] = NaN;
  }
  return out;
}
