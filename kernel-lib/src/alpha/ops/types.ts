import type { FormulaNode } from '../dsl/ast';

/**
 * How an operator moves through the panel:
 * - `elementwise`: each output cell depends on the same cell of the inputs only;
 * - `timeseries`: each output cell depends on the same asset's past (or, for negative lags, future) cells;
 * - `crosssectional`: each output cell depends on all assets of the same date;
 * - `group`: like cross-sectional, within groups given by a group-label argument.
 */
export type OperatorKind = 'elementwise' | 'timeseries' | 'crosssectional' | 'group';

/**
 * Argument types:
 * - `series`: any sub-formula (a numeric literal is broadcast to every cell);
 * - `window`: a numeric literal, the look-back length in rows; non-integers are floored (the
 *   Alpha101 paper's convention) and the result must be >= `min` (default 1);
 * - `lag`: an integer literal that may be zero or negative (negative looks forward, used for labels);
 * - `constant`: a numeric literal (a quantile level, a scale), checked against `min`/`max`;
 * - `group`: a sub-formula whose values are group labels (NaN = no group).
 */
export type ArgType = 'series' | 'window' | 'lag' | 'constant' | 'group';

export interface ArgSpec {
  readonly name: string;
  readonly type: ArgType;
  /** Value used when the argument is left out (only trailing window/constant arguments may have one). */
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}

/** Shape of the panel an operator runs on: arrays are date-major, index `t * nAssets + i`. */
export interface OperatorContext {
  readonly nDates: number;
  readonly nAssets: number;
}

/** A `series`/`group` argument is an array (or a broadcast number); window/lag/constant arguments are numbers. */
export type ArgValue = Float64Array | number;

/**
 * An operator declared once: its name, aliases, argument list and kind, plus ONE way to compute it.
 * The registry turns the simple forms into a full-panel evaluation:
 * - `scalar(...values)`: elementwise, called per cell with the series values then the constants;
 * - `window(windows, constants)`: time series, called per asset and date with one view per series
 *   argument holding the last `d` values oldest -> newest (only when all are finite), `d` being the
 *   first `window` argument;
 * - `crossSection(rows, out, constants)`: per date, with one contiguous row per series/group argument;
 * - `evaluate(args, ctx)`: full control over the whole panel (the built-ins' fast kernels);
 * - `expand(args)`: a macro, rewritten into other operators before evaluation (e.g. `adv(d)`).
 * Non-finite results (division by zero, log of a non-positive number) become NaN.
 */
export interface OperatorDef {
  readonly name: string;
  readonly kind: OperatorKind;
  readonly args: readonly ArgSpec[];
  readonly description: string;
  readonly aliases?: readonly string[];
  /** true: all series arguments are interchangeable; a number n: only the first n are (ts_corr). */
  readonly commutative?: boolean | number;
  readonly scalar?: (...values: number[]) => number;
  readonly window?: (windows: Float64Array[], constants: number[]) => number;
  readonly crossSection?: (rows: Float64Array[], out: Float64Array, constants: number[]) => void;
  readonly evaluate?: (args: ArgValue[], ctx: OperatorContext) => ArgValue;
  readonly expand?: (args: FormulaNode[]) => FormulaNode;
}

/** A registered operator: the definition plus the generic evaluation built from it. */
export interface Operator extends OperatorDef {
  readonly minArity: number;
  readonly maxArity: number;
  /** Evaluates on the panel (absent only for macros). */
  readonly run?: (args: ArgValue[], ctx: OperatorContext) => ArgValue;
}

/** What `listOperators()` returns for each operator (no functions). */
export interface OperatorInfo {
  name: string;
  kind: OperatorKind;
  args: ArgSpec[];
  aliases: string[];
  description: string;
  builtin: boolean;
}
