import { InvalidArgumentError } from '../errors';
import { Rng } from '../math/rng';
import { businessDays } from './dates';
import { Panel } from './panel';

export interface SyntheticMarketOptions {
  /** Seed of the generator (required: the same seed gives the same market on every machine). */
  seed: number;
  /** Number of assets (default 10), named `S001`, `S002`, ... */
  assets?: number;
  /** Number of business days (default 252). */
  days?: number;
  /** First date (ISO; a weekend rolls to Monday). Default `2020-01-01`. */
  start?: string;
  /** GARCH(1,1) constant (default 1e-5). */
  omega?: number;
  /** GARCH(1,1) ARCH coefficient (default 0.05). */
  alpha?: number;
  /** GARCH(1,1) GARCH coefficient (default 0.90). */
  beta?: number;
  /** Probability of a shock day per series (default 0.05). */
  shockProb?: number;
  /** Size of a shock: the innovation is multiplied by this (default 3). */
  shockScale?: number;
  /** Daily log-return drift mu (default 0.0002). */
  drift?: number;
}

/** The generated market and the hidden quantities behind it (for tests and teaching). */
export interface SyntheticMarket {
  /** Fields open, high, low, close, volume on a Monday-Friday calendar. */
  panel: Panel;
  /** Per-asset market beta, drawn U(0.5, 1.5). */
  betas: Float64Array;
  /** Market factor innovations e_m(t). */
  market: Float64Array;
  /** Daily log returns r(t, i), date-major like the panel. */
  returns: Float64Array;
}

/**
 * A seeded synthetic stock market.
 *
 * Streams: `rng = new Rng(seed)`; the market factor draws from `rng.fork(0)`, asset i
 * (0-based) from `rng.fork(i + 1)`, so asset i and day t do not depend on how many assets or
 * days are asked for (a smaller market is a prefix of a larger one).
 *
 * Per asset, first: beta_i = U(0.5, 1.5), p_i = U(20, 200) (the close before day 0),
 * V_i = 10^U(5, 7) (base volume). Every series (the market and each asset's idiosyncratic
 * part) is a GARCH(1,1) with shocks, started at its stationary variance
 * h_0 = omega / (1 - alpha E[k^2] - beta), E[k^2] = 1 - q + q s^2:
 *
 *   k_t = s if U < q else 1                       (q = shockProb 0.05, s = shockScale 3; U drawn first)
 *   e_t = k_t sqrt(h_t) z_t,  z_t ~ N(0, 1)
 *   h_{t+1} = omega + alpha e_t^2 + beta h_t      (omega 1e-5, alpha 0.05, beta 0.90)
 *
 * so E[h] = h_0 and the unconditional variance of e is E[k^2] h_0 (1.4 x 3.33e-4 with the
 * defaults, about 34% a year for the market factor).
 *
 * Each day t: the market draws (U, z) giving e_m; then each asset i in order draws
 * (U, z, z_open, z_high, z_low, z_volume) and, with s_it = sqrt(beta_i^2 h_m,t + h_i,t)
 * (the conditional standard deviation before the shocks):
 *
 *   r_it     = drift + beta_i e_m,t + e_i,t                        (log return)
 *   close_it = close_i,t-1 exp(r_it)
 *   open_it  = close_i,t-1 exp(0.2 s_it z_open)
 *   high_it  = max(open_it, close_it) exp(0.5 s_it |z_high|)
 *   low_it   = min(open_it, close_it) exp(-0.5 s_it |z_low|)
 *   volume_it = round(V_i exp(0.3 z_volume) (1 + 10 |r_it|))
 *
 * Only IEEE-exact arithmetic and V8's fdlibm-based exp/log/sqrt/sin/cos are used, so Node gives
 * the same numbers on every platform.
 */
