/**
 * Expected (annualised) returns from historical returns, as PyPortfolioOpt's
 * `mean_historical_return`:
 *
 * - geometric (default, `compounding: true`): (Π (1 + r_t))^(frequency / count) - 1
 * - arithmetic (`compounding: false`): mean(r) x frequency
 *
 * Each asset uses its own non-missing returns (count = its number of valid returns), which is how
 * pandas' `prod`/`count`/`mean` skip NaN on ragged histories. An asset with no valid return raises.
 */
import { AlphaFactoryError } from '../../errors';
import type { AssetTable } from '../table';

export interface ExpectedReturnOptions {
  compounding?: boolean;
  frequency?: number;
}

export function meanHistoricalReturn(returns: AssetTable, opts: ExpectedReturnOptions = {}): Float64Array {
  const compounding = opts.compounding ?? true;
  const freq = opts.frequency ?? 252;
  const n = returns.assets.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let count = 0;
    let logSum = 0;
    let sum = 0;
    for (let t = 0; t < returns.rows; t++) {
      const r = returns.values[t * n + i];
      if (Number.isNaN(r)) continue;
      count++;
      sum += r;
      logSum += Math.log1p(r);
    }
    if (count === 0) {
      throw new AlphaFactoryError('no_data', `asset "${returns.assets[i]}" has no valid return`, { column: returns.assets[i] });
    }
    out[i] = compounding ? Math.expm1((logSum * freq) / count) : (sum / count) * freq;
  }
  return out;
}
