/**
 * One fit of a batch, reduced to plain data (what crosses a worker boundary). A failure is
 * caught and reported as `ok: false` with its message: one bad series never stops a batch.
 */
import { AlphaFactoryError } from '../../errors';
import { fitGarch } from '../fit';
import type { FitOptions } from '../fit';
import type { GarchSpec } from '../spec';
import { specLabel } from '../spec';

export interface BatchFitResult {
  /** Position of the series in the input. */
  index: number;
  ok: boolean;
  label: string;
  nobs?: number;
  params?: Record<string, number>;
  loglik?: number;
  aic?: number;
  bic?: number;
  converged?: boolean;
  reason?: string;
  /** Variance forecasts h = 1..horizon (analytic, or seeded simulation where none exists). */
  forecastVariance?: number[];
  /** Error message when ok is false. */
  error?: string;
  code?: string;
}

export interface BatchFitOptions {
  /** Forecast horizon to return (default 1). */
  horizon?: number;
  backcast?: FitOptions['backcast'];
  dropna?: boolean;
  rescale?: boolean;
}

export function fitOne(index: number, y: ArrayLike<number>, spec: GarchSpec, opts: BatchFitOptions = {}): BatchFitResult {
  const label = specLabel(spec);
  try {
    const r = fitGarch(y, spec, { backcast: opts.backcast, dropna: opts.dropna, rescale: opts.rescale });
    const h = opts.horizon ?? 1;
    let fv: Float64Array;
    try {
      fv = r.forecast(h).variance;
    } catch {
      fv = r.forecast(h, { method: 'simulation', rng: index + 1, simulations: 500 }).variance;
    }
    return {
      index,
      ok: true,
      label,
      nobs: r.nobs,
      params: r.params,
      loglik: r.loglik,
      aic: r.aic,
      bic: r.bic,
      converged: r.converged,
      reason: r.reason,
      forecastVariance: Array.from(fv),
    };
  } catch (err) {
    return {
      index,
      ok: false,
      label,
      error: err instanceof AlphaFactoryError ? err.toLine() : err instanceof Error ? err.message : String(err),
      code: err instanceof AlphaFactoryError ? err.code : 'internal_error',
    };
  }
}
