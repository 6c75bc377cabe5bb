import { InvalidArgumentError } from '../errors';
import { chi2Sf } from '../math/special';
import { checkReturns, type Returns } from '../metrics/returns';
import { historicalVaR, normalVaRFromReturns, checkConfidence } from './var';

/** Result of a rolling VaR backtest with Kupiec's proportion-of-failures test. */
export interface VaRBacktest {
  confidence: number;
  window: number;
  method: 'historical' | 'normal';
  /** Out-of-sample periods tested (n - window). */
  tested: number;
  /** Periods where the loss exceeded the VaR forecast made the day before. */
  breaches: number;
  expectedBreaches: number;
  /** Kupiec LR_pof = -2 ln[(1-p)^(n-x) p^x / ((1-x/n)^(n-x) (x/n)^x)], ~ chi^2_1 under H0. */
  kupiecLR: number;
  kupiecPValue: number;
  /** VaR forecast for each tested period (aligned with `tested`). */
  forecasts: Float64Array;
  /** Indices (into the returns) of the breaches. */
  breachIndex: number[];
}

/**
 * Rolling VaR backtest: for t = window..n-1 forecast VaR_t from returns[t-window, t) and count a
 * breach when `r_t < -VaR_t`; Kupiec's unconditional coverage test with p = 1 - confidence.
 */
export function backtestVaR(r: Returns, opts: { confidence?: number; window?: number; method?: 'historical' | 'normal' } = {}): VaRBacktest {
  const c = checkConfidence(opts.confidence ?? 0.95);
  const window = opts.window ?? 250;
  const method = opts.method ?? 'historical';
  if (!(window >= 20) || !Number.isInteger(window)) throw new InvalidArgumentError(`VaR backtest window must be an integer >= 20, got ${window}`);
  checkReturns(r, 'backtestVaR', window + 1);
  const n = r.length - window;
  const forecasts = new Float64Array(n);
  const breachIndex: number[] = [];
  const arr = Float64Array.from(r);
  for (let t = window; t < r.length; t++) {
    const past = arr.subarray(t - window, t);
    const v = method === 'historical' ? historicalVaR(past, { confidence: c }).var : normalVaRFromReturns(past, { confidence: c }).var;
    forecasts[t - window] = v;
    if (arr[t] < -v) breachIndex.push(t);
  }
  const x = breachIndex.length;
  const p = 1 - c;
  const ll0 = (n - x) * Math.log(1 - p) + x * Math.log(p);
  const phat = x / n;
  const ll1 = (x === n ? 0 : (n - x) * Math.log(1 - phat)) + (x === 0 ? 0 : x * Math.log(phat));
  const lr = Math.max(-2 * (ll0 - ll1), 0);
  return { confidence: c, window, method, tested: n, breaches: x, expectedBreaches: n * p, kupiecLR: lr, kupiecPValue: chi2Sf(lr, 1), forecasts, breachIndex };
}
