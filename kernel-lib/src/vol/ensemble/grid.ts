/**
 * Fit a grid of model specs to one series, rank them by AIC or BIC and forecast with the
 * information-criterion weights (a failed or non-converged fit gets weight 0 and its reason).
 *
 *   const g = fitGrid(returns, [{ vol: 'garch' }, { vol: 'gjr', dist: 't' }, { vol: 'egarch', dist: 'skewt' }]);
 *   g.best('bic').label; g.weights('aic'); g.forecast(10).variance
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { fitGarch } from '../fit';
import type { FitOptions } from '../fit';
import type { GarchResult } from '../result';
import type { GarchSpec } from '../spec';
import { specLabel } from '../spec';
import { NEGLIGIBLE_WEIGHT, informationWeights } from './weights';

export type Criterion = 'aic' | 'bic';

export interface GridEntry {
  spec: GarchSpec;
  label: string;
  ok: boolean;
  result: GarchResult | null;
  aic: number;
  bic: number;
  /** Why the entry has weight 0 (failed or non-converged fit), else null. */
  reason: string | null;
}

export class GridResult {
  constructor(readonly entries: GridEntry[]) {}

  weights(criterion: Criterion = 'aic'): Float64Array {
    return informationWeights(this.entries.map((e) => (e.ok ? e[criterion] : NaN)));
  }

  best(criterion: Criterion = 'aic'): GridEntry {
    let best: GridEntry | null = null;
    for (const e of this.entries) if (e.ok && (best === null || e[criterion] < best[criterion])) best = e;
    if (!best) throw new AlphaFactoryError('no_model', 'no model of the grid could be fitted: ' + this.entries.map((e) => `${e.label}: ${e.reason}`).join('; '));
    return best;
  }

  /**
   * Weighted variance forecast h = 1..horizon: sum_i w_i sigma2_i (simulation where no analytic
   * form exists). Models whose weight is below `minWeight` (default `NEGLIGIBLE_WEIGHT` = 1e-12)
   * are not forecast at all (no simulation) and the remaining weights are renormalised; they are
   * listed in `skipped` with their unpruned weights. `weights` are the weights used.
   */
  forecast(horizon = 1, criterion: Criterion = 'aic', opts: { minWeight?: number } = {}): { variance: Float64Array; mean: Float64Array; weights: Float64Array; skipped: Array<{ label: string; weight: number }> } {
    const minWeight = opts.minWeight ?? NEGLIGIBLE_WEIGHT;
    if (!(minWeight >= 0 && minWeight < 1)) throw new InvalidArgumentError(`minWeight must lie in [0, 1), got ${minWeight}`);
    const criteria = this.entries.map((e) => (e.ok ? e[criterion] : NaN));
    const raw = informationWeights(criteria);
    const w = informationWeights(criteria, minWeight);
    const skipped: Array<{ label: string; weight: number }> = [];
    const variance = new Float64Array(horizon);
    const mean = new Float64Array(horizon);
    this.entries.forEach((e, i) => {
      if (w[i] === 0 || !e.result) {
        if (raw[i] > 0) skipped.push({ label: e.label, weight: raw[i] });
        return;
      }
      let f;
      try {
        f = e.result.forecast(horizon);
      } catch {
        f = e.result.forecast(horizon, { method: 'simulation', simulations: 2000, rng: i + 1 });
      }
      for (let h = 0; h < horizon; h++) {
        variance[h] += w[i] * f.variance[h];
        mean[h] += w[i] * f.mean[h];
      }
    });
    return { variance, mean, weights: w, skipped };
  }

  /** One row per spec: label, loglik, AIC, BIC, weights, status. */
  table(): Array<{ label: string; loglik: number | null; aic: number | null; bic: number | null; aic_weight: number; bic_weight: number; ok: boolean; reason: string | null }> {
    const wa = this.weights('aic');
    const wb = this.weights('bic');
    return this.entries.map((e, i) => ({
      label: e.label,
      loglik: e.result ? e.result.loglik : null,
      aic: e.ok ? e.aic : null,
      bic: e.ok ? e.bic : null,
      aic_weight: wa[i],
      bic_weight: wb[i],
      ok: e.ok,
      reason: e.reason,
    }));
  }

  toString(): string {
    return this.table()
      .map((r) => `${r.label.padEnd(28)} ${r.aic === null ? 'n/a'.padStart(12) : r.aic.toFixed(2).padStart(12)} ${r.bic === null ? 'n/a'.padStart(12) : r.bic.toFixed(2).padStart(12)} ${r.aic_weight.toFixed(4).padStart(8)}${r.ok ? '' : `  (${r.reason})`}`)
      .join('\n');
  }
}

export function fitGrid(y: ArrayLike<number>, specs: GarchSpec[], opts: FitOptions = {}): GridResult {
  if (specs.length === 0) throw new InvalidArgumentError('fitGrid needs at least one spec');
  return new GridResult(
    specs.map((spec) => {
      const label = specLabel(spec);
      try {
        const r = fitGarch(y, spec, opts);
        const ok = r.converged && Number.isFinite(r.loglik);
        return { spec, label, ok, result: r, aic: r.aic, bic: r.bic, reason: ok ? null : `did not converge: ${r.reason}` };
      } catch (err) {
        return { spec, label, ok: false, result: null, aic: NaN, bic: NaN, reason: err instanceof AlphaFactoryError ? err.toLine() : err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}

/** The usual grid: GARCH, GJR, TARCH, EGARCH (1,1) x normal, t, skewt, GED. */
export function standardGrid(): GarchSpec[] {
  const out: GarchSpec[] = [];
  for (const vol of ['garch', 'gjr', 'tarch', 'egarch'] as const) for (const dist of ['normal', 't', 'skewt', 'ged'] as const) out.push({ vol, dist });
  return out;
}
