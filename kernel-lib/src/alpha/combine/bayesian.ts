/**
 * Dynamic Bayesian weighting (the reference's Two Sigma sketch), per factor k on date t:
 * - prior p_k       = hit rate of its daily IC over the whole realised window (share of days
 *                     whose IC has the sign of the window's mean IC);
 * - reliability r_k = the same hit rate over the most recent `regimeWindow` days of the
 *                     window (the current regime);
 * - posterior       = p r / (p r + (1 - p)(1 - r));
 * - w_k = sign(mean IC_k) x posterior_k x confidence_k (default 0.5 for every factor),
 *   scaled so that sum_k |w_k| = 1.
 */
import type { CombinerRule } from './engine';

export function bayesianPosterior(prior: number, reliability: number): number {
  const a = prior * reliability;
  const b = (1 - prior) * (1 - reliability);
  return a + b > 0 ? a / (a + b) : 0.5;
}

export interface BayesianOptions {
  regimeWindow?: number;
  /** Confidence per factor (default 0.5 each). */
  confidence?: number[];
}

function hitRate(series: Float64Array, sign: number, from: number): number {
  let n = 0;
  let hit = 0;
  for (let s = from; s < series.length; s++) {
    const v = series[s];
    if (!Number.isFinite(v)) continue;
    n++;
    if (v * sign > 0) hit++;
  }
  return n > 0 ? hit / n : 0.5;
}

export function bayesianWeights(opts: BayesianOptions = {}): CombinerRule {
  const regime = opts.regimeWindow ?? 20;
  return {
    method: 'bayesian',
    weights: (ctx) => {
      const w = new Float64Array(ctx.K);
      let gross = 0;
      for (let k = 0; k < ctx.K; k++) {
        const ic = ctx.window('ic', k);
        const m = ctx.stat('ic', k).mean;
        const sign = m >= 0 ? 1 : -1;
        const p = hitRate(ic, sign, 0);
        const r = hitRate(ic, sign, Math.max(0, ic.length - regime));
        w[k] = Number.isFinite(m) ? sign * bayesianPosterior(p, r) * (opts.confidence?.[k] ?? 0.5) : 0;
        gross += Math.abs(w[k]);
      }
      if (!(gross > 0)) return null;
      for (let k = 0; k < ctx.K; k++) w[k] /= gross;
      return { weights: w };
    },
  };
}
