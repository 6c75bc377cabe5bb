import { call, field } from '../../dsl/ast';
import type { FormulaNode } from '../../dsl/ast';
import { asArray } from '../lift';
import { rollingCovCorr, rollingEma, rollingMean, rollingSum, rollingVar, shift } from '../kernels/moments';
import { rollingExtremeVhgw, rollingQuantile, rollingRank } from '../kernels/sorted';
import {
  perWindow,
  rollingProduct,
  rollingWma,
  windowKurt,
  windowMad,
  windowRegression,
  windowSkew,
} from '../kernels/window';
import type { ArgSpec, ArgValue, OperatorContext, OperatorDef } from '../types';
import { allocArray, freeArray } from '../pool';

const X: ArgSpec = { name: 'x', type: 'series' };
const Y: ArgSpec = { name: 'y', type: 'series' };
const win = (min = 1): ArgSpec => ({ name: 'd', type: 'window', min });

type Kernel = (x: Float64Array, T: number, N: number, d: number) => Float64Array;

/** A one-series rolling operator from a whole-panel kernel. */
function rolling(name: string, kernel: Kernel, description: string, aliases: string[], minWindow = 1): OperatorDef {
  return {
    name,
    kind: 'timeseries',
    args: [X, win(minWindow)],
    description,
    aliases,
    evaluate: (a: ArgValue[], ctx: OperatorContext) =>
      kernel(asArray(a[0], ctx.nDates * ctx.nAssets), ctx.nDates, ctx.nAssets, a[1] as number),
  };
}

/** A one-series rolling operator from a per-window function (column-wise). */
function windowed(
  name: string,
  f: (col: Float64Array, start: number, d: number) => number,
  description: string,
  aliases: string[],
  minWindow = 1,
): OperatorDef {
  return rolling(name, (x, T, N, d) => perWindow(x, T, N, d, f), description, aliases, minWindow);
}

function ratioLag(x: Float64Array, T: number, N: number, d: number, minus: number): Float64Array {
  const prev = shift(x, T, N, d);
  const out = allocArray(T * N);
  for (let c = 0; c < out.length; c++) {
    const r = x[c] / prev[c] - minus;
    out[c] = r - r === 0 ? r : NaN;
  }
  freeArray(prev);
  return out;
}

/**
 * Time-series operators: each asset's own history. Windows count rows of the panel (trading
 * days); every rolling window needs all d observations finite (pandas min_periods = d).
 */
