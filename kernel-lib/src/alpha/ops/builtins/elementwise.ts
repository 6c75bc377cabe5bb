import { arithmetic, fastBinary, fastPow, fastUnary, makeBinary, makeUnary, signedPower, slog1p, where } from '../kernels/elementwise';
import type { FastBinaryOp, FastUnaryOp } from '../kernels/elementwise';
import type { ArgSpec, ArgValue, OperatorContext, OperatorDef } from '../types';

const X: ArgSpec = { name: 'x', type: 'series' };
const Y: ArgSpec = { name: 'y', type: 'series' };
const size = (ctx: OperatorContext): number => ctx.nDates * ctx.nAssets;

const FAST_UNARY = new Set<string>(['neg', 'abs', 'sign', 'log', 'sqrt', 'exp', 'inv']);

function unary(name: string, f: (x: number) => number, description: string, aliases: string[] = []): OperatorDef {
  const k = FAST_UNARY.has(name) ? fastUnary(name as FastUnaryOp, f) : makeUnary(f);
  return { name, kind: 'elementwise', args: [X], description, aliases, evaluate: (a, ctx) => k(a[0], size(ctx)) };
}

function binary(
  name: string,
  f: (x: number, y: number) => number,
  description: string,
  aliases: string[] = [],
  commutative = false,
): OperatorDef {
  const fast = FAST.has(name) ? (name as FastBinaryOp) : undefined;
  const k = fast ? fastBinary(fast, f) : name === 'pow' || name === 'signed_power' ? fastPow(name === 'signed_power') : makeBinary(f);
  return {
    name,
    kind: 'elementwise',
    args: [X, Y],
    description,
    aliases,
    commutative,
    evaluate: (a, ctx) => k(a[0], a[1], size(ctx)),
  };
}

const FAST = new Set<string>(['max2', 'min2', 'gt', 'ge', 'lt', 'le', 'eq', 'ne', 'and', 'or']);

/** A binary operator on a hand-written arithmetic kernel. */
function arith(name: string, code: 0 | 1 | 2 | 3, description: string, aliases: string[], commutative: boolean): OperatorDef {
  return {
    name,
    kind: 'elementwise',
    args: [X, Y],
    description,
    aliases,
    commutative,
    evaluate: (a, ctx) => arithmetic(code, a[0], a[1], size(ctx)),
  };
}

/** 1 when true, 0 when false (a missing operand gives NaN, never false). */
const truth = (b: boolean): number => (b ? 1 : 0);

/**
 * Elementwise operators. Infix spellings: + - * / ^ (also **), unary - and !, comparisons
 * > >= < <= == !=, logical && (also &) and || (also |), and the ternary c ? a : b.
 */
export const elementwiseOperators: OperatorDef[] = [
  unary('neg', (x) => -x, '-x (unary minus)', ['Neg']),
  unary('abs', Math.abs, '|x|', ['Abs']),
  unary('sign', Math.sign, 'sign of x: -1, 0 or 1', ['Sign']),
  unary('log', Math.log, 'natural log; NaN for x <= 0', ['Log']),
  unary('exp', Math.exp, 'e^x', ['Exp']),
  unary('sqrt', Math.sqrt, 'square root; NaN for x < 0', ['Sqrt']),
  unary('slog1p', slog1p, 'sign(x) log(1 + |x|)', ['S_log1p', 'SLog1p']),
  unary('inv', (x) => 1 / x, '1 / x; NaN at 0', ['Inv']),
  unary('not', (x) => (x !== x ? NaN : truth(x === 0)), 'logical not: 1 where x == 0, else 0', ['Not']),
  arith('add', 0, 'x + y', ['Add'], true),
  arith('sub', 1, 'x - y', ['Sub'], false),
  arith('mul', 2, 'x * y', ['Mul'], true),
  arith('div', 3, 'x / y; NaN where y = 0', ['Div'], false),
  binary('pow', Math.pow, 'x ^ y; NaN where undefined (negative base, fractional power)', ['Pow', 'Power']),
  binary('signed_power', signedPower, 'sign(x) |x|^y (Alpha101 SignedPower)', ['SignedPower', 'signedpower']),
  binary('max2', Math.max, 'elementwise maximum of x and y', ['Greater'], true),
  binary('min2', Math.min, 'elementwise minimum of x and y', ['Less'], true),
  binary('gt', (x, y) => truth(x > y), '1 if x > y else 0', ['Gt']),
  binary('ge', (x, y) => truth(x >= y), '1 if x >= y else 0', ['Ge']),
  binary('lt', (x, y) => truth(x < y), '1 if x < y else 0', ['Lt']),
  binary('le', (x, y) => truth(x <= y), '1 if x <= y else 0', ['Le']),
  binary('eq', (x, y) => truth(x === y), '1 if x == y else 0', ['Eq'], true),
  binary('ne', (x, y) => truth(x !== y), '1 if x != y else 0', ['Ne'], true),
  binary('and', (x, y) => truth(x !== 0 && y !== 0), '1 if both are non-zero else 0', ['And'], true),
  binary('or', (x, y) => truth(x !== 0 || y !== 0), '1 if either is non-zero else 0', ['Or'], true),
  {
    name: 'where',
    kind: 'elementwise',
    args: [{ name: 'cond', type: 'series' }, X, Y],
    description: 'x where cond is non-zero, y where it is zero, NaN where cond is missing (c ? x : y)',
    aliases: ['If'],
    evaluate: (a: ArgValue[], ctx) => where(a[0], a[1], a[2], size(ctx)),
  },
];
