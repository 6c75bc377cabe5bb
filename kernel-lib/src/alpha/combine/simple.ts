/**
 * The two simplest combiners.
 * - equal: w_k = 1 / K on the z-scores, every date (no label needed; the warm-up still applies
 *   so that all combiners start on the same date).
 * - IC-weighted: w_k(t) = mean IC_k over the realised window, scaled so that sum_k |w_k| = 1
 *   (a factor with negative IC gets a negative weight; all-NaN ICs give equal weights).
 */
import type { CombinerRule } from './engine';
import type { StatKind } from './stats';

export function equalWeights(): CombinerRule {
  return {
    method: 'equal',
    weights: (ctx) => ({ weights: new Float64Array(ctx.K).fill(1 / ctx.K) }),
  };
}

export function icWeights(kind: StatKind = 'ic'): CombinerRule {
  return {
    method: kind === 'rankIC' ? 'rank-ic-weighted' : 'ic-weighted',
    weights: (ctx) => {
      const w = new Float64Array(ctx.K);
      let gross = 0;
      for (let k = 0; k < ctx.K; k++) {
        const m = ctx.stat(kind, k).mean;
        w[k] = Number.isFinite(m) ? m : 0;
        gross += Math.abs(w[k]);
      }
      if (gross > 0) for (let k = 0; k < ctx.K; k++) w[k] /= gross;
      else w.fill(1 / ctx.K);
      return { weights: w };
    },
  };
}