export function simulateMarket(opts: SyntheticMarketOptions): SyntheticMarket {
  const nA = opts.assets ?? 10;
  const T = opts.days ?? 252;
  const omega = opts.omega ?? 1e-5;
  const alpha = opts.alpha ?? 0.05;
  const beta = opts.beta ?? 0.9;
  const q = opts.shockProb ?? 0.05;
  const s = opts.shockScale ?? 3;
  const mu = opts.drift ?? 0.0002;
  if (!Number.isFinite(opts.seed)) throw new InvalidArgumentError(`syntheticMarket: seed must be a finite number, got ${opts.seed}`);
  if (!Number.isInteger(nA) || nA < 1) throw new InvalidArgumentError(`syntheticMarket: assets must be a positive integer, got ${nA}`);
  if (!Number.isInteger(T) || T < 1) throw new InvalidArgumentError(`syntheticMarket: days must be a positive integer, got ${T}`);
  const ek2 = 1 - q + q * s * s;
  const persistence = alpha * ek2 + beta;
  if (!(omega > 0 && alpha >= 0 && beta >= 0 && persistence < 1 && q >= 0 && q <= 1)) {
    throw new InvalidArgumentError(
      `syntheticMarket: need omega > 0, alpha, beta >= 0, 0 <= shockProb <= 1 and alpha E[k^2] + beta < 1 (got ${persistence})`,
    );
  }
  const h0 = omega / (1 - persistence);
  const root = new Rng(opts.seed);
  const mRng = root.fork(0);
  const aRng: Rng[] = [];
  const betas = new Float64Array(nA);
  const prev = new Float64Array(nA);
  const baseVol = new Float64Array(nA);
  const h = new Float64Array(nA).fill(h0);
  for (let i = 0; i < nA; i++) {
    const r = root.fork(i + 1);
    aRng.push(r);
    betas[i] = r.uniformIn(0.5, 1.5);
    prev[i] = r.uniformIn(20, 200);
    baseVol[i] = Math.pow(10, r.uniformIn(5, 7));
  }
  const size = T * nA;
  const open = new Float64Array(size);
  const high = new Float64Array(size);
  const low = new Float64Array(size);
  const close = new Float64Array(size);
  const volume = new Float64Array(size);
  const returns = new Float64Array(size);
  const market = new Float64Array(T);
  let hm = h0;
  for (let t = 0; t < T; t++) {
    const km = mRng.uniform() < q ? s : 1;
    const em = km * Math.sqrt(hm) * mRng.normal();
    market[t] = em;
    for (let i = 0; i < nA; i++) {
      const g = aRng[i];
      const k = g.uniform() < q ? s : 1;
      const hi = h[i];
      const e = k * Math.sqrt(hi) * g.normal();
      const zOpen = g.normal();
      const zHigh = g.normal();
      const zLow = g.normal();
      const zVol = g.normal();
      const sd = Math.sqrt(betas[i] * betas[i] * hm + hi);
      const r = mu + betas[i] * em + e;
      const c = prev[i] * Math.exp(r);
      const o = prev[i] * Math.exp(0.2 * sd * zOpen);
      const p = t * nA + i;
      returns[p] = r;
      close[p] = c;
      open[p] = o;
      high[p] = Math.max(o, c) * Math.exp(0.5 * sd * Math.abs(zHigh));
      low[p] = Math.min(o, c) * Math.exp(-0.5 * sd * Math.abs(zLow));
      volume[p] = Math.round(baseVol[i] * Math.exp(0.3 * zVol) * (1 + 10 * Math.abs(r)));
      h[i] = omega + alpha * e * e + beta * hi;
      prev[i] = c;
    }
    hm = omega + alpha * em * em + beta * hm;
  }
  const assets: string[] = [];
  for (let i = 0; i < nA; i++) assets.push(`S${String(i + 1).padStart(3, '0')}`);
  const panel = new Panel({
    dates: businessDays(opts.start ?? '2020-01-01', T),
    assets,
    fields: { open, high, low, close, volume },
    source: { name: `syntheticMarket(seed=${opts.seed}, assets=${nA}, days=${T})` },
  });
  return { panel, betas, market, returns };
}

/** The panel of `simulateMarket(opts)`: open, high, low, close, volume. */
export function syntheticMarket(opts: SyntheticMarketOptions): Panel {
  return simulateMarket(opts).panel;
}
