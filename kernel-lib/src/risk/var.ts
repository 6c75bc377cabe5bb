import { InvalidArgumentError } from '../errors';
import { checkReturns, mean, sampleStd, type Returns } from '../metrics/returns';
import { quantileSorted } from '../metrics/tail';
import { normPdf, normPpf, tPdf, tPpf } from '../math/special';

/**
 * Value at risk and expected shortfall as POSITIVE LOSSES (0.02 = a 2 % loss), at a `confidence`
 * level (0.95 = 95 % VaR) over a holding period of `horizon` periods.
 *
 * Note the sign: `metrics.valueAtRisk` follows empyrical and returns the quantile of the returns
 * (negative for a loss); the functions here return `-quantile`, the convention of risk reports.
 */
export interface VaREstimate {
  method: 'historical' | 'normal' | 't' | 'monte-carlo';
  confidence: number;
  horizon: number;
  /** VaR: the loss exceeded with probability 1 - confidence. */
  var: number;
  /** CVaR / expected shortfall: the mean loss beyond the VaR. */
  cvar: number;
}

export interface VaROptions {
  /** Confidence level in (0, 1); default 0.95. */
  confidence?: number;
  /** Holding period in periods; default 1. */
  horizon?: number;
}

export function checkConfidence(c: number): number {
  if (!(c > 0 && c < 1)) throw new InvalidArgumentError(`confidence must be in (0, 1), got ${c}`);
  return c;
}

function checkHorizon(h: number): number {
  if (!(h > 0) || !Number.isFinite(h)) throw new InvalidArgumentError(`horizon must be a positive number of periods, got ${h}`);
  return h;
}

/**
 * Historical VaR/CVaR of one-period returns: `VaR = -q_{1-c}(r)` with numpy's linear-interpolated
 * percentile, `CVaR = -mean{r_t : r_t <= q_{1-c}(r)}`. Only `horizon` 1 is allowed (historical
 * quantiles are not rescaled; aggregate the returns to the horizon first).
 */
export function historicalVaR(r: Returns, opts: VaROptions = {}): VaREstimate {
  checkReturns(r, 'historicalVaR', 2);
  const c = checkConfidence(opts.confidence ?? 0.95);
  const h = opts.horizon ?? 1;
  if (h !== 1) throw new InvalidArgumentError(`historicalVaR: horizon must be 1 (aggregate returns to the horizon first), got ${h}`);
  const s = Float64Array.from(r).sort();
  const q = quantileSorted(s, 1 - c);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < s.length && s[i] <= q; i++) {
    sum += s[i];
    k++;
  }
  return { method: 'historical', confidence: c, horizon: 1, var: -q, cvar: -(sum / k) };
}

/**
 * Parametric normal VaR/CVaR for mean `mu` and standard deviation `sigma` of one-period returns,
 * horizon h (i.i.d. returns: the mean scales with h, the deviation with sqrt h):
 * `VaR = -(mu h + sigma sqrt(h) z_{1-c})`, `CVaR = -mu h + sigma sqrt(h) phi(z_{1-c}) / (1 - c)`.
 * (The reference text multiplies mu by sqrt h as well; that is a defect we do not copy.)
 */
export function normalVaR(mu: number, sigma: number, opts: VaROptions = {}): VaREstimate {
  const c = checkConfidence(opts.confidence ?? 0.95);
  const h = checkHorizon(opts.horizon ?? 1);
  checkMoments(mu, sigma);
  const z = normPpf(1 - c);
  const m = mu * h;
  const s = sigma * Math.sqrt(h);
  return { method: 'normal', confidence: c, horizon: h, var: -(m + s * z), cvar: -m + (s * normPdf(z)) / (1 - c) };
}

/**
 * Parametric Student-t VaR/CVaR. Returns are `mu + s T` with T ~ t(nu) and the scale chosen so the
 * standard deviation is sigma: `s = sigma sqrt((nu - 2) / nu)` (nu > 2). With `q = t^{-1}_nu(1 - c)`:
 * `VaR = -(mu h + s sqrt(h) q)`, `CVaR = -mu h + s sqrt(h) f_nu(q) (nu + q^2) / ((nu - 1)(1 - c))`.
 * (The sqrt-h scaling of a t quantile is an approximation: sums of t variables are not t.)
 */
export function studentTVaR(mu: number, sigma: number, nu: number, opts: VaROptions = {}): VaREstimate {
  const c = checkConfidence(opts.confidence ?? 0.95);
  const h = checkHorizon(opts.horizon ?? 1);
  checkMoments(mu, sigma);
  if (!(nu > 2) || !Number.isFinite(nu)) throw new InvalidArgumentError(`studentTVaR: degrees of freedom must be > 2 (finite variance), got ${nu}`);
  const scale = sigma * Math.sqrt((nu - 2) / nu) * Math.sqrt(h);
  const q = tPpf(1 - c, nu);
  const m = mu * h;
  const es = (tPdf(q, nu) * (nu + q * q)) / ((nu - 1) * (1 - c));
  return { method: 't', confidence: c, horizon: h, var: -(m + scale * q), cvar: -m + scale * es };
}

/**
 * Degrees of freedom of a Student t matched to the sample excess kurtosis k (method of moments):
 * `nu = 4 + 6 / k` for k > 0; a series with no excess kurtosis returns Infinity (use the normal).
 * Kurtosis is the biased moment ratio `m4 / m2^2 - 3` (scipy.stats.kurtosis default).
 */
export function tDegreesOfFreedom(r: Returns): number {
  checkReturns(r, 'tDegreesOfFreedom', 4);
  const m = mean(r);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < r.length; i++) {
    const d = (r[i] - m) * (r[i] - m);
    m2 += d;
    m4 += d * d;
  }
  m2 /= r.length;
  m4 /= r.length;
  const k = m4 / (m2 * m2) - 3;
  return k > 0 ? 4 + 6 / k : Infinity;
}

/** Normal VaR with mean and sample standard deviation (ddof 1) estimated from the returns. */
export function normalVaRFromReturns(r: Returns, opts: VaROptions = {}): VaREstimate {
  checkReturns(r, 'normalVaR', 2);
  return normalVaR(mean(r), sampleStd(r), opts);
}

/** Student-t VaR with mean, sample deviation and (unless given) moment-matched nu from the returns. */
export function studentTVaRFromReturns(r: Returns, opts: VaROptions & { nu?: number } = {}): VaREstimate {
  checkReturns(r, 'studentTVaR', 4);
  const nu = opts.nu ?? tDegreesOfFreedom(r);
  if (nu === Infinity) return { ...normalVaR(mean(r), sampleStd(r), opts), method: 't' };
  return studentTVaR(mean(r), sampleStd(r), nu, opts);
}

function checkMoments(mu: number, sigma: number): void {
  if (!Number.isFinite(mu)) throw new InvalidArgumentError(`mean must be finite, got ${mu}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new InvalidArgumentError(`standard deviation must be finite and >= 0, got ${sigma}`);
}
