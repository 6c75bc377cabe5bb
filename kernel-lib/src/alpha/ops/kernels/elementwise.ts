import type { ArgValue } from '../types';
import { allocArray, filledArray, freeArray } from '../pool';

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

/** Binary operators with a dedicated loop each (no function call per cell). */
export type FastBinaryOp = 'max2' | 'min2' | 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne' | 'and' | 'or';

/**
 * The kernel of a comparison, logical or max/min operator: the same values as
 * `makeBinary(scalar)` (NaN in, NaN out; results are finite), but each operator runs its own
 * loop, so V8 compiles the comparison inline; a number operand is broadcast first.
 */
export function fastBinary(op: FastBinaryOp, scalar: (x: number, y: number) => number): (a: ArgValue, b: ArgValue, size: number) => ArgValue {
  const slow = makeBinary(scalar);
  return (a, b, size) => {
    if (typeof a === 'number' && typeof b === 'number') return slow(a, b, size);
    const x = typeof a === 'number' ? filledArray(size, a) : a;
    const y = typeof b === 'number' ? filledArray(size, b) : b;
    const out = allocArray(size);
    if (op === 'max2') maxLoop(x, y, out, size);
    else if (op === 'min2') minLoop(x, y, out, size);
    else if (op === 'gt') gtLoop(x, y, out, size);
    else if (op === 'ge') geLoop(x, y, out, size);
    else if (op === 'lt') gtLoop(y, x, out, size);
    else if (op === 'le') geLoop(y, x, out, size);
    else if (op === 'eq') eqLoop(x, y, out, size);
    else if (op === 'ne') neLoop(x, y, out, size);
    else if (op === 'and') andLoop(x, y, out, size);
    else orLoop(x, y, out, size);
    if (x !== a) freeArray(x);
    if (y !== b) freeArray(y);
    return out;
  };
}

function maxLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? Math.max(u, v) : NaN;
  }
}

function minLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? Math.min(u, v) : NaN;
  }
}

function gtLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? (u > v ? 1 : 0) : NaN;
  }
}

function geLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? (u >= v ? 1 : 0) : NaN;
  }
}

function eqLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? (u === v ? 1 : 0) : NaN;
  }
}

function neLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? (u !== v ? 1 : 0) : NaN;
  }
}

function andLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? (u !== 0 && v !== 0 ? 1 : 0) : NaN;
  }
}

function orLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    out[c] = u - u === 0 && v - v === 0 ? (u !== 0 || v !== 0 ? 1 : 0) : NaN;
  }
}

/**
 * where(cond, a, b): a where cond is non-zero, b where it is zero, NaN where cond is missing.
 * (So `returns < 0 ? x : y` is NaN on the first date, where `returns` is missing.)
 */
export function where(cond: ArgValue, a: ArgValue, b: ArgValue, size: number): ArgValue {
  if (typeof cond === 'number' && typeof a === 'number' && typeof b === 'number') {
    return cond - cond !== 0 ? NaN : cond !== 0 ? a : b;
  }
  // one loop over arrays (numbers broadcast first), so the loop sees one shape
  const k = typeof cond === 'number' ? filledArray(size, cond) : cond;
  const x = typeof a === 'number' ? filledArray(size, a) : a;
  const y = typeof b === 'number' ? filledArray(size, b) : b;
  const out = allocArray(size);
  whereLoop(k, x, y, out, size);
  if (k !== cond) freeArray(k);
  if (x !== a) freeArray(x);
  if (y !== b) freeArray(y);
  return out;
}

function whereLoop(k: Float64Array, x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const s = k[c];
    out[c] = s - s !== 0 ? NaN : s !== 0 ? x[c] : y[c];
  }
}

/** Unary operators with a dedicated loop each (no function call per cell). */
export type FastUnaryOp = 'neg' | 'abs' | 'sign' | 'log' | 'sqrt' | 'exp' | 'inv';

/** The kernel of a common unary operator: the values of `makeUnary(f)`, one loop per operator. */
export function fastUnary(op: FastUnaryOp, f: (x: number) => number): (a: ArgValue, size: number) => ArgValue {
  const slow = makeUnary(f);
  return (a, size) => {
    if (typeof a === 'number') return slow(a, size);
    const out = allocArray(size);
    if (op === 'neg') negLoop(a, out, size);
    else if (op === 'abs') absLoop(a, out, size);
    else if (op === 'sign') signLoop(a, out, size);
    else if (op === 'log') logLoop(a, out, size);
    else if (op === 'sqrt') sqrtLoop(a, out, size);
    else if (op === 'exp') expLoop(a, out, size);
    else invLoop(a, out, size);
    return out;
  };
}

