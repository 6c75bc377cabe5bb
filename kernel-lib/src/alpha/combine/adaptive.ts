/**
 * Adaptive weighting (the reference's Man AHL sketch): w = Sharpe weight x (1 - drawdown
 * penalty) x regime adjustment, normalised to sum 1. On the factor-return series (per unit of
 * z-score exposure) over the realised window, per factor k:
 * - Sharpe weight = max(0, annualised Sharpe) (empyrical `sharpe`, 252 periods);
 * - drawdown penalty = min(1, |max drawdown| / maxDrawdown) of the series rescaled to
 *   `targetVol` daily volatility (default 1%), so the penalty does not depend on factor units;
 * - regime adjustment = `regime(t, k)` (default 1), e.g. from a regime model.
 * If every weight is 0, the date has no weights (warm-up continues).
 */
import { maxDrawdown, sharpe } from '../../metrics';
import type { CombinerRule } from './engine';

export interface AdaptiveOptions {
  /** Drawdown at which the penalty reaches 1 (default 0.2). */
  maxDrawdown?: number;
  targetVol?: number;
  regime?: (t: number, k: number) => number;
}

export function adaptiveWeights(opts: AdaptiveOptions = {}): CombinerRule {
  const ddLimit = opts.maxDrawdown ?? 0.2;
  const target = opts.targetVol ?? 0.01;
  return {
    method: 'adaptive',
    weights: (ctx) => {
      const w = new Float64Array(ctx.K);
      let total = 0;
      for (let k = 0; k < ctx.K; k++) {
        const r = Array.from(ctx.window('factorReturn', k)).filter(Number.isFinite);
        if (r.length < 3) continue;
        const st = ctx.stat('factorReturn', k);
        if (!(st.std > 0)) continue;
        const sr = sharpe(r);
        const scaled = r.map((x) => (x * target) / st.std);
        const penalty = Math.min(1, Math.abs(maxDrawdown(scaled)) / ddLimit);
        w[k] = Math.max(0, sr) * (1 - penalty) * (opts.regime?.(ctx.t, k) ?? 1);
        total += w[k];
      }
      if (!(total > 0)) return null;
      for (let k = 0; k < ctx.K; k++) w[k] /= total;
      return { weights: w };
    },
  };
}
