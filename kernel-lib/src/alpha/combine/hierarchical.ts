/**
 * The 3-level hierarchical ensemble (the reference's WorldQuant-style pipeline), on the
 * factors' daily returns per unit of z-score exposure over the realised window:
 * 1. alphas -> strategies: average-linkage clustering on 1 - correlation, merging while the
 *    closest clusters correlate at >= `clusterCorrelation` (default 0.5); inside a cluster a
 *    weighted average with weights mean IC_k / sum |mean IC| (equal if all ICs are 0);
 * 2. strategies -> portfolio: risk parity (equal risk contributions w_s (C w)_s, found by the
 *    multiplicative fixed point w_s <- w_s sqrt(target / RC_s)), on the strategies' covariance;
 * 3. leverage: Kelly fraction f = kellyFraction x mean / variance of the portfolio's daily
 *    return, clipped to [0, maxLeverage] (defaults 0.5 "half Kelly", 2).
 * Factor weight = f x risk-parity weight of its strategy x its weight inside the strategy.
 */
import type { CombinerRule } from './engine';
import { completeSeries, rowCovariance } from './windowSeries';

export interface HierarchicalOptions {
  clusterCorrelation?: number;
  kellyFraction?: number;
  maxLeverage?: number;
}

/** Average-linkage clusters (lists of row indices) of a correlation matrix. */
export function clusterByCorrelation(corr: Float64Array, K: number, minCorrelation: number): number[][] {
  let clusters = [...Array(K).keys()].map((k) => [k]);
  const link = (a: number[], b: number[]) => {
    let s = 0;
    for (const i of a) for (const j of b) s += corr[i * K + j];
    return s / (a.length * b.length);
  };
  for (;;) {
    let best = -Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const c = link(clusters[i], clusters[j]);
        if (c > best) {
          best = c;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || !(best >= minCorrelation)) return clusters;
    const merged = [...clusters[bi], ...clusters[bj]].sort((a, b) => a - b);
    clusters = clusters.filter((_, k) => k !== bi && k !== bj);
    clusters.push(merged);
    clusters.sort((a, b) => a[0] - b[0]);
  }
}

/** Equal-risk-contribution weights (sum 1) of a covariance matrix. */
export function riskParityWeights(C: Float64Array, n: number, iterations = 500): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / Math.sqrt(Math.max(C[i * n + i], 1e-300));
  let s = w.reduce((a, x) => a + x, 0);
  for (let i = 0; i < n; i++) w[i] /= s;
  for (let it = 0; it < iterations; it++) {
    const Cw = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) Cw[i] += C[i * n + j] * w[j];
      total += w[i] * Cw[i];
    }
    if (!(total > 0)) break;
    for (let i = 0; i < n; i++) {
      const rc = w[i] * Cw[i];
      if (rc > 0) w[i] *= Math.sqrt(total / n / rc);
    }
    s = w.reduce((a, x) => a + x, 0);
    for (let i = 0; i < n; i++) w[i] /= s;
  }
  return w;
}

export function hierarchicalWeights(opts: HierarchicalOptions = {}): CombinerRule {
  const minCorr = opts.clusterCorrelation ?? 0.5;
  const kelly = opts.kellyFraction ?? 0.5;
  const maxLev = opts.maxLeverage ?? 2;
  return {
    method: 'hierarchical',
    weights: (ctx) => {
      const K = ctx.K;
      const { R, P } = completeSeries(ctx, 'factorReturn');
      if (P < 3) return null;
      const C = rowCovariance(R, K, P);
      const corr = new Float64Array(K * K);
      for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) corr[a * K + b] = C[a * K + b] / Math.sqrt(C[a * K + a] * C[b * K + b]) || 0;
      const clusters = clusterByCorrelation(corr, K, minCorr);
      // level 1: IC-weighted average inside each cluster
      const inner = new Float64Array(K);
      for (const cl of clusters) {
        const ics = cl.map((k) => ctx.stat('ic', k).mean).map((v) => (Number.isFinite(v) ? v : 0));
        const g = ics.reduce((a, x) => a + Math.abs(x), 0);
        cl.forEach((k, j) => (inner[k] = g > 0 ? ics[j] / g : 1 / cl.length));
      }
      const S = clusters.length;
      const strat = new Float64Array(S * P);
      clusters.forEach((cl, s) => {
        for (const k of cl) for (let j = 0; j < P; j++) strat[s * P + j] += inner[k] * R[k * P + j];
      });
      // level 2: risk parity across strategies
      const rp = riskParityWeights(rowCovariance(strat, S, P), S);
      // level 3: Kelly leverage on the portfolio's daily return
      const port = new Float64Array(P);
      for (let s = 0; s < S; s++) for (let j = 0; j < P; j++) port[j] += rp[s] * strat[s * P + j];
      const m = port.reduce((a, x) => a + x, 0) / P;
      const v = port.reduce((a, x) => a + (x - m) * (x - m), 0) / (P - 1);
      const lev = v > 0 ? Math.min(maxLev, Math.max(0, (kelly * m) / v)) : 0;
      const w = new Float64Array(K);
      clusters.forEach((cl, s) => {
        for (const k of cl) w[k] = lev * rp[s] * inner[k];
      });
      return { weights: w, selected: [...Array(K).keys()] };
    },
  };
}