export const timeseriesOperators: OperatorDef[] = [
  {
    name: 'delay',
    kind: 'timeseries',
    args: [X, { name: 'd', type: 'lag' }],
    description: 'x, d rows earlier (d < 0 looks d rows ahead: labels such as delay(close, -5))',
    aliases: ['Ref', 'ref'],
    evaluate: (a, ctx) => shift(asArray(a[0], ctx.nDates * ctx.nAssets), ctx.nDates, ctx.nAssets, a[1] as number),
  },
  rolling(
    'delta',
    (x, T, N, d) => {
      const p = shift(x, T, N, d);
      for (let c = 0; c < p.length; c++) p[c] = x[c] - p[c];
      return p;
    },
    'x - delay(x, d)',
    ['Delta', 'ts_delta'],
  ),
  rolling('ts_ratio', (x, T, N, d) => ratioLag(x, T, N, d, 0), 'x / delay(x, d)', []),
  rolling('ts_pct', (x, T, N, d) => ratioLag(x, T, N, d, 1), 'x / delay(x, d) - 1 (percent change over d rows)', [
    'ts_pctchange',
    'ts_pct_change',
  ]),
  {
    name: 'ts_div',
    kind: 'timeseries',
    args: [X, win()],
    description: "x / ts_mean(x, d) (AlphaForge's ts_div)",
    aliases: ['TsDiv'],
    expand: (a: FormulaNode[]) => call('div', a[0], call('ts_mean', a[0], a[1])),
  },
  rolling('ts_sum', rollingSum, 'sum of the last d values', ['Sum', 'sum']),
  rolling('ts_mean', rollingMean, 'mean of the last d values', ['Mean', 'sma', 'ts_avg']),
  rolling('ts_std', (x, T, N, d) => rollingVar(x, T, N, d, true), 'sample standard deviation (ddof 1) of the last d values', ['Std', 'stddev', 'ts_stddev'], 2),
  rolling('ts_var', (x, T, N, d) => rollingVar(x, T, N, d, false), 'sample variance (ddof 1) of the last d values', ['Var'], 2),
  windowed('ts_skew', windowSkew, 'bias-corrected skewness of the last d values (pandas rolling.skew)', ['Skew'], 3),
  windowed('ts_kurt', windowKurt, 'bias-corrected excess kurtosis of the last d values (pandas rolling.kurt)', ['Kurt'], 4),
  rolling('ts_max', (x, T, N, d) => rollingExtremeVhgw(x, T, N, d, true), 'maximum of the last d values', ['Max', 'max']),
  rolling('ts_min', (x, T, N, d) => rollingExtremeVhgw(x, T, N, d, false), 'minimum of the last d values', ['Min', 'min']),
  rolling(
    'ts_argmax',
    (x, T, N, d) => rollingExtremeVhgw(x, T, N, d, true, true),
    'position of the maximum in the window, 1 = oldest ... d = today (first on ties)',
    ['IdxMax', 'Ts_ArgMax'],
  ),
  rolling(
    'ts_argmin',
    (x, T, N, d) => rollingExtremeVhgw(x, T, N, d, false, true),
    'position of the minimum in the window, 1 = oldest ... d = today (first on ties)',
    ['IdxMin', 'Ts_ArgMin'],
  ),
  rolling('ts_median', (x, T, N, d) => rollingQuantile(x, T, N, d, 0.5), 'median of the last d values', ['Med', 'ts_med']),
  windowed('ts_mad', windowMad, 'mean absolute deviation from the window mean', ['Mad']),
  rolling('ts_rank', rollingRank, "percentile rank of today's value within the last d values (ties averaged), in (0, 1]", ['Rank', 'Ts_Rank']),
  {
    name: 'ts_quantile',
    kind: 'timeseries',
    args: [X, win(), { name: 'q', type: 'constant', min: 0, max: 1 }],
    description: 'q-quantile of the last d values (linear interpolation)',
    aliases: ['Quantile'],
    evaluate: (a, ctx) =>
      rollingQuantile(asArray(a[0], ctx.nDates * ctx.nAssets), ctx.nDates, ctx.nAssets, a[1] as number, a[2] as number),
  },
  rolling('ts_product', rollingProduct, 'product of the last d values', ['product', 'Product']),
  windowed('ts_slope', windowRegression('slope'), 'least-squares slope of the last d values on time (per row)', ['Slope'], 2),
  windowed('ts_rsquare', windowRegression('rsquare'), 'R^2 of that regression (NaN on a constant window)', ['Rsquare'], 2),
  windowed('ts_resi', windowRegression('resi'), "today's residual of that regression", ['Resi'], 2),
  rolling('ts_wma', rollingWma, 'linearly weighted mean, weights 1..d (today weighs d)', ['WMA', 'decay_linear', 'ts_decay_linear'], 1),
  rolling('ts_ema', rollingEma, 'exponentially weighted mean of the last d values, span d (ewm(span=d, adjust=True) on the window)', ['EMA'], 1),
  {
    name: 'ts_corr',
    kind: 'timeseries',
    args: [X, Y, win(2)],
    description: 'Pearson correlation of x and y over the last d rows (NaN when either is constant)',
    aliases: ['Corr', 'correlation'],
    commutative: 2,
    evaluate: (a, ctx) => {
      const n = ctx.nDates * ctx.nAssets;
      return rollingCovCorr(asArray(a[0], n), asArray(a[1], n), ctx.nDates, ctx.nAssets, a[2] as number, true);
    },
  },
  {
    name: 'ts_cov',
    kind: 'timeseries',
    args: [X, Y, win(2)],
    description: 'sample covariance (ddof 1) of x and y over the last d rows',
    aliases: ['Cov', 'covariance'],
    commutative: 2,
    evaluate: (a, ctx) => {
      const n = ctx.nDates * ctx.nAssets;
      return rollingCovCorr(asArray(a[0], n), asArray(a[1], n), ctx.nDates, ctx.nAssets, a[2] as number, false);
    },
  },
  {
    name: 'adv',
    kind: 'timeseries',
    args: [win()],
    description: 'average daily volume: ts_mean(volume, d) (Alpha101 advN is adv(N))',
    expand: (a: FormulaNode[]) => call('ts_mean', field('volume'), a[0]),
  },
];
