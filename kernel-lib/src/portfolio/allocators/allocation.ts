/**
 * `Allocation`: the result of every allocator: weights per asset plus cash, with the portfolio's
 * expected return, volatility, Sharpe and risk contributions when the inputs allow.
 *
 * Conventions (PyPortfolioOpt's `portfolio_performance`): expected return = wᵀμ, volatility =
 * sqrt(wᵀΣw), Sharpe = (return - rf) / volatility, all annualised as the inputs are. Risk
 * contribution RC_i = w_i (Σw)_i / σ_p (they sum to σ_p); `riskShares` = RC_i / σ_p (sum to 1).
 */
import { dot, matVec, type Matrix } from '../../math/linalg';

export interface AllocationPayload {
  kind: 'allocation';
  version: 1;
  method: string;
  assets: string[];
  weights: (number | null)[];
  cash: number | null;
  expected_return: number | null;
  volatility: number | null;
  sharpe: number | null;
  risk_free_rate: number | null;
  risk_contributions: (number | null)[] | null;
  info: Record<string, number | string | boolean | null>;
}

const fin = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

export class Allocation {
  readonly method: string;
  readonly assets: readonly string[];
  readonly weights: Float64Array;
  /** 1 - Σ w. */
  readonly cash: number;
  readonly expectedReturn?: number;
  readonly volatility?: number;
  readonly sharpe?: number;
  readonly riskFreeRate: number;
  /** RC_i = w_i (Σw)_i / σ_p, when a covariance is known. */
  readonly riskContributions?: Float64Array;
  /** Method-specific extras (shrinkage, iterations, scale factors, ...). */
  readonly info: Record<string, number | string | boolean | null>;

  constructor(init: {
    method: string;
    assets: readonly string[];
    weights: Float64Array;
    cov?: Matrix;
    expectedReturns?: ArrayLike<number>;
    riskFreeRate?: number;
    info?: Record<string, number | string | boolean | null>;
  }) {
    this.method = init.method;
    this.assets = init.assets.slice();
    const w = init.weights;
    for (let i = 0; i < w.length; i++) if (Math.abs(w[i]) < 1e-15) w[i] = 0; // no "-0"/1e-17 dust
    this.weights = w;
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i];
    this.cash = Math.abs(1 - s) < 1e-12 ? 0 : 1 - s;
    this.riskFreeRate = init.riskFreeRate ?? 0;
    this.info = init.info ?? {};
    if (init.cov) {
      const Sw = matVec(init.cov, w);
      const variance = dot(w, Sw);
      const vol = Math.sqrt(Math.max(variance, 0));
      this.volatility = vol;
      const rc = new Float64Array(w.length);
      for (let i = 0; i < w.length; i++) rc[i] = vol > 0 ? (w[i] * Sw[i]) / vol : 0;
      this.riskContributions = rc;
    }
    if (init.expectedReturns) {
      this.expectedReturn = dot(w, init.expectedReturns);
      if (this.volatility !== undefined && this.volatility > 0) {
        this.sharpe = (this.expectedReturn - this.riskFreeRate) / this.volatility;
      }
    }
  }

  /** Weight of one asset. */
  weight(asset: string): number {
    const i = this.assets.indexOf(asset);
    return i < 0 ? 0 : this.weights[i];
  }

  /** Weights as a plain object (asset -> weight). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    this.assets.forEach((a, i) => (out[a] = this.weights[i]));
    return out;
  }

  /** Risk contributions as shares of total risk (sum to 1). */
  riskShares(): Float64Array | undefined {
    if (!this.riskContributions || !this.volatility) return undefined;
    return this.riskContributions.map((r) => r / (this.volatility as number));
  }

  toPayload(): AllocationPayload {
    return {
      kind: 'allocation',
      version: 1,
      method: this.method,
      assets: [...this.assets],
      weights: Array.from(this.weights, (v) => fin(v)),
      cash: fin(this.cash),
      expected_return: fin(this.expectedReturn),
      volatility: fin(this.volatility),
      sharpe: fin(this.sharpe),
      risk_free_rate: fin(this.riskFreeRate),
      risk_contributions: this.riskContributions ? Array.from(this.riskContributions, (v) => fin(v)) : null,
      info: Object.fromEntries(Object.entries(this.info).map(([k, v]) => [k, typeof v === 'number' ? fin(v) : v])),
    };
  }

  toString(): string {
    const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
    const width = Math.max(5, ...this.assets.map((a) => a.length));
    const lines = [`Allocation (${this.method}), ${this.assets.length} assets`];
    const order = this.assets.map((_a, i) => i).sort((a, b) => this.weights[b] - this.weights[a]);
    for (const i of order) lines.push(`  ${this.assets[i].padEnd(width)}  ${pct(this.weights[i]).padStart(8)}`);
    if (this.cash !== 0) lines.push(`  ${'cash'.padEnd(width)}  ${pct(this.cash).padStart(8)}`);
    const perf: string[] = [];
    if (this.expectedReturn !== undefined) perf.push(`expected return ${pct(this.expectedReturn)}`);
    if (this.volatility !== undefined) perf.push(`volatility ${pct(this.volatility)}`);
    if (this.sharpe !== undefined) perf.push(`Sharpe ${this.sharpe.toFixed(3)} (rf ${this.riskFreeRate})`);
    if (perf.length) lines.push(perf.join(', '));
    return lines.join('\n');
  }
}
