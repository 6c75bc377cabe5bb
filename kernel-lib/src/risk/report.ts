import type { Rng } from '../math/rng';
import { jsonNumber } from '../metrics/json';
import { checkReturns, mean, sampleStd, type Returns } from '../metrics/returns';
import { backtestVaR, type VaRBacktest } from './backtest-var';
import { monteCarloVaR } from './montecarlo';
import { historicalVaR, normalVaRFromReturns, studentTVaRFromReturns, tDegreesOfFreedom, type VaREstimate } from './var';
import { matrix } from '../math/linalg';

export interface VaRPayload {
  kind: 'var';
  version: 1;
  confidence: number;
  horizon: number;
  n_obs: number;
  estimates: { method: string; var: number | null; cvar: number | null }[];
  t_dof: number | null;
  backtest: null | {
    method: string;
    window: number;
    tested: number;
    breaches: number;
    expected_breaches: number;
    kupiec_lr: number | null;
    kupiec_p_value: number | null;
  };
}

/** VaR and CVaR of one return series by every method, with an optional rolling backtest. */
export class VaRReport {
  constructor(
    readonly nObs: number,
    readonly estimates: VaREstimate[],
    readonly tDof: number,
    readonly backtest?: VaRBacktest,
  ) {}

  get confidence(): number {
    return this.estimates[0].confidence;
  }

  /** The estimate of one method. */
  get(method: VaREstimate['method']): VaREstimate | undefined {
    return this.estimates.find((e) => e.method === method);
  }

  toPayload(): VaRPayload {
    const b = this.backtest;
    return {
      kind: 'var',
      version: 1,
      confidence: this.confidence,
      horizon: this.estimates[0].horizon,
      n_obs: this.nObs,
      estimates: this.estimates.map((e) => ({ method: e.method, var: jsonNumber(e.var), cvar: jsonNumber(e.cvar) })),
      t_dof: jsonNumber(this.tDof),
      backtest: b
        ? { method: b.method, window: b.window, tested: b.tested, breaches: b.breaches, expected_breaches: b.expectedBreaches, kupiec_lr: jsonNumber(b.kupiecLR), kupiec_p_value: jsonNumber(b.kupiecPValue) }
        : null,
    };
  }

  toString(): string {
    const lines = [`VaR report (${(this.confidence * 100).toFixed(1)}%, ${this.nObs} observations; losses as positive returns)`];
    for (const e of this.estimates) lines.push(`  ${e.method.padEnd(12)} VaR ${(e.var * 100).toFixed(3)}%  CVaR ${(e.cvar * 100).toFixed(3)}%`);
    if (this.backtest) {
      const b = this.backtest;
      lines.push(`  backtest (${b.method}, window ${b.window}): ${b.breaches} breaches in ${b.tested} (expected ${b.expectedBreaches.toFixed(1)}), Kupiec p = ${b.kupiecPValue.toFixed(4)}`);
    }
    return lines.join('\n');
  }
}

/**
 * VaR/CVaR of a return series by the historical, normal, Student-t (moment-matched nu) and, when an
 * `rng` is given, Monte Carlo (normal draws with the sample mean and deviation) methods, plus a
 * rolling backtest when `backtestWindow` is set and the series is long enough.
 */
export function varReport(
  r: Returns,
  opts: { confidence?: number; rng?: Rng; draws?: number; backtestWindow?: number } = {},
): VaRReport {
  checkReturns(r, 'varReport', 4);
  const confidence = opts.confidence ?? 0.95;
  const est: VaREstimate[] = [historicalVaR(r, { confidence }), normalVaRFromReturns(r, { confidence })];
  const nu = tDegreesOfFreedom(r);
  est.push(studentTVaRFromReturns(r, { confidence, nu: Number.isFinite(nu) ? nu : undefined }));
  if (opts.rng) {
    const s = sampleStd(r);
    const mc = monteCarloVaR([1], [mean(r)], matrix(1, 1, Float64Array.of(s * s)), opts.rng, { confidence, draws: opts.draws ?? 100_000 });
    est.push({ method: mc.method, confidence: mc.confidence, horizon: mc.horizon, var: mc.var, cvar: mc.cvar });
  }
  const w = opts.backtestWindow;
  const bt = w !== undefined && r.length > w ? backtestVaR(r, { confidence, window: w }) : undefined;
  return new VaRReport(r.length, est, nu, bt);
}
