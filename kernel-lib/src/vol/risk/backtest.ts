/**
 * VaR backtests on a hit sequence I_t = 1[loss_t > VaR_t]:
 *
 * - Kupiec (1995) proportion of failures: LR_pof = -2 ln[(1-p)^(n-x) p^x / ((1-x/n)^(n-x) (x/n)^x)] ~ chi2(1);
 * - Christoffersen (1998) independence: with transition counts n_ij (i -> j),
 *   LR_ind = -2 ln[(1-pi)^(n00+n10) pi^(n01+n11) / ((1-pi0)^n00 pi0^n01 (1-pi1)^n10 pi1^n11)] ~ chi2(1);
 * - conditional coverage LR_cc = LR_pof + LR_ind ~ chi2(2).
 * 0 ln 0 is taken as 0.
 */
import { InvalidArgumentError } from '../../errors';
import { chi2Sf } from '../../math/special';

export interface LrTest {
  statistic: number;
  pValue: number;
  df: number;
}

export interface VarBacktest {
  level: number;
  n: number;
  violations: number;
  rate: number;
  kupiec: LrTest;
  independence: LrTest;
  conditionalCoverage: LrTest;
  transitions: { n00: number; n01: number; n10: number; n11: number };
}

function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

export function kupiecPof(hits: ArrayLike<number | boolean>, level: number): LrTest {
  const n = hits.length;
  let x = 0;
  for (let i = 0; i < n; i++) if (hits[i]) x++;
  const pHat = x / n;
  const lr = -2 * (xlogy(n - x, 1 - level) + xlogy(x, level) - xlogy(n - x, 1 - pHat) - xlogy(x, pHat));
  const stat = Math.max(lr, 0);
  return { statistic: stat, pValue: chi2Sf(stat, 1), df: 1 };
}

export function christoffersenIndependence(hits: ArrayLike<number | boolean>): { test: LrTest; n00: number; n01: number; n10: number; n11: number } {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1] ? 1 : 0;
    const b = hits[i] ? 1 : 0;
    if (a === 0 && b === 0) n00++;
    else if (a === 0) n01++;
    else if (b === 0) n10++;
    else n11++;
  }
  const pi0 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi1 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  const stat = Math.max(-2 * (l0 - l1), 0);
  return { test: { statistic: stat, pValue: chi2Sf(stat, 1), df: 1 }, n00, n01, n10, n11 };
}

/** All three tests on a hit sequence at tail probability `level`. */
export function backtestVar(hits: ArrayLike<number | boolean>, level: number): VarBacktest {
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`VaR level must be in (0, 1), got ${level}`);
  if (hits.length < 2) throw new InvalidArgumentError('a VaR backtest needs at least 2 forecasts');
  const kupiec = kupiecPof(hits, level);
  const ind = christoffersenIndependence(hits);
  const cc = kupiec.statistic + ind.test.statistic;
  let x = 0;
  for (let i = 0; i < hits.length; i++) if (hits[i]) x++;
  return {
    level,
    n: hits.length,
    violations: x,
    rate: x / hits.length,
    kupiec,
    independence: ind.test,
    conditionalCoverage: { statistic: cc, pValue: chi2Sf(cc, 2), df: 2 },
    transitions: { n00: ind.n00, n01: ind.n01, n10: ind.n10, n11: ind.n11 },
  };
}

/** Hits of realised returns against VaR forecasts (positive-loss convention): 1 when -r_t > VaR_t. */
export function varHits(returns: ArrayLike<number>, varForecasts: ArrayLike<number>): Uint8Array {
  if (returns.length !== varForecasts.length) throw new InvalidArgumentError('returns and VaR forecasts differ in length');
  const out = new Uint8Array(returns.length);
  for (let i = 0; i < returns.length; i++) out[i] = -returns[i] > varForecasts[i] ? 1 : 0;
  return out;
}
