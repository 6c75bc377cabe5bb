/**
 * The result of a fitted univariate volatility model: everything a user asks next (parameters
 * with arch's names, standard errors, log-likelihood, AIC/BIC, conditional volatility,
 * forecasts, VaR) plus `toPayload()` for the notebook renderer and `toString()`.
 */
import { parameterCovariance } from './estimate';
import type { CovType, Estimate } from './estimate';
import type { ForecastOptions, VolForecast } from './forecast/forecast';
import { forecastModel } from './forecast/forecast';
import type { ArchModel } from './model';
import { valueAtRisk } from './risk/var';
import type { VarEstimate } from './risk/var';
import type { GarchSpec } from './spec';
import { specLabel } from './spec';

export interface VolatilityPayload {
  kind: 'volatility';
  version: 1;
  label: string;
  model: { mean: string; volatility: string; distribution: string; backcast: string };
  nobs: number;
  loglik: number | null;
  aic: number | null;
  bic: number | null;
  converged: boolean;
  reason: string;
  params: Array<{ name: string; value: number | null; std_err: number | null; t: number | null }>;
  conditional_volatility: { index: Array<string | number>; values: Array<number | null> };
  forecast: { horizon: number; method: string; mean: Array<number | null>; variance: Array<number | null> } | null;
  var: Array<{ level: number; var: number | null; es: number | null }>;
  warnings: string[];
}

export class GarchResult {
  readonly names: string[];
  readonly nobs: number;
  readonly loglik: number;
  readonly numParams: number;
  readonly aic: number;
  readonly bic: number;
  readonly converged: boolean;
  /** Why the optimiser stopped. */
  readonly reason: string;
  readonly iterations: number;
  readonly covType: string;
  private covCache: Float64Array | null;

  constructor(
    readonly model: ArchModel,
    readonly spec: GarchSpec,
    readonly paramVector: Float64Array,
    est: Estimate,
    /** Factor the data were multiplied by before fitting. */
    readonly scale = 1,
    readonly warnings: string[] = [],
    /** Labels of the fitted observations (dates or indices) for payloads. */
    readonly index: Array<string | number> | null = null,
  ) {
    this.names = model.parameterNames();
    this.nobs = model.n;
    this.loglik = est.loglik;
    this.numParams = model.K;
    this.aic = -2 * this.loglik + 2 * this.numParams;
    this.bic = -2 * this.loglik + this.numParams * Math.log(this.nobs);
    this.converged = est.converged;
    this.reason = est.reason;
    this.iterations = est.iterations;
    this.covType = est.covType;
    this.covCache = est.cov.length === this.numParams * this.numParams && est.cov.some((v) => !Number.isNaN(v)) ? est.cov : null;
    this.fixed = est.reason === 'parameters fixed';
  }

  private readonly fixed: boolean;

  /** Parameter covariance (K x K, row-major), computed on first use (robust or classic per `covType`). */
  get cov(): Float64Array {
    if (!this.covCache) {
      this.covCache = this.fixed ? new Float64Array(this.numParams * this.numParams).fill(NaN) : parameterCovariance(this.model, this.paramVector, this.covType as CovType);
    }
    return this.covCache;
  }

  /** Parameters keyed by arch's names (`mu`, `omega`, `alpha[1]`, `gamma[1]`, `beta[1]`, `nu`, `eta`, `lambda`). */
  get params(): Record<string, number> {
    const out: Record<string, number> = {};
    this.names.forEach((n, i) => (out[n] = this.paramVector[i]));
    return out;
  }

  /** Standard errors keyed like `params` (NaN when the covariance could not be computed). */
  get stdErr(): Record<string, number> {
    const out: Record<string, number> = {};
    const K = this.numParams;
    this.names.forEach((n, i) => (out[n] = Math.sqrt(this.cov[i * K + i])));
    return out;
  }

  get label(): string {
    return specLabel(this.spec);
  }

  /** Residuals e_t of the fitted sample. */
  get resid(): Float64Array {
    return this.model.resids(this.paramVector);
  }

