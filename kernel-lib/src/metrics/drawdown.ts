import { checkReturns, type Returns } from './returns';

/**
 * Drawdown path of compounded wealth started at 1 (empyrical convention): with
 * `W_0 = 1, W_t = prod_{s<=t}(1 + r_s)` and `M_t = max(W_0..W_t)`, `dd_t = W_t / M_t - 1 <= 0`.
 * The starting baseline W_0 = 1 counts as a peak, so a first-day loss is a drawdown.
 */
export function drawdownSeries(r: Returns): Float64Array {
  checkReturns(r, 'drawdownSeries', 0);
  const out = new Float64Array(r.length);
  let w = 1;
  let peak = 1;
  for (let i = 0; i < r.length; i++) {
    w *= 1 + r[i];
    if (w > peak) peak = w;
    out[i] = (w - peak) / peak;
  }
  return out;
}

/**
 * Maximum drawdown (empyrical `max_drawdown`): `min_t (W_t - M_t) / M_t`, a NEGATIVE number
 * (-0.25 = a 25 % peak-to-trough fall), 0 when wealth never falls below its running peak.
 * Wealth starts at the baseline 1 (see {@link drawdownSeries}).
 */
export function maxDrawdown(r: Returns): number {
  checkReturns(r, 'maxDrawdown', 1);
  let w = 1;
  let peak = 1;
  let worst = 0;
  for (let i = 0; i < r.length; i++) {
    w *= 1 + r[i];
    if (w > peak) peak = w;
    const dd = (w - peak) / peak;
    if (dd < worst) worst = dd;
  }
  return worst;
}

/**
 * Longest drawdown duration in periods: the longest run of consecutive periods with wealth below
 * its running peak (the baseline 1 counts as a peak).
 */
export function maxDrawdownDuration(r: Returns): number {
  const dd = drawdownSeries(r);
  let best = 0;
  let run = 0;
  for (let i = 0; i < dd.length; i++) {
    run = dd[i] < 0 ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
