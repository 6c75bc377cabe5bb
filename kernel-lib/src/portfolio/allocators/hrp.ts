/**
 * Hierarchical risk parity (López de Prado 2016) exactly as PyPortfolioOpt's `HRPOpt.optimize()`:
 *
 * 1. distance d_ij = sqrt(clip((1 - ρ_ij) / 2, 0, 1)) from the correlation matrix;
 * 2. single-linkage clustering (scipy `linkage(..., "single")`: merges in order of distance, the
 *    cluster with the smaller id on the left), leaves read in pre-order (`to_tree().pre_order()`);
 * 3. recursive bisection of that ordered list into halves (by position, as PyPortfolioOpt does),
 *    splitting weight by α = 1 - V₁ / (V₁ + V₂), V = cluster variance under inverse-variance
 *    weights inside the cluster.
 *
 * With `returns`, correlation and covariance are pandas' pairwise-complete `corr()` / `cov()` of
 * those returns (NaN-ragged data as PyPortfolioOpt); otherwise they come from `cov` (correlation
 * rounded to 6 decimals, as PyPortfolioOpt's cov_matrix path). The budget scales the weights;
 * other bounds are applied by projection (`info.projected`).
 */
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import type { Matrix } from '../../math/linalg';
import { correlationFromCovariance } from '../covariance';
import { requireNoGaps } from '../covariance/estimate';
import { pairwiseCovariance, pairwiseCorrelation } from '../covariance/sample';
import { Allocation } from './allocation';
import { resolveConstraints } from './constraints';
import { optionalCov, requireCov } from './inputs';
import { finishTarget } from './simple';
import type { AllocationInput } from './types';

export interface Linkage {
  /** Rows [left id, right id, distance, size], ids >= n are earlier merges (n + row). */
  rows: [number, number, number, number][];
}

/** Single-linkage clustering of a condensed distance (full n x n matrix given). */
export function singleLinkage(dist: Matrix): Linkage {
  const n = dist.rows;
  // Prim's minimum spanning tree
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const edges: { a: number; b: number; d: number; order: number }[] = [];
  let cur = 0;
  inTree[0] = 1;
  for (let step = 0; step < n - 1; step++) {
    let next = -1;
    let nd = Infinity;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const d = dist.data[cur * n + j];
      if (d < best[j]) {
        best[j] = d;
        from[j] = cur;
      }
      if (best[j] < nd || next < 0) {
        nd = best[j];
        next = j;
      }
    }
    inTree[next] = 1;
    edges.push({ a: from[next], b: next, d: nd, order: step });
    cur = next;
  }
  edges.sort((x, y) => x.d - y.d || x.order - y.order);
  // union-find labelling (scipy's `label`)
  const parent = new Int32Array(2 * n - 1).map((_v, i) => i);
  const size = new Int32Array(2 * n - 1).fill(1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const rows: [number, number, number, number][] = [];
  edges.forEach((e, k) => {
    const ra = find(e.a);
    const rb = find(e.b);
    const id = n + k;
    const lo = Math.min(ra, rb);
    const hi = Math.max(ra, rb);
    parent[ra] = id;
    parent[rb] = id;
    size[id] = size[ra] + size[rb];
    rows.push([lo, hi, e.d, size[id]]);
  });
  return { rows };
}

/** Leaves in pre-order (left first), as scipy's `to_tree(link).pre_order()`. */
export function preOrder(link: Linkage, n: number): number[] {
  if (n === 1) return [0];
  const out: number[] = [];
  const stack = [n + link.rows.length - 1];
  while (stack.length) {
    const id = stack.pop() as number;
    if (id < n) out.push(id);
    else {
      const [l, r] = link.rows[id - n];
      stack.push(r, l);
    }
  }
  return out;
}

function clusterVariance(cov: Matrix, items: number[]): number {
  const n = cov.rows;
  const w = items.map((i) => 1 / cov.data[i * n + i]);
  const s = w.reduce((a, b) => a + b, 0);
  let v = 0;
  for (let a = 0; a < items.length; a++) for (let b = 0; b < items.length; b++) {
    v += (w[a] / s) * (w[b] / s) * cov.data[items[a] * n + items[b]];
  }
  return v;
}

/** Raw HRP weights (sum 1) from a covariance (for variances) and a correlation (for the tree). */
export function hrpWeights(cov: Matrix, corr: Matrix): { weights: Float64Array; order: number[]; linkage: Linkage } {
  const n = cov.rows;
  for (let i = 0; i < n; i++) {
    if (!(cov.data[i * n + i] > 0)) throw new InvalidArgumentError(`HRP needs positive variances; asset ${i} has ${cov.data[i * n + i]}`);
  }
  const dist = { rows: n, cols: n, data: new Float64Array(n * n) };
  for (let k = 0; k < n * n; k++) {
    const v = corr.data[k];
    if (Number.isNaN(v)) throw new AlphaFactoryError('insufficient_overlap', 'HRP: correlation matrix has missing entries');
    dist.data[k] = Math.sqrt(Math.min(Math.max((1 - v) / 2, 0), 1));
  }
  const linkage = singleLinkage(dist);
  const order = preOrder(linkage, n);
  const w = new Float64Array(n).fill(1);
  let clusters: number[][] = [order];
  while (clusters.length > 0) {
    const next: number[][] = [];
    for (const c of clusters) {
      if (c.length > 1) {
        const h = Math.floor(c.length / 2);
        next.push(c.slice(0, h), c.slice(h));
      }
    }
    clusters = next;
    for (let k = 0; k < clusters.length; k += 2) {
      const v1 = clusterVariance(cov, clusters[k]);
      const v2 = clusterVariance(cov, clusters[k + 1]);
      const alpha = 1 - v1 / (v1 + v2);
      for (const i of clusters[k]) w[i] *= alpha;
      for (const i of clusters[k + 1]) w[i] *= 1 - alpha;
    }
  }
  return { weights: w, order, linkage };
}

export function hrp(input: AllocationInput): Allocation {
  const n = input.assets.length;
  let cov: Matrix;
  let corr: Matrix;
  if (input.returns) {
    if (input.returns.assets.length !== n) throw new InvalidArgumentError(`HRP: returns have ${input.returns.assets.length} assets, expected ${n}`);
    cov = { rows: n, cols: n, data: pairwiseCovariance(input.returns).cov };
    requireNoGaps(cov, input.assets, 'HRP');
    corr = pairwiseCorrelation(input.returns);
  } else {
    cov = requireCov(input, 'hrp');
    const c = correlationFromCovariance(cov);
    corr = { rows: n, cols: n, data: c.data.map((v) => Math.round(v * 1e6) / 1e6) };
  }
  const c = resolveConstraints(input.constraints, input.assets);
  const { weights, order } = hrpWeights(cov, corr);
  const { w, projected } = finishTarget(weights.map((v) => v * c.budget), c, input.assets);
  return new Allocation({
    method: 'hrp', assets: input.assets, weights: w, cov: optionalCov(input), expectedReturns: input.expectedReturns,
    riskFreeRate: input.riskFreeRate, info: { projected, order: order.map((i) => input.assets[i]).join(',') },
  });
}
