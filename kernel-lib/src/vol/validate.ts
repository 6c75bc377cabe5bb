/**
 * Checks on a return series before fitting (issue 3, item 9): missing or infinite values name
 * their row unless dropped, a constant series is a "zero variance" error, fewer than 100
 * observations is an error, and data whose variance lies outside [0.1, 1e4) gets arch's scale
 * warning (or is rescaled by a power of 10 on request).
 */
import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import type { ErrorLocation } from '../errors';

export const MIN_OBSERVATIONS = 100;

export interface SeriesCheckOptions {
  /** Drop non-finite values instead of failing. */
  dropna?: boolean;
  /** Rescale by a power of 10 when the variance is outside [0.1, 1e4). */
  rescale?: boolean;
  /** Location used in error messages; `rowOf(i)` maps an index to a file row (default: i + 1). */
  location?: ErrorLocation;
  rowOf?: (i: number) => number;
}

export interface CheckedSeries {
  y: Float64Array;
  /** Indices (into the input) kept. */
  kept: number[];
  /** Factor the data were multiplied by (1 unless rescaled). */
  scale: number;
  warnings: string[];
}

export function checkSeries(input: ArrayLike<number>, opts: SeriesCheckOptions = {}): CheckedSeries {
  const loc = opts.location ?? {};
  const rowOf = opts.rowOf ?? ((i: number) => i + 1);
  const kept: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      if (opts.dropna) continue;
      const what = typeof v !== 'number' || Number.isNaN(v) ? 'missing value (NaN)' : 'infinite value';
      throw new InvalidArgumentError(`${what} in the series; pass --dropna (dropna: true) to drop such rows`, { ...loc, row: rowOf(i) });
    }
    kept.push(i);
  }
  const n = kept.length;
  if (n < MIN_OBSERVATIONS) {
    throw new AlphaFactoryError('too_few_observations', `a volatility model needs at least ${MIN_OBSERVATIONS} observations, got ${n}`, loc);
  }
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) y[k] = input[kept[k]];
  let mean = 0;
  for (let k = 0; k < n; k++) mean += y[k];
  mean /= n;
  let variance = 0;
  for (let k = 0; k < n; k++) variance += (y[k] - mean) * (y[k] - mean);
  variance /= n;
  if (!(variance > 0)) throw new AlphaFactoryError('zero_variance', 'the series is constant (zero variance); a volatility model cannot be fitted', loc);
  const warnings: string[] = [];
  let scale = 1;
  if (!(variance >= 0.1 && variance < 1e4)) {
    let rescale = 1;
    let v = variance;
    while (!(v >= 0.1 && v < 1e4)) {
      rescale = v < 1 ? rescale * 10 : rescale / 10;
      v = variance * rescale * rescale;
    }
    if (opts.rescale) {
      scale = rescale;
      for (let k = 0; k < n; k++) y[k] *= scale;
      warnings.push(`data rescaled by ${scale} (variance ${variance.toPrecision(4)} was outside [0.1, 1e4))`);
    } else {
      warnings.push(
        `y is poorly scaled, which may affect convergence of the optimizer when estimating the model parameters. ` +
          `The scale of y is ${variance.toPrecision(4)}. Parameter estimation works better when this value is between 1 and 1000. ` +
          `The recommended rescaling is ${rescale} * y (use --rescale / rescale: true).`,
      );
    }
  }
  return { y, kept, scale, warnings };
}
