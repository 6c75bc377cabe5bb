/**
 * Covariance from a DCC-GARCH(1,1) fit of the volatility engine (Engle 2002): the one-step
 * forecast H_{T+1} = D R D, with D the marginal GARCH volatility forecasts and R the DCC
 * correlation forecast, annualised x frequency. Where the sample covariance treats every
 * day alike, this is the covariance for tomorrow given today's volatility regime.
 *
 * Returns must have no gaps (DCC needs aligned series): select a common date range first.
 * The marginal GARCH models are fitted on returns x `scale` (100: percent returns, the
 * scale arch and our GARCH engine are tuned for) and the forecast is scaled back.
 */
import { AlphaFactoryError } from '../../errors';
import { matrix } from '../../math/linalg';
import { fitDcc, type DccOptions } from '../../vol/multivariate/dcc';
import type { AssetTable } from '../table';
import type { CovarianceEstimate } from './estimate';

export interface DccCovOptions extends Pick<DccOptions, 'spec' | 'asymmetric'> {
  /** Periods per year (default 252). */
  frequency?: number;
  /** Multiplier applied to returns before the GARCH fits (default 100). */
  scale?: number;
}

export function dccCov(returns: AssetTable, opts: DccCovOptions = {}): CovarianceEstimate {
  const freq = opts.frequency ?? 252;
  const scale = opts.scale ?? 100;
  const n = returns.assets.length;
  const T = returns.rows;
  const series: Float64Array[] = returns.assets.map(() => new Float64Array(T));
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) {
      const v = returns.values[t * n + i];
      if (!Number.isFinite(v)) {
        throw new AlphaFactoryError('missing_value', `DCC covariance needs aligned returns with no gaps; asset "${returns.assets[i]}" has none at row ${t + 1}${returns.dates ? ` (${returns.dates[t]})` : ''}`, {
          column: returns.assets[i],
          row: t + 1,
        });
      }
      series[i][t] = v * scale;
    }
  }
  const fit = fitDcc(series, { names: returns.assets.slice(), spec: opts.spec, asymmetric: opts.asymmetric });
  const h = fit.forecast(1).covariance;
  const m = matrix(n, n);
  const k = freq / (scale * scale);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.data[i * n + j] = h[i][j] * k;
  return { assets: returns.assets.slice(), matrix: m, method: 'dcc', repaired: false, minObservations: T };
}
