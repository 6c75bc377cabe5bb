/**
 * AlphaForge's dynamic combination (Shi et al., AAAI 2025; `combine_AFF.py` of
 * DulyHao/AlphaForge), on each date t over the realised window:
 * 1. each factor's RankIC mean and RankICIR (mean / std) over the window;
 * 2. keep factors with RankIC > minRankIC (0.02) and RankICIR > minRankICIR (0.2); if none
 *    pass, keep the single factor with the largest RankICIR ("best one" fallback);
 * 3. sort the kept factors by |RankICIR| and take the top `topN` (10);
 * 4. pooled OLS with intercept of the label on their z-scores over every (date, asset) of the
 *    window with a finite label;
 * 5. mega-alpha(t) = the fit's prediction from date t's z-scores.
 * With AlphaForge's 20-day vwap label use horizon 21 (the label reads vwap at t + 21).
 */
import type { CombinerRule } from './engine';

export interface AlphaForgeOptions {
  minRankIC?: number;
  minRankICIR?: number;
  topN?: number;
}

export function alphaForgeWeights(opts: AlphaForgeOptions = {}): CombinerRule {
  const minRankIC = opts.minRankIC ?? 0.02;
  const minRankICIR = opts.minRankICIR ?? 0.2;
  const topN = opts.topN ?? 10;
  return {
    method: 'alphaforge',
    weights: (ctx) => {
      const ric = new Float64Array(ctx.K);
      const ricir = new Float64Array(ctx.K);
      for (let k = 0; k < ctx.K; k++) {
        const s = ctx.stat('rankIC', k);
        ric[k] = s.mean;
        ricir[k] = s.ir;
      }
      let keep = [...ric.keys()].filter((k) => ric[k] > minRankIC && ricir[k] > minRankICIR);
      if (keep.length === 0) {
        let best = -1;
        for (let k = 0; k < ctx.K; k++) if (Number.isFinite(ricir[k]) && (best < 0 || ricir[k] > ricir[best])) best = k;
        if (best < 0) return null;
        keep = [best];
      }
      keep.sort((a, b) => Math.abs(ricir[b]) - Math.abs(ricir[a]) || a - b);
      keep = keep.slice(0, topN);
      const beta = ctx.ols(keep);
      if (!beta) return null;
      const w = new Float64Array(ctx.K);
      keep.forEach((k, j) => (w[k] = beta[j + 1]));
      return { weights: w, intercept: beta[0], selected: keep };
    },
  };
}