function negLoop(x: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const r = -x[c];
    out[c] = r - r === 0 ? r : NaN;
  }
}

function absLoop(x: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const r = Math.abs(x[c]);
    out[c] = r - r === 0 ? r : NaN;
  }
}

function signLoop(x: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const r = Math.sign(x[c]);
    out[c] = r - r === 0 ? r : NaN;
  }
}

function logLoop(x: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const r = Math.log(x[c]);
    out[c] = r - r === 0 ? r : NaN;
  }
}

function sqrtLoop(x: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const r = Math.sqrt(x[c]);
    out[c] = r - r === 0 ? r : NaN;
  }
}

function expLoop(x: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const r = Math.exp(x[c]);
    out[c] = r - r === 0 ? r : NaN;
  }
}

function invLoop(x: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const r = 1 / x[c];
    out[c] = r - r === 0 ? r : NaN;
  }
}

/**
 * x ^ y (Math.pow) and sign(x) |x|^y, one loop each: the values of `makeBinary` with those
 * functions (NaN in, NaN out; non-finite results NaN).
 */
export function fastPow(signed: boolean): (a: ArgValue, b: ArgValue, size: number) => ArgValue {
  const slow = makeBinary(signed ? signedPower : Math.pow);
  return (a, b, size) => {
    if (typeof a === 'number' && typeof b === 'number') return slow(a, b, size);
    const x = typeof a === 'number' ? filledArray(size, a) : a;
    const y = typeof b === 'number' ? filledArray(size, b) : b;
    const out = allocArray(size);
    if (signed) signedPowLoop(x, y, out, size);
    else powLoop(x, y, out, size);
    if (x !== a) freeArray(x);
    if (y !== b) freeArray(y);
    return out;
  };
}

function powLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    const r = u - u === 0 && v - v === 0 ? Math.pow(u, v) : NaN;
    out[c] = r - r === 0 ? r : NaN;
  }
}

function signedPowLoop(x: Float64Array, y: Float64Array, out: Float64Array, size: number): void {
  for (let c = 0; c < size; c++) {
    const u = x[c];
    const v = y[c];
    const r = u - u === 0 && v - v === 0 ? Math.sign(u) * Math.pow(Math.abs(u), v) : NaN;
    out[c] = r - r === 0 ? r : NaN;
  }
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
 * division by zero) becomes NaN. The loops track the largest |result| (NaN never counts), so the
 * pass that turns infinities into NaN runs only when there is one.
 */
export function arithmetic(op: 0 | 1 | 2 | 3, a: ArgValue, b: ArgValue, size: number): ArgValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = op === 0 ? a + b : op === 1 ? a - b : op === 2 ? a * b : a / b;
    return r - r === 0 ? r : NaN;
  }
  const out = allocArray(size);
  let mx = 0;
  if (typeof a !== 'number' && typeof b !== 'number') {
    if (op === 0) mx = addVV(a, b, out, size);
    else if (op === 1) mx = subVV(a, b, out, size);
    else if (op === 2) mx = mulVV(a, b, out, size);
    else mx = divVV(a, b, out, size);
  } else if (typeof a === 'number') {
    const y = b as Float64Array;
    if (op === 0) mx = addSV(a, y, out, size);
    else if (op === 1) mx = subSV(a, y, out, size);
    else if (op === 2) mx = mulSV(a, y, out, size);
    else mx = divSV(a, y, out, size);
  } else {
    const x = a as Float64Array;
    const s = b as number;
    // x + s, x - s, x * s, x / s: the same loops with the constant on the right
    if (op === 0) mx = addSV(s, x, out, size);
    else if (op === 1) mx = addSV(-s, x, out, size);
    else if (op === 2) mx = mulSV(s, x, out, size);
    else mx = divVS(x, s, out, size);
  }
  if (!(mx < Infinity)) {
    for (let c = 0; c < size; c++) {
      const r = out[c];
      if (r - r !== 0) out[c] = NaN;
    }
  }
  return out;
}

function addVV(a: Float64Array, b: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = a[c] + b[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function subVV(a: Float64Array, b: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = a[c] - b[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function mulVV(a: Float64Array, b: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = a[c] * b[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function divVV(a: Float64Array, b: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = a[c] / b[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function addSV(s: number, y: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = s + y[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function subSV(s: number, y: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = s - y[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function mulSV(s: number, y: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = s * y[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function divSV(s: number, y: Float64Array, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = s / y[c];
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}

function divVS(x: Float64Array, s: number, out: Float64Array, size: number): number {
  let mx = 0;
  for (let c = 0; c < size; c++) {
    const r = x[c] / s;
    out[c] = r;
    const q = Math.abs(r);
    if (q > mx) mx = q;
  }
  return mx;
}
