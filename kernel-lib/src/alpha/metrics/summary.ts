/**
 * Summary statistics of a daily metric series (IC, RankIC, factor return, ...).
 *
 * Over the n dates whose value is finite (NaN dates were skipped by the metric):
 * - mean, std with ddof 1 (pandas `Series.std()`),
 * - IR = mean / std (ICIR when the series is the daily IC; not annualised),
 * - t = mean / (std / sqrt(n)) = IR * sqrt(n), the one-sample t-statistic of H0: mean = 0,
 * - pValue = two-sided p-value of t under Student's t with n - 1 degrees of freedom
 *   (scipy `ttest_1samp`).
 * With fewer than 2 finite values std, IR, t and p are NaN; with std = 0 they are NaN too.
 */
import { tCdf } from '../../math/special';

export interface SeriesSummary {
  mean: number;
  std: number;
  ir: number;
  tStat: number;
  pValue: number;
  /** Number of dates with a finite value. */
  days: number;
}

export function summarizeSeries(series: ArrayLike<number>): SeriesSummary {
  let n = 0;
  let sum = 0;
  for (let k = 0; k < series.length; k++) {
    const v = series[k];
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let k = 0; k < series.length; k++) {
    const v = series[k];
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const ir = std > 0 ? mean / std : NaN;
  const tStat = std > 0 ? ir * Math.sqrt(n) : NaN;
  const pValue = Number.isFinite(tStat) ? 2 * tCdf(-Math.abs(tStat), n - 1) : NaN;
  return { mean, std, ir, tStat, pValue, days: n };
}
