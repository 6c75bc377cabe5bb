"""Writes notebooks/01-volatility.ipynb (kept as a script so the tutorial diff stays readable).

Run with /work/main/.venv/bin/python scripts/notebooks/volatility.py; the notebook is written
without outputs (`alpha-factory report` executes it).
"""
from tutorial import code, md, write_tutorial


cells = [
    md("""# Volatility: the GARCH family, forecasts, VaR, DCC and ensembles

Volatility is the one property of returns we can forecast well: calm days follow calm days and
turbulent days follow turbulent ones (*volatility clustering*). This tutorial fits the ARCH family of
models to twenty years of S&P 500 returns with the `vol` engine of `@alpha-factory/kernel`, and then
uses them for what risk work needs:

1. the models, their variance recursions and their error distributions;
2. fitting the family and choosing by AIC / BIC;
3. checking our numbers against Python's `arch` (the reference implementation);
4. a fit summary and the conditional volatility over time;
5. forecasts: analytic, simulated and bootstrapped, and a fan chart for the next month;
6. value at risk and its backtests (Kupiec, Christoffersen, conditional coverage) out of sample;
7. dynamic conditional correlation (DCC) between two stocks;
8. an ensemble forecast with Akaike weights.

**Conventions.** Returns are in per cent: `y[t] = 100 x (P[t] / P[t-1] - 1)` on adjusted closes
(models are fitted on per-cent returns because the optimiser and `arch` work best when the variance is
of order 1). Volatility `sigma` is per day in per cent; annualised volatility is `sigma x sqrt(252)`.
VaR and expected shortfall are **positive losses** in per cent. Every random draw comes from a seeded
`Rng`, so a re-run gives the same numbers (the seeds are recorded in the manifest at the end)."""),
    code("""import { datasets, vol, fitGarch, fixGarch, Rng, show, Table, Chart, lineChart, barChart, fanChart, experiment } from '@alpha-factory/kernel';

const spx = datasets.sp500Index();
const close = spx.series('adj_close', 'SPX');
const y = new Float64Array(close.length - 1);
for (let t = 1; t < close.length; t++) y[t - 1] = 100 * (close[t] / close[t - 1] - 1);
const dates = spx.dates.slice(1); // the date of each return
const annualise = (sigma: number): number => sigma * Math.sqrt(252);
const fmt = (x: number, digits = 4): number => Number(x.toFixed(digits));
`${y.length} daily returns, ${dates[0]} .. ${dates[dates.length - 1]}`"""),
    md("""## 1. The models

Every model here describes a return as a mean plus a scaled shock:

```
y[t] = mu + e[t],      e[t] = sigma[t] * z[t],      z[t] i.i.d. with mean 0 and variance 1
```

`mu` is a constant mean (the engine also offers a zero mean and AR(p) means), `sigma2[t]` is the
*conditional variance*, known at the end of day `t-1`, and `z[t]` follows one of four distributions.
The models differ in how `sigma2[t]` reacts to yesterday's shock `e[t-1]`:

| model | variance recursion | parameters |
|---|---|---|
| Constant | `sigma2[t] = omega` | `omega > 0` |
| EWMA / RiskMetrics | `sigma2[t] = (1 - lambda) e[t-1]^2 + lambda sigma2[t-1]` | `lambda = 0.94` fixed (or estimated) |
| GARCH(1,1) | `sigma2[t] = omega + alpha e[t-1]^2 + beta sigma2[t-1]` | `omega > 0; alpha, beta >= 0; alpha + beta < 1` |
| GJR-GARCH(1,1,1) | `sigma2[t] = omega + (alpha + gamma I[t-1]) e[t-1]^2 + beta sigma2[t-1]` | `I[t-1] = 1 if e[t-1] < 0`; `alpha + gamma/2 + beta < 1` |
| TARCH / ZARCH(1,1,1) | `sigma[t] = omega + (alpha + gamma I[t-1]) abs(e[t-1]) + beta sigma[t-1]` | the same recursion on the standard deviation (power 1) |
| EGARCH(1,1,1) | `ln sigma2[t] = omega + alpha (abs(z[t-1]) - sqrt(2/pi)) + gamma z[t-1] + beta ln sigma2[t-1]` | no sign constraints; `beta < 1` |

What the parameters mean:

- **Persistence** `alpha + beta` (GARCH), `alpha + gamma/2 + beta` (GJR): how slowly a shock to the
  variance dies out. The **half-life** of a shock is `ln(0.5) / ln(persistence)` days, and the
  variance mean-reverts to the **long-run variance** `omega / (1 - persistence)`.
- **EWMA** is a GARCH(1,1) with `omega = 0` and `alpha + beta = 1`: it has no long-run level, so its
  forecast for every horizon is today's variance. RiskMetrics (J.P. Morgan, 1996) fixed `lambda = 0.94`
  for daily data; it needs no estimation, which makes it robust and fast, and a reasonable choice for
  hundreds of series where a one-day number is all you need.
- **Leverage (asymmetry)**: in equity markets a fall raises volatility more than a rise of the same size.
  GJR adds `gamma` to the ARCH coefficient after a negative shock; TARCH does the same on the standard
  deviation scale, so one large outlier moves it less (linear, not squared); EGARCH models the log
  variance, so it needs no positivity constraints and the sign effect enters through `gamma z[t-1]`.
- **Constant variance** is the i.i.d. benchmark every dynamic model must beat.

The **start-up variance** `sigma2[0]` (and the lagged terms before the first observation) is a backcast:
`arch` uses an EWMA(0.94) of the first 75 squared residuals, which is this engine's default
(`backcast: 'sample'` uses the mean square instead, as R's rugarch does).

### Distributions of z

All are standardised to unit variance, so `sigma2[t]` is the variance whatever the distribution.

| distribution | shape parameters | tails | use when |
|---|---|---|---|
| normal | none | thin | a baseline; variance forecasts are consistent even if the shocks are not normal (quasi-ML) |
| Student t | `nu > 2` degrees of freedom | fat, symmetric (`nu` near 4 to 8 for daily equities) | tail quantiles (VaR) matter |
| Hansen's skewed t | `eta > 2` (tails), `-1 < lambda < 1` (skew; < 0 = longer left tail) | fat and asymmetric | equity index returns, where crashes are larger than rallies |
| GED | `nu > 0` (2 = normal, 1 = Laplace, < 2 fatter) | fat, exponential | a thinner-than-t tail is enough; pairs naturally with TARCH's absolute values |

All parameters are estimated jointly by maximum likelihood. With `k` parameters, `n` observations and
log-likelihood `LL`, the information criteria are `AIC = -2 LL + 2 k` and `BIC = -2 LL + k ln(n)`
(lower is better; BIC penalises extra parameters more)."""),
    md("""## 2. Fit the family and compare by AIC and BIC

`vol.fitGrid(y, specs)` fits each specification, keeps any failure with its reason (a failed fit gets
weight 0 instead of stopping the loop) and ranks the fits. The family of this tutorial: GARCH with
normal errors, GJR with t, TARCH with GED, EGARCH with the skewed t, EWMA and the constant variance,
all with a constant mean. Passing `index: dates` labels the fitted observations with their dates."""),
    code("""const family: vol.GarchSpec[] = [
  { vol: 'garch', dist: 'normal' },
  { vol: 'gjr', dist: 't' },
  { vol: 'tarch', dist: 'ged' },
  { vol: 'egarch', o: 1, dist: 'skewt' },
  { vol: 'ewma' },
  { vol: 'constant' },
];
const grid = vol.fitGrid(y, family, { index: dates });
const fits = grid.entries.map((e) => {
  if (!e.result) throw new Error(`${e.label}: ${e.reason}`);
  return e.result;
});
const minAic = Math.min(...fits.map((r) => r.aic));
const minBic = Math.min(...fits.map((r) => r.bic));
const aicWeights = grid.weights('aic');
show(Table.fromRecords(fits.map((r, i) => ({
  model: r.label,
  k: r.numParams,
  loglik: fmt(r.loglik),
  AIC: fmt(r.aic, 2),
  'AIC - min': fmt(r.aic - minAic, 2),
  BIC: fmt(r.bic, 2),
  'BIC - min': fmt(r.bic - minBic, 2),
  'Akaike weight': fmt(aicWeights[i], 4),
  converged: r.converged,
})), 'S&P 500 1999-2018: the volatility family ranked by information criteria'));
show(barChart(fits.map((r) => r.label), fits.map((r) => r.aic - minAic), {
  title: 'AIC above the best model (lower is better)', yTitle: 'AIC - min AIC', width: 560, height: 240,
}));
show(barChart(fits.slice(0, 4).map((r) => r.label), fits.slice(0, 4).map((r) => r.aic - minAic), {
  title: 'Zoom on the four GARCH-type models', yTitle: 'AIC - min AIC', width: 420, height: 200,
}));"""),
    md("""How to read this:

- Any dynamic model beats the constant variance by thousands of AIC points: volatility clustering is
  the dominant feature of daily returns.
- EWMA, with no parameter to estimate, is already far better than the constant, and GARCH(1,1) improves
  on it by letting the variance revert to a long-run level.
- The asymmetric models with fat-tailed errors win by a wide margin (a difference of 10 in AIC is
  already decisive; here the gaps are in the hundreds). EGARCH with the skewed t comes first on both AIC
  and BIC, TARCH-GED second. The Akaike weights `exp(-(AIC_i - min AIC)/2)` (normalised) put nearly all
  the weight on the winner, which is what such gaps mean.

## 3. The same numbers as `arch`

The test suite checks this engine against Python's `arch` 8.0 on exactly this series
(`100 * adj_close.pct_change()`, 5,030 observations; fixtures written by `scripts/fixtures/vol.py`).
Here are `arch`'s published reference figures for the GARCH(1,1)-normal fit, and its fitted
log-likelihoods for the rest of the family, next to ours. `fixGarch` evaluates the likelihood at given
parameters, like `arch`'s `fix()`.

For the constant variance with normal errors the maximum likelihood has a closed form,
`LL = -n/2 (ln(2 pi s2) + 1)` with `s2` the mean squared deviation from the sample mean, so that row
is checked against arithmetic rather than against `arch`."""),
    code("""const garchN = fits[0];
const gp = garchN.params;
const archRef: Array<[string, number, number]> = [
  // [quantity, arch 8.0, ours]
  ['GARCH(1,1)-normal loglik', -6936.7185, garchN.loglik],
  ['mu', 0.056353, gp['mu']],
  ['omega', 0.017507, gp['omega']],
  ['alpha[1]', 0.10215, gp['alpha[1]']],
  ['beta[1]', 0.885206, gp['beta[1]']],
  ['loglik at fixed [.05, .02, .10, .88]', -6939.052681899856, fixGarch(y, {}, [0.05, 0.02, 0.10, 0.88]).loglik],
  ['GJR(1,1,1)-t loglik', -6744.4314, fits[1].loglik],
  ['TARCH(1,1,1)-ged loglik', -6722.4071, fits[2].loglik],
  ['EGARCH(1,1,1)-skewt loglik', -6710.3221, fits[3].loglik],
  ['EWMA(0.94)-normal loglik', -7007.9434, fits[4].loglik],
];
const decimals = (x: number): number => (String(x).split('.')[1] ?? '').length;
const n = y.length;
const ybar = y.reduce((s, v) => s + v, 0) / n;
const s2 = y.reduce((s, v) => s + (v - ybar) ** 2, 0) / n;
show(Table.fromRecords([
  // strings, so that the table shows every published digit (and ours to three more)
  ...archRef.map(([name, ref, ours]) => ({ quantity: name, reference: String(ref), ours: ours.toFixed(Math.min(decimals(ref) + 3, 12)), 'ours - reference': (ours - ref).toExponential(2) })),
  { quantity: 'Constant-normal loglik (closed form)', reference: (-n / 2 * (Math.log(2 * Math.PI * s2) + 1)).toFixed(9), ours: fits[5].loglik.toFixed(9), 'ours - reference': (fits[5].loglik + n / 2 * (Math.log(2 * Math.PI * s2) + 1)).toExponential(2) },
], 'arch 8.0 reference figures (rounded as published) and ours'));"""),
    md("""The differences are at the rounding of the published figures. Against the unrounded fixtures the
test suite requires (`kernel-lib/test/vol/arch-parity.test.ts`): the log-likelihood at fixed
parameters equal to 1e-9 relative, the fitted log-likelihood at least `arch`'s minus 1e-6 and within
1e-4 of it, and fitted parameters within 1e-3 relative.

## 4. A fit summary

`show(result)` sends the fit as a `volatility` payload (`application/vnd.alpha-factory.volatility.v1+json`:
parameters with robust standard errors, log-likelihood, AIC/BIC, the conditional volatility path, the
variance forecast and one-day VaR/ES), which the Portfolio panel renders; the text form is below it.
Standard errors are the robust (sandwich, Bollerslev-Wooldridge) ones, as in `arch`, valid even if the
shock distribution is misspecified."""),
    code("""const egarch = fits[3];
show(egarch);"""),
    md("""Reading the EGARCH(1,1,1)-skewt estimates: `beta[1]` near 0.98 means log variance is very persistent;
`gamma[1]` is clearly negative, the leverage effect (a negative `z` raises next day's variance); `eta`
is the tail parameter of the skewed t (about 8 degrees of freedom) and `lambda` < 0 a longer left tail.

For the models with a long-run variance, the persistence, half-life and long-run volatility follow from
the parameters. Note the GJR fit: `alpha[1]` sits at its bound 0, so **all** the reaction comes from
negative shocks (`gamma[1]`): for the S&P 500, good news does not raise volatility at all."""),
    code("""const gjr = fits[1];
const persistence = (r: typeof garchN): number => {
  const p = r.params;
  return (p['alpha[1]'] ?? 0) + (p['gamma[1]'] ?? 0) / 2 + (p['beta[1]'] ?? 0);
};
show(Table.fromRecords([garchN, gjr].map((r) => {
  const pers = persistence(r);
  return {
    model: r.label,
    'alpha[1]': fmt(r.params['alpha[1]'], 5),
    'gamma[1]': r.params['gamma[1]'] === undefined ? null : fmt(r.params['gamma[1]'], 5),
    'beta[1]': fmt(r.params['beta[1]'], 5),
    persistence: fmt(pers, 5),
    'half-life (days)': fmt(Math.log(0.5) / Math.log(pers), 1),
    'long-run vol (annual %)': fmt(annualise(Math.sqrt(r.params['omega'] / (1 - pers))), 2),
  };
}), 'Persistence and long-run volatility'));"""),
    md("""## 5. Conditional volatility over time

`result.conditionalVolatility` is `sigma[t]` for every day of the sample (the one-day-ahead volatility
known the evening before). Over twenty years the models agree on the big picture: the crises of
2002, 2008, 2011, 2015-16 and 2018 stand out, with a peak above 80% a year in October 2008."""),
    code("""show(lineChart(dates, {
  'GARCH(1,1)-normal': garchN.conditionalVolatility.map(annualise),
  'EGARCH(1,1,1)-skewt': egarch.conditionalVolatility.map(annualise),
}, { title: 'S&P 500: conditional volatility 1999-2018 (annualised %)', yTitle: 'volatility, % a year', width: 720, height: 260, xFormat: '%Y' }));"""),
    md("""Zooming in on 2018 shows how they differ: EWMA reacts to every squared shock with the same weight
and has no long-run level to return to; GARCH reverts to its long-run volatility (about 19% a year);
EGARCH jumps much more after the falls of February, October and December and decays faster after
rallies (the leverage term `gamma z[t-1]`)."""),
    code("""const from2018 = dates.findIndex((d) => d >= '2018-01-01');
const last = (x: Float64Array): Float64Array => x.slice(from2018).map(annualise);
show(lineChart(dates.slice(from2018), {
  'EWMA(0.94)': last(fits[4].conditionalVolatility),
  'GARCH(1,1)-normal': last(garchN.conditionalVolatility),
  'EGARCH(1,1,1)-skewt': last(egarch.conditionalVolatility),
}, { title: 'S&P 500 in 2018: conditional volatility (annualised %)', yTitle: 'volatility, % a year', width: 720, height: 280, xFormat: '%b %Y' }));"""),
    md("""## 6. Forecasts

`result.forecast(H)` gives the mean and variance of `y[T+h]` for `h = 1..H` from the end of the sample:

- **analytic** (default) where a closed form exists. For GARCH(1,1),
  `E[sigma2[T+h]] = LR + (alpha + beta)^(h-1) (sigma2[T+1] - LR)` with `LR = omega / (1 - alpha - beta)`;
  for GJR, `alpha + gamma/2 + beta` replaces `alpha + beta`. EWMA and constant forecasts are flat.
  TARCH and EGARCH have no closed form beyond one step (their recursions are not linear in `sigma2`).
- **simulation**: `S` paths with shocks drawn from the fitted distribution (seeded); works for every
  model and gives the whole distribution of future returns, not only the variance.
- **bootstrap** (filtered historical simulation, FHS): shocks resampled from the model's own
  standardised residuals, so the path distribution keeps the empirical skew and tails.

For GJR-t the simulated variance converges to the analytic one as `S` grows; the bootstrap differs
systematically, for the reason printed under the table."""),
    code("""const fcA = gjr.forecast(22);
const fcS = gjr.forecast(22, { method: 'simulation', simulations: 5000, rng: new Rng(2024) });
const fcB = gjr.forecast(22, { method: 'bootstrap', simulations: 5000, rng: new Rng(2024) });
show(Table.fromRecords([1, 5, 10, 22].map((h) => ({
  h,
  'analytic vol (annual %)': fmt(annualise(Math.sqrt(fcA.variance[h - 1])), 2),
  'simulation, 5000 paths': fmt(annualise(Math.sqrt(fcS.variance[h - 1])), 2),
  'bootstrap (FHS), 5000 paths': fmt(annualise(Math.sqrt(fcB.variance[h - 1])), 2),
})), 'GJR(1,1,1)-t volatility forecasts from 2018-12-31'));
const z = gjr.stdResid;
const shareNeg = z.reduce((s, v) => s + (v < 0 ? v * v : 0), 0) / z.reduce((s, v) => s + v * v, 0);
const p1 = gjr.params;
`persistence with symmetric t shocks: ${fmt(p1['alpha[1]'] + p1['gamma[1]'] / 2 + p1['beta[1]'], 4)}; ` +
`the standardised residuals put ${fmt(100 * shareNeg, 1)}% of their squared size on negative days, ` +
`so with resampled shocks it is ${fmt(p1['alpha[1]'] + p1['gamma[1]'] * shareNeg + p1['beta[1]'], 4)}`"""),
    md("""Under the fitted symmetric t, half of the squared shocks are negative and the GJR persistence is
below 1. The realised residuals are skewed: more than half of their squared size is on down days, so
when FHS replays them the effective persistence is slightly above 1 and the variance forecast drifts up
instead of reverting. That is a sign the symmetric t misses the skew, and one reason the skewed-t
models win the AIC comparison.

### A fan chart for the next month

With simulated paths we can forecast the distribution of the **cumulative** return over the next 22
trading days (about a month) under the best model, EGARCH(1,1,1)-skewt, which has no analytic multi-step
forecast. Each band is a central interval of the simulated cumulative returns; the line is the median."""),
    code("""const H = 22;
const S = 2000;
const sim = egarch.forecast(H, { method: 'simulation', simulations: S, rng: new Rng(7) });
const paths = sim.paths as Float64Array; // S x H per-cent returns, row-major
const cumulative: Float64Array[] = Array.from({ length: H }, () => new Float64Array(S));
for (let s = 0; s < S; s++) {
  let wealth = 1;
  for (let h = 0; h < H; h++) {
    wealth *= 1 + paths[s * H + h] / 100;
    cumulative[h][s] = 100 * (wealth - 1);
  }
}
const quantile = (xs: Float64Array, q: number): number => {
  const sorted = Float64Array.from(xs).sort();
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo] + (pos - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)]) - sorted[lo]);
};
const band = (q: number): Float64Array => Float64Array.from(cumulative, (c) => quantile(c, q));
const horizons = Array.from({ length: H }, (_, h) => h + 1);
show(fanChart(horizons, band(0.5), [
  { label: '98% (1%-99%)', lower: band(0.01), upper: band(0.99) },
  { label: '90% (5%-95%)', lower: band(0.05), upper: band(0.95) },
  { label: '50% (25%-75%)', lower: band(0.25), upper: band(0.75) },
], { title: `S&P 500 cumulative return after 2018-12-31, EGARCH(1,1,1)-skewt, ${S} simulated paths`, xTitle: 'trading days ahead', yTitle: 'cumulative return, %', width: 620, height: 300 }));
show(Table.fromRecords([1, 5, 22].map((h) => ({
  'days ahead': h,
  '1% quantile': fmt(band(0.01)[h - 1], 2),
  '5% quantile': fmt(band(0.05)[h - 1], 2),
  median: fmt(band(0.5)[h - 1], 2),
  '95% quantile': fmt(band(0.95)[h - 1], 2),
  'vol forecast (annual %)': fmt(annualise(Math.sqrt(sim.variance[h - 1])), 2),
})), 'Simulated cumulative return quantiles (%)'));"""),
    md("""The fan is wider below the median than above it: the skewed t and EGARCH's leverage term make large
falls more likely than large rises, and a fall raises the volatility of the days after it. At the end
of 2018 the volatility was high (the December 2018 sell-off), so the fan is wide.

## 7. Value at risk and its backtests

The one-day **VaR** at tail probability `p` is the loss exceeded with probability `p`:
`VaR[t] = -(mu + sigma[t] q_p)`, with `q_p` the `p`-quantile of the standardised distribution. The
**expected shortfall** is the average loss beyond it, `ES[t] = -(mu + sigma[t] E[z | z <= q_p])`.
`result.valueAtRisk(p)` gives both for the next day:"""),
    code("""show(Table.fromRecords(fits.map((r) => {
  const v1 = r.valueAtRisk(0.01);
  const v5 = r.valueAtRisk(0.05);
  return { model: r.label, 'VaR 1%': fmt(v1.var, 3), 'ES 1%': fmt(v1.es, 3), 'VaR 5%': fmt(v5.var, 3), 'ES 5%': fmt(v5.es, 3) };
}), 'One-day VaR and ES for 2019-01-02 (% loss)'));"""),
    md("""A VaR model is judged **out of sample**: `vol.rollingForecast` walks forward through the data,
re-fitting the model on a moving window of the last `window` days every `refitEvery` days and
forecasting each next day with only the information available the evening before. A *hit* is a day
whose loss exceeds the VaR. With `n` forecasts, `x` hits and expected rate `p`:

- **Kupiec** (proportion of failures): is the hit rate `x/n` equal to `p`?
  `LR_pof = -2 ln[ (1-p)^(n-x) p^x / ((1-x/n)^(n-x) (x/n)^x) ]`, chi-squared with 1 degree of freedom.
- **Christoffersen** (independence): are hits independent of yesterday's hit? With `n_ij` the number of
  days in state `j` after state `i` and `pi_ij` the transition frequencies,
  `LR_ind = -2 ln[ L(pi) / L(pi_01, pi_11) ]`, chi-squared(1). Clustered hits mean the model reacts too
  slowly.
- **Conditional coverage**: `LR_cc = LR_pof + LR_ind`, chi-squared(2): right rate *and* no clustering.

A p-value below 0.05 rejects the model. To keep this notebook quick we re-fit every 250 days (17 re-fits
over 4,030 forecast days), comparing a GARCH with normal errors with the GJR with t and with skewed-t errors:"""),
    code("""const rollingSpecs: vol.GarchSpec[] = [{ vol: 'garch', dist: 'normal' }, { vol: 'gjr', dist: 't' }, { vol: 'gjr', dist: 'skewt' }];
const rolling = rollingSpecs.map((spec) => ({ label: vol.specLabel(spec), res: vol.rollingForecast(y, spec, { window: 1000, refitEvery: 250, levels: [0.01, 0.05] }) }));
show(Table.fromRecords(rolling.flatMap(({ label, res }) => res.backtests.map((b) => ({
  model: label,
  level: b.level,
  forecasts: b.n,
  'expected hits': fmt(b.level * b.n, 1),
  hits: b.violations,
  'hit rate': fmt(b.rate, 4),
  'Kupiec LR': fmt(b.kupiec.statistic, 3),
  'Kupiec p': Number(b.kupiec.pValue.toPrecision(3)),
  'Christoffersen LR': fmt(b.independence.statistic, 3),
  'Christoffersen p': Number(b.independence.pValue.toPrecision(3)),
  'cond. coverage LR': fmt(b.conditionalCoverage.statistic, 3),
  'cond. coverage p': Number(b.conditionalCoverage.pValue.toPrecision(3)),
}))), `VaR backtests, ${rolling[0].res.index.length} out-of-sample days (${dates[rolling[0].res.index[0]]} .. ${dates[dates.length - 1]}), 1000-day window, re-fit every 250 days`));"""),
    md("""The normal GARCH fails at 1%: its tails are too thin, so losses beyond its 1% VaR happen twice as
often as they should (81 hits where 40 were expected; Kupiec and conditional coverage p < 0.001). The
GJR-t, with fat tails and the leverage term, cuts the excess to 56 hits, still too many for Kupiec at
the 5% level (p about 0.02), though the conditional coverage test, which spends a degree of freedom on
independence, does not quite reject it (p about 0.06). Only the GJR with the **skewed** t gets the left
tail right: 40 hits, and no test rejects it at either level. None of the models shows clustered hits
(Christoffersen p well above 0.05): a GARCH-type VaR adapts quickly enough to new volatility.

**Scaling up.** Change `refitEvery`: with `refitEvery: 20` (monthly, 202 re-fits) the same backtest
takes about 1 s for GARCH-normal and 13 s for GJR-skewt on a 2-core machine, and reaches the
same verdicts for those two; `refitEvery: 1` (daily re-fits, what `arch`'s users write as a loop over
`fit(last_obs=...)`) is about 4,000 fits per model. `expanding: true` uses all data up to each re-fit
instead of the 1000-day window. For many
series or daily re-fits, use the command line, e.g.
`alpha-factory garch var-backtest kernel-lib/data/sp500_index_daily.csv --column adj_close --vol gjr --dist skewt --refit-every 1`,
or fit in parallel across all cores with `vol.fitMany`.

The chart shows the skewed-t GJR's 1% VaR (as a negative return) against the returns it had to
cover, with the hits marked (a hand-written vega-lite spec wrapped in `Chart`):"""),
    code("""const best = rolling[2].res;
const varRows = best.index.map((t, i) => ({ date: dates[t], ret: best.realized[i], var: -best.var['0.01'][i], hit: best.hits['0.01'][i] }));
show(new Chart({
  title: 'Out-of-sample daily returns and the 1% VaR of the GJR(1,1,1)-skewt (hits in red)',
  width: 720, height: 300,
  data: { values: varRows },
  encoding: { x: { field: 'date', type: 'temporal', title: null, axis: { format: '%Y' } } },
  layer: [
    { mark: { type: 'line', color: '#b0b0b0', strokeWidth: 0.8 }, encoding: { y: { field: 'ret', type: 'quantitative', title: 'daily return, %' } } },
    { mark: { type: 'line', color: '#1f5fa8', strokeWidth: 1.2 }, encoding: { y: { field: 'var', type: 'quantitative' } } },
    { transform: [{ filter: 'datum.hit == 1' }], mark: { type: 'point', color: '#d62728', filled: true, size: 18 }, encoding: { y: { field: 'ret', type: 'quantitative' } } },
  ],
}));"""),
    md("""## 8. Dynamic conditional correlation (DCC) between two stocks

Correlations move too, and they tend to rise when markets fall, exactly when diversification is needed.
Engle's (2002) **DCC-GARCH(1,1)** is estimated in two steps:

1. a univariate GARCH for each series gives standardised residuals `z_i[t] = e_i[t] / sigma_i[t]`;
2. the correlation dynamics of `z[t]`:

```
Q[t] = (1 - a - b) Qbar + a z[t-1] z[t-1]' + b Q[t-1]          Qbar = average of z[t] z[t]'
R[t] = diag(Q[t])^(-1/2) Q[t] diag(Q[t])^(-1/2)                 (the correlation matrix)
a, b >= 0,  a + b < 1
```

`a` is how strongly correlation reacts to today's co-movement, `a + b` how persistent it is; `R[t]`
mean-reverts to `Qbar`. `arch` has no multivariate models; `vol.fitDcc` fits N assets (and the
asymmetric DCC with `asymmetric: true`). Here: Apple and Microsoft, close-to-close returns in per cent
from the 505-stock sample (2013-2018)."""),
    code("""const stocks = datasets.sp500Stocks();
const pctReturns = (ticker: string): Float64Array => {
  const c = stocks.series('close', ticker);
  return Float64Array.from({ length: c.length - 1 }, (_, t) => 100 * (c[t + 1] / c[t] - 1));
};
const pair = ['AAPL', 'MSFT'];
const pairReturns = pair.map(pctReturns);
const pairDates = stocks.dates.slice(1);
const dcc = vol.fitDcc(pairReturns, { names: pair });
show(Table.fromRecords(dcc.marginals.map((m, i) => ({
  asset: pair[i], mu: fmt(m.params['mu']), omega: fmt(m.params['omega']), 'alpha[1]': fmt(m.params['alpha[1]']), 'beta[1]': fmt(m.params['beta[1]']), loglik: fmt(m.loglik, 2),
})), 'Step 1: GARCH(1,1)-normal marginals'));
show(Table.fromRecords([{ a: fmt(dcc.a, 5), b: fmt(dcc.b, 5), 'a + b': fmt(dcc.a + dcc.b, 5), 'correlation loglik': fmt(dcc.correlationLoglik, 3), 'total loglik': fmt(dcc.loglik, 3), converged: dcc.converged }], 'Step 2: DCC(1,1) correlation dynamics'));
dcc.toString()"""),
    code("""const rho = dcc.correlationPath(0, 1);
// for comparison: the 60-day rolling sample correlation of the returns
const win = 60;
const rolled = new Float64Array(rho.length).fill(NaN);
for (let t = win - 1; t < rho.length; t++) {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let k = t - win + 1; k <= t; k++) {
    const [ra, rb] = [pairReturns[0][k], pairReturns[1][k]];
    sa += ra; sb += rb; saa += ra * ra; sbb += rb * rb; sab += ra * rb;
  }
  rolled[t] = (sab - sa * sb / win) / Math.sqrt((saa - sa * sa / win) * (sbb - sb * sb / win));
}
show(lineChart(pairDates, { 'DCC correlation': rho, '60-day window': rolled }, {
  title: 'AAPL-MSFT conditional correlation', yTitle: 'correlation', width: 720, height: 260, xFormat: '%b %Y',
}));
show(Table.fromRecords([1, 5, 22, 250].map((h) => {
  const f = dcc.forecast(h);
  return {
    'days ahead': h,
    correlation: fmt(f.correlation[0][1], 4),
    'AAPL variance': fmt(f.covariance[0][0], 4),
    'MSFT variance': fmt(f.covariance[1][1], 4),
    covariance: fmt(f.covariance[0][1], 4),
  };
}), 'DCC forecasts from 2018-02-07: correlation and covariance (%^2) of day T + h'));"""),
    md("""The DCC correlation moves with the rolling estimate but without its arbitrary window: every day
updates it by the product of the two standardised shocks. The covariance forecasts `H = D R D` (with
`D` the marginal volatility forecasts) feed directly into portfolio risk and allocators.

## 9. An ensemble forecast with Akaike weights

When several models are close, averaging their forecasts is usually safer than betting on one. The
Akaike weight of model `i` is

```
w_i = exp(-(AIC_i - min AIC) / 2) / sum_j exp(-(AIC_j - min AIC) / 2)
```

(subtracting the minimum first keeps the exponentials from underflowing; a model that failed to fit
gets weight 0 with its reason). `grid.forecast(H, 'aic')` returns the weighted variance forecast
`sum_i w_i sigma2_i[T+h]`, using simulation for the models without analytic forecasts. We fit six
asymmetric, fat-tailed competitors:"""),
    code("""const competitors: vol.GarchSpec[] = [
  { vol: 'gjr', dist: 't' }, { vol: 'gjr', dist: 'skewt' },
  { vol: 'tarch', dist: 't' }, { vol: 'tarch', dist: 'skewt' },
  { vol: 'egarch', o: 1, dist: 't' }, { vol: 'egarch', o: 1, dist: 'skewt' },
];
const ens = vol.fitGrid(y, competitors);
const ensFc = ens.forecast(H, 'aic');
const bicW = ens.weights('bic');
show(Table.fromRecords(ens.table().map((r, i) => ({
  model: r.label,
  AIC: r.aic === null ? null : fmt(r.aic, 2),
  'Akaike weight': Number(r.aic_weight.toPrecision(4)),
  'BIC weight': Number(bicW[i].toPrecision(4)),
  ok: r.ok,
  reason: r.reason,
})), 'Ensemble members and their weights'));
// each member's own forecast: analytic where it exists, else simulated with the seed grid.forecast
// uses for member i (i + 1, 2000 paths), so the ensemble line is exactly their weighted mix
const memberVol = (e: vol.GridEntry, i: number): Float64Array => {
  const r = e.result as vol.GarchResult;
  let v: Float64Array;
  try { v = r.forecast(H).variance; } catch { v = r.forecast(H, { method: 'simulation', simulations: 2000, rng: new Rng(i + 1) }).variance; }
  return v.map((x) => annualise(Math.sqrt(x)));
};
const horizonRows: Array<Record<string, string | number>> = [];
ens.entries.forEach((e, i) => memberVol(e, i).forEach((v, h) => horizonRows.push({ h: h + 1, model: e.label, vol: v })));
ensFc.variance.forEach((v, h) => horizonRows.push({ h: h + 1, model: 'Akaike ensemble', vol: annualise(Math.sqrt(v)) }));
show(new Chart({
  title: 'Volatility forecasts from 2018-12-31 (annualised %)',
  width: 620, height: 280,
  data: { values: horizonRows },
  mark: { type: 'line', strokeWidth: 1.5 },
  encoding: {
    x: { field: 'h', type: 'quantitative', title: 'trading days ahead' },
    y: { field: 'vol', type: 'quantitative', title: 'volatility, % a year', scale: { zero: false } },
    color: { field: 'model', type: 'nominal', title: null, legend: { labelLimit: 220 } },
    strokeDash: { condition: { test: "datum.model === 'Akaike ensemble'", value: [6, 3] }, value: [1, 0] },
  },
}));
`ensemble volatility: ${fmt(annualise(Math.sqrt(ensFc.variance[0])), 2)}% a year tomorrow, ${fmt(annualise(Math.sqrt(ensFc.variance[H - 1])), 2)}% in ${H} days`"""),
    md("""The analytic GJR forecasts are smooth curves; the TARCH and EGARCH ones are simulated (2,000 paths)
and wiggle with simulation noise of a few tenths of a volatility point. With 5,030 observations the
likelihood differences are large, so the weights are concentrated (TARCH-skewt takes almost all of the
AIC weight here) and the dashed ensemble line sits on the best member; on
shorter samples, or across many assets, the weights spread out and the average genuinely hedges model
risk. The skewed-t variants beat their symmetric twins on every model: the S&P 500's left tail is longer
than its right one.

### When to prefer which model

| situation | model |
|---|---|
| a quick, robust one-day number for many series; no estimation | EWMA (0.94) |
| a baseline with mean reversion; analytic forecasts at every horizon | GARCH(1,1), normal or t |
| equities and indices (leverage effect), with analytic forecasts | GJR-GARCH with t or skewed t |
| outliers you do not want squared; robust asymmetry | TARCH with GED or t |
| no positivity constraints, strongest asymmetry, log-scale dynamics | EGARCH with skewed t (simulate for h > 1) |
| tail risk (VaR/ES) | any of the above with t, skewed t or GED; backtest it out of sample |
| correlations and covariance forecasts for portfolios | DCC on top of the univariate fits |
| model uncertainty | an Akaike-weighted ensemble of close competitors |

## 10. Reproducibility

The last cell records the experiment manifest: the seeds of every random stream used above (the
forecast simulations), the sha256 of the two data files, and the versions of kernel-lib, tslab,
TypeScript and Node. `alpha-factory report notebooks/01-volatility.ipynb --html report.html` executes the
notebook and keeps the manifest in the report."""),
]
write_tutorial(cells, "01-volatility.ipynb")