  /** Conditional variances sigma2_t of the fitted sample. */
  get conditionalVariance(): Float64Array {
    return this.model.conditionalVariance(this.paramVector);
  }

  /** Conditional volatility sigma_t. */
  get conditionalVolatility(): Float64Array {
    return this.conditionalVariance.map(Math.sqrt);
  }

  /** Standardised residuals e_t / sigma_t. */
  get stdResid(): Float64Array {
    const e = this.resid;
    const s2 = this.conditionalVariance;
    return e.map((v, t) => v / Math.sqrt(s2[t]));
  }

  /** Forecasts for h = 1..horizon (analytic by default; simulation/bootstrap seeded). */
  forecast(horizon = 1, opts: ForecastOptions = {}): VolForecast {
    return forecastModel(this.model, this.paramVector, horizon, opts);
  }

  /** One-step value at risk and expected shortfall at tail probability `level` (e.g. 0.01), as positive losses. */
  valueAtRisk(level = 0.01): VarEstimate {
    const f = this.forecast(1);
    return valueAtRisk(this.model.dist, this.paramVector.subarray(this.model.kMean + this.model.kVol), f.mean[0], f.variance[0], level);
  }

  toPayload(opts: { horizon?: number; levels?: number[]; maxPoints?: number } = {}): VolatilityPayload {
    const horizon = opts.horizon ?? 10;
    let forecast: VolatilityPayload['forecast'] = null;
    try {
      let f: VolForecast;
      try {
        f = this.forecast(horizon);
      } catch {
        f = this.forecast(horizon, { method: 'simulation', rng: 0 });
      }
      forecast = { horizon, method: f.method, mean: Array.from(f.mean, clean), variance: Array.from(f.variance, clean) };
    } catch {
      forecast = null;
    }
    const se = this.stdErr;
    const vol = this.conditionalVolatility;
    const maxPoints = opts.maxPoints ?? 5000;
    const step = Math.max(1, Math.ceil(vol.length / maxPoints));
    const idx: Array<string | number> = [];
    const vals: Array<number | null> = [];
    for (let t = 0; t < vol.length; t += step) {
      idx.push(this.index ? this.index[t] : t);
      vals.push(clean(vol[t]));
    }
    return {
      kind: 'volatility',
      version: 1,
      label: this.label,
      model: { mean: this.model.mean.name, volatility: this.model.vol.name, distribution: this.model.dist.name, backcast: this.model.backcastMode },
      nobs: this.nobs,
      loglik: clean(this.loglik),
      aic: clean(this.aic),
      bic: clean(this.bic),
      converged: this.converged,
      reason: this.reason,
      params: this.names.map((n, i) => ({ name: n, value: clean(this.paramVector[i]), std_err: clean(se[n]), t: clean(this.paramVector[i] / se[n]) })),
      conditional_volatility: { index: idx, values: vals },
      forecast,
      var: (opts.levels ?? [0.01, 0.05]).map((level) => {
        const v = this.valueAtRisk(level);
        return { level, var: clean(v.var), es: clean(v.es) };
      }),
      warnings: this.warnings,
    };
  }

  toString(): string {
    const se = this.stdErr;
    const lines = [
      `${this.model.mean.name} - ${this.model.vol.name} - ${this.model.dist.name}  (${this.label})`,
      `nobs ${this.nobs}   loglik ${this.loglik.toFixed(4)}   AIC ${this.aic.toFixed(2)}   BIC ${this.bic.toFixed(2)}`,
      `converged: ${this.converged} (${this.reason}); std errors: ${this.covType}`,
      `${'param'.padEnd(10)} ${'coef'.padStart(12)} ${'std err'.padStart(12)} ${'t'.padStart(8)}`,
      ...this.names.map((n, i) => {
        const v = this.paramVector[i];
        return `${n.padEnd(10)} ${v.toPrecision(6).padStart(12)} ${se[n].toPrecision(4).padStart(12)} ${(v / se[n]).toFixed(2).padStart(8)}`;
      }),
    ];
    if (this.warnings.length) lines.push(...this.warnings.map((w) => `warning: ${w}`));
    return lines.join('\n');
  }
}

function clean(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
