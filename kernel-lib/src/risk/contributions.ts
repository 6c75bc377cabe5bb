import { InvalidArgumentError } from '../errors';
import type { Matrix } from '../math/linalg';
import { normPpf } from '../math/special';
import { checkConfidence } from './var';

/** Risk decomposition of a portfolio's volatility (Euler allocation). */
export interface RiskContributions {
  /** sigma_p = sqrt(w^T Sigma w). */
  volatility: number;
  /** Marginal contribution to risk: MCR_i = (Sigma w)_i / sigma_p = d sigma_p / d w_i. */
  marginal: Float64Array;
  /** Component risk: RC_i = w_i MCR_i; sums to sigma_p exactly (Euler). */
  component: Float64Array;
  /** Share of risk: RC_i / sigma_p; sums to 1. */
  percent: Float64Array;
}

function checkShapes(w: ArrayLike<number>, cov: Matrix, what: string): void {
  const n = w.length;
  if (cov.rows !== n || cov.cols !== n) throw new InvalidArgumentError(`${what}: ${n} weights but a ${cov.rows}x${cov.cols} covariance`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(w[i])) throw new InvalidArgumentError(`${what}: weight ${i} is ${w[i]}`);
  for (let i = 0; i < cov.data.length; i++) if (!Number.isFinite(cov.data[i])) throw new InvalidArgumentError(`${what}: covariance entry (${Math.floor(i / n)}, ${i % n}) is ${cov.data[i]}`);
}

/** Sigma w. */
function covTimes(w: ArrayLike<number>, cov: Matrix): Float64Array {
  const n = w.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += cov.data[i * n + j] * w[j];
    out[i] = s;
  }
  return out;
}

/**
 * Marginal, component and percentage risk contributions of weights w under covariance Sigma:
 * `MCR = Sigma w / sigma_p`, `RC = w .* MCR` (sum RC = sigma_p), `pct = RC / sigma_p` (sum 1).
 * A zero-risk portfolio (sigma_p = 0) raises an error rather than dividing by zero.
 */
export function riskContributions(w: ArrayLike<number>, cov: Matrix): RiskContributions {
  checkShapes(w, cov, 'riskContributions');
  const sw = covTimes(w, cov);
  let v = 0;
  for (let i = 0; i < w.length; i++) v += w[i] * sw[i];
  if (!(v > 0)) throw new InvalidArgumentError(`riskContributions: portfolio variance is ${v} (zero-risk or non-PSD covariance)`);
  const vol = Math.sqrt(v);
  const n = w.length;
  const marginal = new Float64Array(n);
  const component = new Float64Array(n);
  const percent = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    marginal[i] = sw[i] / vol;
    component[i] = w[i] * marginal[i];
    percent[i] = component[i] / vol;
  }
  return { volatility: vol, marginal, component, percent };
}

/** Component VaR: parametric (zero-mean normal) VaR `z_c sigma_p` split as `z_c RC_i`; sums to the total. */
export interface ComponentVaR {
  confidence: number;
  /** Total VaR z_c sigma_p (positive loss, zero mean). */
  var: number;
  /** Marginal VaR z_c (Sigma w)_i / sigma_p. */
  marginal: Float64Array;
  /** Component VaR w_i x marginal VaR_i; sums to `var`. */
  component: Float64Array;
  /** Component / total; sums to 1. */
  percent: Float64Array;
}

/** Component VaR at `confidence` (default 0.95) with `z_c = Phi^{-1}(c)`; see {@link ComponentVaR}. */
export function componentVaR(w: ArrayLike<number>, cov: Matrix, confidence = 0.95): ComponentVaR {
  const c = checkConfidence(confidence);
  const rc = riskContributions(w, cov);
  const z = normPpf(c);
  return {
    confidence: c,
    var: z * rc.volatility,
    marginal: rc.marginal.map((x) => z * x),
    component: rc.component.map((x) => z * x),
    percent: rc.percent,
  };
}

/**
 * Diversification ratio `DR = (w^T sigma) / sqrt(w^T Sigma w)` with sigma_i = sqrt(Sigma_ii): the
 * weighted average volatility over the portfolio volatility; DR > 1 means diversification helps.
 */
export function diversificationRatio(w: ArrayLike<number>, cov: Matrix): number {
  checkShapes(w, cov, 'diversificationRatio');
  const n = w.length;
  let avg = 0;
  for (let i = 0; i < n; i++) avg += w[i] * Math.sqrt(cov.data[i * n + i]);
  const rc = riskContributions(w, cov);
  return avg / rc.volatility;
}

/** One row of the marginal risk report (the reference's `strategy_contribution_report`). */
export interface RiskReportRow {
  name: string;
  weight: number;
  marginalRisk: number;
  riskContribution: number;
  /** Risk contribution in percent of portfolio volatility (sums to 100). */
  riskContributionPct: number;
}

/** The per-asset (or per-strategy) report: weight, MCR, RC and RC % for each name. */
export function marginalRiskReport(names: readonly string[], w: ArrayLike<number>, cov: Matrix): RiskReportRow[] {
  if (names.length !== w.length) throw new InvalidArgumentError(`marginalRiskReport: ${names.length} names but ${w.length} weights`);
  const rc = riskContributions(w, cov);
  return names.map((name, i) => ({
    name,
    weight: w[i],
    marginalRisk: rc.marginal[i],
    riskContribution: rc.component[i],
    riskContributionPct: rc.percent[i] * 100,
  }));
}
