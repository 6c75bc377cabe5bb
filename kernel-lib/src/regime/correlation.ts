import { InvalidArgumentError } from '../errors';
import { tCdf } from '../math/special';
import { quantileSorted } from '../metrics/tail';

/** Pearson correlation with its two-sided p-value (t test with n - 2 degrees of freedom, as scipy's pearsonr). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): { correlation: number; pValue: number; n: number } {
  const n = a.length;
  if (b.length !== n) throw new InvalidArgumentError(`pearson: series have ${n} and ${b.length} values`);
  if (n < 3) throw new InvalidArgumentError(`pearson needs at least 3 pairs, got ${n}`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  if (!(saa > 0 && sbb > 0)) throw new InvalidArgumentError('pearson: a series is constant (zero variance)');
  const r = Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
  const df = n - 2;
  const p = Math.abs(r) === 1 ? 0 : 2 * tCdf(-Math.abs(r) * Math.sqrt(df / (1 - r * r)), df);
  return { correlation: r, pValue: p, n };
}

export interface RegimeCorrelation {
  regime: 'bull' | 'bear' | 'sideways';
  correlation: number;
  pValue: number;
  sampleCount: number;
}

/**
 * Correlation of two return series within market regimes (the reference's
 * `regime_conditional_correlation`): bull when the market return is above its 0.67 quantile, bear
 * below its 0.33 quantile (linear-interpolated quantiles, as pandas), sideways otherwise; a regime
 * with 5 samples or fewer is left out.
 */
export function regimeConditionalCorrelation(a: ArrayLike<number>, b: ArrayLike<number>, market: ArrayLike<number>): RegimeCorrelation[] {
  const n = market.length;
  if (a.length !== n || b.length !== n) throw new InvalidArgumentError(`regimeConditionalCorrelation: lengths ${a.length}, ${b.length} and ${n} differ`);
  const s = Float64Array.from(market).sort();
  const hi = quantileSorted(s, 0.67);
  const lo = quantileSorted(s, 0.33);
  const out: RegimeCorrelation[] = [];
  for (const regime of ['bull', 'bear', 'sideways'] as const) {
    const xa: number[] = [];
    const xb: number[] = [];
    for (let i = 0; i < n; i++) {
      const m = market[i];
      const r = m > hi ? 'bull' : m < lo ? 'bear' : 'sideways';
      if (r === regime) {
        xa.push(a[i]);
        xb.push(b[i]);
      }
    }
    if (xa.length <= 5) continue;
    const p = pearson(xa, xb);
    out.push({ regime, correlation: p.correlation, pValue: p.pValue, sampleCount: xa.length });
  }
  return out;
}

/**
 * Correlation matrix of the assets within each state of a regime path (e.g. an HMM's Viterbi
 * states): `returns` is T x N row-major, `states` has T labels in 0..K-1. States with fewer than 3
 * observations give null.
 */
export function stateCorrelations(returns: ArrayLike<number>, nAssets: number, states: ArrayLike<number>, nStates: number): (Float64Array | null)[] {
  const T = states.length;
  if (returns.length !== T * nAssets) throw new InvalidArgumentError(`stateCorrelations: ${returns.length} returns for ${T} dates x ${nAssets} assets`);
  const out: (Float64Array | null)[] = [];
  for (let k = 0; k < nStates; k++) {
    const rows: number[] = [];
    for (let t = 0; t < T; t++) if (states[t] === k) rows.push(t);
    if (rows.length < 3) {
      out.push(null);
      continue;
    }
    const m = new Float64Array(nAssets);
    for (const t of rows) for (let i = 0; i < nAssets; i++) m[i] += returns[t * nAssets + i];
    for (let i = 0; i < nAssets; i++) m[i] /= rows.length;
    const C = new Float64Array(nAssets * nAssets);
    for (const t of rows) for (let i = 0; i < nAssets; i++) {
      const di = returns[t * nAssets + i] - m[i];
      for (let j = 0; j <= i; j++) C[i * nAssets + j] += di * (returns[t * nAssets + j] - m[j]);
    }
    const R = new Float64Array(nAssets * nAssets);
    for (let i = 0; i < nAssets; i++) for (let j = 0; j <= i; j++) {
      const v = C[i * nAssets + j] / Math.sqrt(C[i * nAssets + i] * C[j * nAssets + j]);
      R[i * nAssets + j] = v;
      R[j * nAssets + i] = v;
    }
    out.push(R);
  }
  return out;
}
