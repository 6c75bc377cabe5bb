"""Writes notebooks/02-alpha-factory.ipynb (kept as a script so the tutorial diff stays readable).

Run with /work/main/.venv/bin/python scripts/notebooks/alpha_factory.py; the notebook is written
without outputs (`alpha-factory report notebooks/02-alpha-factory.ipynb --html report.html`
executes it).

tslab note: write `{ key: value }` rather than the shorthand `{ value }` when `value` is declared in an
earlier cell. tslab rewrites such names to `exports.value` but leaves shorthand properties alone, so the
cell fails with "ReferenceError: value is not defined" (tslab 1.0.22).
"""
from tutorial import code, md, write_tutorial


cells = [
    md("""# The alpha factory: from formulas to a mega-alpha

An *alpha* (or *factor*) is a number per stock and per day that should rank tomorrow's winners above
tomorrow's losers. This tutorial walks through the whole factory on **505 S&P 500 stocks over five
years** (2013-02-08 .. 2018-02-07, 1,259 trading days), in this TypeScript kernel, with
`@alpha-factory/kernel`:

1. **write** alphas as formulas in the DSL (infix, Qlib and Alpha101 spellings, cross-sectional operators);
2. **evaluate** them: IC, RankIC, ICIR, t-statistic, IC decay, quantile returns;
3. run the **validation gate** (IC, t, costs, liquidity, correlation to the zoo);
4. build a **factor zoo** with AlphaForge's admission rules;
5. **mine** new formulas on the CPU with seeded genetic programming;
6. **combine** the zoo into one *mega-alpha* with AlphaForge's dynamic weights, against a fixed-weight baseline;
7. **backtest** the mega-alpha (top-k with dropout, trading costs);
8. watch the factors with the **kill switch**.

**Conventions used throughout** (each is stated in the engine's doc comments and tested against pandas/scipy):
- A panel is *dates x assets x fields*; every array is date-major (`index = t * nAssets + i`) and
  `NaN` means missing. Nothing is filled in silently.
- The **label** is the forward return `close(t + h) / close(t) - 1`. It exists only once it is
  realised: the last `h` dates have no label, and every combiner fits its weights on labels that were
  already known on the day the weights are used (**no look-ahead**).
- **Rolling windows need all their observations** (pandas `min_periods = window`): a 20-day mean is
  missing for the first 19 days and on any window with a gap. Standard deviations use ddof 1.
- **Ranks average ties** (pandas `rank(method='average')`): `[10, 20, 20, 30]` ranks as `[1, 2.5, 2.5, 4]`.
- Cross-sectional statistics of a date use the assets where factor and label are both finite, and a
  date with fewer than 10 such assets is skipped.
- Every random draw comes from a seeded generator, so a re-run gives the same numbers.

**Run time.** The notebook runs in a few minutes on a laptop. The slow parts are scaled down and each
is controlled by one constant in the next cell: the miner searches a subset of `MINING_ASSETS` stocks
for `GENERATIONS` generations, and the zoo is offered the `CANDIDATES_PER_FAMILY` best formulas of each
library family. Raise them to scale up."""),
    code("""import {
  datasets, alpha, parseFormula, formatFormula, canonicalFormula, FormulaEvaluator, registerOperator,
  listOperators, evaluateFactor, forwardReturn, gateFactor, FactorZoo, runCombination, alphaForgeWeights,
  signalBacktest, AlphaFactoryError, show, Table, Chart, lineChart, barChart, heatmap, progressDisplay, experiment,
} from '@alpha-factory/kernel';

const HORIZON = 5;              // label: 5-day forward return close(t+5)/close(t) - 1
const SEED = 7;                 // seed of the genetic-programming miner
const MINING_ASSETS = 100;      // stocks the miner searches (scale up: panel.nAssets)
const GENERATIONS = 5;          // miner generations (scale up: 20-50)
const CANDIDATES_PER_FAMILY = 8; // library formulas per family offered to the zoo (scale up: 50)

const f4 = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(4)));
const sig = (x: number): number | null => (Number.isFinite(x) ? Number(x.toPrecision(4)) : null);
const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : 'n/a');"""),
    md("""## 1. The panel

`datasets.sp500Stocks()` loads the bundled file (with its sha256 recorded for the manifest at the end):
open, high, low, close and volume of 505 S&P 500 constituents. A few stocks joined or left the index
during the five years, so their rows are missing (`NaN`) outside their listing."""),
    code("""const panel = datasets.sp500Stocks();
const N = panel.nAssets;
const T = panel.nDates;
show(panel);
const label = forwardReturn(panel, HORIZON);     // what the factors are scored and combined against
const label1 = forwardReturn(panel, 1);          // next-day return, for the backtest and the kill switch
const ev = new FormulaEvaluator(panel);          // evaluates formulas, sharing common sub-formulas
`${N} assets x ${T} dates; the last ${HORIZON} dates have no ${HORIZON}-day label yet`"""),
    md("""## 2. Writing formulas

A formula is text, parsed into a tree and evaluated on the panel; it never runs JavaScript. You can write
- **infix arithmetic and comparisons**: `-(close / delay(close, 10) - 1)`, `x ^ 2`, `a > b ? x : y`;
- **function calls** from the operator table: element-wise (`abs`, `log`, `signed_power`, ...), time
  series over a window of past days (`delay`, `ts_mean`, `ts_std`, `ts_rank`, `ts_corr`, `ts_wma`, ...),
  and **cross-sectional** operators that look across all stocks on one date (`cs_rank`, `cs_zscore`,
  `cs_demean`, `cs_scale`, `cs_winsorize`, `group_neutralize`);
- **aliases**, so formulas paste in unchanged from Qlib (`Ref($close, 5)`, `Mean`, `Std`), the
  Alpha101 paper (`rank`, `correlation`, `Ts_ArgMax`, `adv20`) and AlphaForge (`S_log1p`);
- the fields `open high low close volume`, plus `vwap` (proxied by `(high + low + close) / 3` when the
  panel has no vwap, as here), `returns` (`close / delay(close, 1) - 1`) and `adv(d)` (mean volume over d days).

The **canonical form** is what the factory de-duplicates on: two spellings of the same computation
have the same canonical text."""),
    code("""const written = [
  '-(close / delay(close, 10) - 1)',
  'cs_rank(volume) > 0.5 ? close : open',
  'Ref($close, 5) / $close - 1',
  '-1 * correlation(rank(open), rank(volume), 10)',
  'cs_zscore(ts_std(returns, 20)) ^ 2',
];
show(Table.fromRecords(written.map((f) => ({ written: f, printed: formatFormula(parseFormula(f)), canonical: canonicalFormula(f) })), 'Formulas as written, printed and canonicalised'));
`Same computation? ${canonicalFormula('Ref($close, 5) + $open') === canonicalFormula('open + delay(close, 5)')}  (Ref($close, 5) + $open  vs  open + delay(close, 5))`"""),
    md("""A mistake is reported with the **position** in the formula where it was found (0-based), with a
suggestion when the name is close to a known one. Errors are `AlphaFactoryError`s with a `code`
(`formula_syntax`, `unknown_operator`, `unknown_field`, `arity`, `window`) and a `location`."""),
    code("""const mistakes = ['ts_mean(close, 0)', 'close / delay(close) - 1', 'cs_rank(volme)', 'rnk(close)', 'close +* 2'];
const errorRows = mistakes.map((f) => {
  try {
    parseFormula(f);
    return { formula: f, code: 'ok', position: null, message: '', where: '' };
  } catch (e) {
    if (!(e instanceof AlphaFactoryError)) throw e;
    const pos = e.location.position ?? 0;
    return { formula: f, code: e.code, position: pos, message: e.message, where: ' '.repeat(pos) + '^' };
  }
});
show(Table.fromRecords(errorRows.map(({ formula, code, position, message }) => ({ formula, code, position, message })), 'Formula errors name their position'));
errorRows.map((r) => `${r.formula}\\n${r.where}  ${r.code}: ${r.message}`).join('\\n\\n')"""),
    md("""You can add operators of your own. A time-series operator receives each complete window, oldest
first; the engine applies the missing-value rules (a window with a gap gives `NaN`), so the operator
only does the arithmetic."""),
    code("""registerOperator({
  name: 'ts_range',
  kind: 'timeseries',
  args: [{ name: 'x', type: 'series' }, { name: 'd', type: 'window' }],
  description: 'max - min of x over the last d days',
  window: ([w]) => Math.max(...w) - Math.min(...w),
}, { replace: true });
const range20 = ev.evaluate('ts_range(close, 20) / close');
const ops = listOperators();
`${ops.length} operators (${ops.filter((o) => o.kind === 'crosssectional' || o.kind === 'group').length} cross-sectional); ts_range(close, 20) / close for ${panel.assets[0]} on ${panel.dates[T - 1]}: ${range20[(T - 1) * N].toFixed(4)}`"""),
    md("""## 3. Evaluating a factor

`evaluateFactor(values, label, nAssets, options)` measures one factor against one label. Each day `t`
it uses the stocks where both are finite:

| metric | definition |
|---|---|
| IC(t) | Pearson correlation of the factor and the label across stocks |
| RankIC(t) | Spearman correlation: Pearson correlation of their (average) ranks |
| IC, RankIC | mean of the daily series over the days that have one |
| ICIR | mean / standard deviation (ddof 1) of the daily IC; per day, *not* annualised |
| t-statistic | ICIR x sqrt(days): is the mean IC different from zero? |
| IC decay | the mean IC against labels of several horizons (1, 2, 5, 10, 20 days) |
| quantile returns | each day, stocks are split into 5 buckets by factor rank (ties share a bucket); mean label per bucket |
| long-short spread | top bucket minus bottom bucket, per label period |
| factor return | the daily cross-sectional OLS slope of the label on the factor |
| turnover | mean daily fraction of the factor portfolio traded |

With a 5-day label the daily ICs overlap (Monday's and Tuesday's labels share four days), so the
t-statistic, which treats days as independent, is too large by up to about sqrt(5): read it as an upper bound.

The first factor is the *mean reversion* alpha of the library: how far the price is below its 20-day
average."""),
    code("""const basic = alpha.BASIC_ALPHAS;
show(Table.fromRecords(basic.map((a) => ({ name: a.name, formula: a.formula, description: a.description })), 'The five basic alphas of the library'));
const mr = basic.find((a) => a.name === 'mean_reversion')!;
const mrValues = ev.evaluate(mr.formula);
const decay = alpha.icDecay(mrValues, panel.field('close'), N);
const report = evaluateFactor(mrValues, label, N, { name: mr.name, formula: mr.formula, horizon: HORIZON, dates: panel.dates, decay: decay });
show(report);"""),
    md("""`show(report)` sends the whole report as a `factor-report` payload (the Alpha Factory panel of
JupyterLab draws it) and prints the summary. The numbers are small, and that is normal: on large US
stocks a daily IC of 0.01-0.02 is a useful signal, because it is earned on hundreds of stocks every day.
The charts below show the parts of the report: the cumulative daily RankIC (a steady upward slope
means a steady signal), the mean return of each quantile, and the IC decay."""),
    code("""const cum = (xs: Float64Array): Float64Array => {
  let s = 0;
  return xs.map((x) => (Number.isFinite(x) ? (s += x) : s));
};
show(lineChart(panel.dates, { 'cumulative RankIC': cum(report.dailyRankIC), 'cumulative IC': cum(report.dailyIC) }, { title: `${mr.name}: cumulative daily IC and RankIC (${HORIZON}-day label)`, yTitle: 'sum of daily IC' }));
show(barChart(['Q1', 'Q2', 'Q3', 'Q4', 'Q5'], Array.from(report.quantiles.mean, (m) => m * 1e4), { title: `${mr.name}: mean ${HORIZON}-day return by factor quintile`, xTitle: 'factor quintile (Q1 lowest, Q5 highest)', yTitle: 'basis points' }));
show(barChart(decay.map((d) => `${d.horizon}d`), decay.map((d) => d.ic), { title: `${mr.name}: IC decay`, xTitle: 'label horizon', yTitle: 'mean IC' }));"""),
    md("""Now the five basic alphas side by side. `FormulaEvaluator.evaluateMany` computes sub-formulas they
share (`delay(close, 5)`, `ts_mean(close, 20)`, ...) once."""),
    code("""const basicValues = ev.evaluateMany(basic.map((a) => a.formula));
const basicReports = basic.map((a, k) => evaluateFactor(basicValues[k], label, N, { name: a.name, formula: a.formula, horizon: HORIZON }));
show(Table.fromRecords(basicReports.map((r) => ({
  name: r.name, IC: f4(r.ic.mean), ICIR: f4(r.ic.ir), t: f4(r.ic.tStat), RankIC: f4(r.rankIC.mean), RankICIR: f4(r.rankIC.ir),
  'spread (bp)': f4(r.spread.mean * 1e4), turnover: f4(r.turnover), days: r.ic.days,
})), `The basic alphas against the ${HORIZON}-day label`));"""),
    md("""Momentum over one week or one month has a **negative** IC here: in these years last month's
winners tended to give some of it back (short-term reversal). A factor with a negative IC is as useful
as one with a positive IC once you flip its sign, which is what the zoo below does.

## 4. The validation gate

Before a factor goes anywhere near money it passes the gate. Each check passes or fails on its own:

| check | passes when | default |
|---|---|---|
| `ic` | mean daily IC >= minIC | 0.02 |
| `t_stat` | t-statistic of the daily IC >= minTStat | 2.0 |
| `cost` | cost drag < maxCostShare x expected gross return (both as fractions of capital per day) | 30% |
| `liquidity` | share of the gross position outside the least liquid fifth of stocks (by 20-day dollar volume) >= minLiquidity | 0.7 |
| `zoo_correlation` | max \\|correlation\\| to the active zoo members <= max | 0.8 |

The cost drag is the factor portfolio's daily turnover times 10 bps (the mean of 5 bps to open and 15 bps
to close); the gross return is what the same portfolio earns per day from the label."""),
    code("""const dollarVolume = ev.evaluate('close * volume');
const gate = gateFactor(mrValues, label, N, { horizon: HORIZON, dollarVolume: dollarVolume });
report.gate = gate.toJSON();
show(gate.toString());"""),
    md("""The default `ic` bar of 0.02 comes from markets where signals are stronger (the Chinese A-share
universes most alpha-mining papers use). Thresholds are configurable; for large US stocks and a weekly
label we lower the IC bar to 0.01 and keep the rest. The gate outcome is attached to the report, so it
travels with the `factor-report` payload."""),
    code("""const gateUS = gateFactor(mrValues, label, N, { horizon: HORIZON, dollarVolume: dollarVolume, thresholds: { minIC: 0.01 } });
report.gate = gateUS.toJSON();
show(report);
show(Table.fromRecords(gateUS.checks.map((c) => ({ check: c.name, value: sig(c.value), comparison: c.comparison, threshold: sig(c.threshold), status: c.status, detail: c.detail })), `Gate for ${mr.name} (minIC 0.01): ${gateUS.pass ? 'PASS' : 'FAIL'}`));"""),
    md("""Even with the lower IC bar the factor fails on **cost**: its portfolio (weights proportional to the
demeaned factor) trades about 36% of its book every day, which at 10 bps costs about 3.6 bp a day, more
than the 1.4 bp a day it earns gross. That is the usual fate of a raw short-term signal. It is not the end
of the idea: a combination of several factors and a slower trading rule (the top-k dropout backtest of
section 8) turn over far less."""),
    md("""## 5. The factor zoo

The zoo is the team's library of factors: each member has a **status** (`candidate` -> `active` ->
`decaying` -> `retired`), **provenance** (canonical formula, data hash, seed, job id, source), its
metrics and its daily IC, RankIC and factor-return series. It is keyed by the canonical formula, so
the same alpha written twice is refused.

`zoo.consider(...)` applies **AlphaForge's admission rules** (Shi et al., AAAI 2025):

| rule | default |
|---|---|
| \\|IC\\| > minAbsIC | 0.03 |
| \\|ICIR\\| >= minICIR | 0.1 |
| finite ratio (share of labelled cells where the factor has a value) >= | 0.8 |
| uniqueness (distinct values / values) >= | 0.01 |
| \\|correlation\\| of its daily factor-return series with every member's <= | 0.7 |

The last rule keeps the zoo **diverse**: a factor that earns its money on the same days as a member adds
little. As for the gate, the |IC| bar of 0.03 is lowered to 0.01 for this universe and label.

The candidates are the `CANDIDATES_PER_FAMILY` formulas with the largest |IC| (a quick screen by Pearson
IC) from each family of the library: the five basic alphas, the Alpha101 selection, and Alpha158 at
windows of 5, 20 and 60 days. They are offered best first. A candidate with a negative IC is
offered as its negation `-(formula)`, so that every member predicts returns with a positive sign."""),
    code("""const ADMISSION = { minAbsIC: 0.01 };
const families = [alpha.BASIC_ALPHAS, alpha.ALPHA101, alpha.alpha158([5, 20, 60])];
const byAbsIC = (x: { ic: number }, y: { ic: number }) => Math.abs(y.ic) - Math.abs(x.ic);
const screened = families
  .flatMap((family) => family
    .map((a) => ({ a, ic: alpha.summarizeSeries(alpha.dailyIC(ev.evaluate(a.formula), label, N)).mean }))
    .filter((s) => Number.isFinite(s.ic))
    .sort(byAbsIC)
    .slice(0, CANDIDATES_PER_FAMILY))
  .sort(byAbsIC);

const zoo = new FactorZoo(panel.dates);
const decisions = screened.map(({ a, ic }) => {
  const flip = ic < 0;
  const formula = flip ? `-(${a.formula})` : a.formula;
  const values = ev.evaluate(formula);
  const entry = alpha.zooEntryFromFactor(formula, values, label, N, {
    name: flip ? `-${a.name}` : a.name,
    horizon: HORIZON,
    tags: [a.family],
    provenance: { source: 'library', dataHash: panel.source?.sha256 },
  });
  const r = zoo.consider(entry, ADMISSION);
  return { name: entry.name, IC: f4(entry.metrics.ic), ICIR: f4(entry.metrics.icir), uniqueness: f4(entry.uniqueness), admitted: r.admitted, reasons: r.reasons.join('; ') };
});
show(Table.fromRecords(decisions, 'AlphaForge admission, best candidates first'));
show(zoo);"""),
    md("""The rejections are the point of the rules. Most price-level features (`MA20`, `ROC20`, `QTLU20`, the
flipped 20-day momentum, the basic `mean_reversion`) earn on the same days as `-RESI60` or `MAX20`, already
in the zoo, and are refused for correlation, although each passes the IC bar on its own. `alpha004`
(`-1 * Ts_Rank(rank(low), 9)`) also fails uniqueness: a 9-day time-series rank takes at most 9 values.
What gets in is a handful of different ideas: distance from the recent high or trend, and Alpha101's
intraday and volume-price formulas.

**Factor correlations.** The heatmap shows the mean daily cross-sectional correlation between the
members' values: the zoo holds related but distinct ideas."""),
    code("""let active = alpha.evaluateZoo(zoo, ev, 'active');
const K0 = active.names.length;
const corr = new Float64Array(K0 * K0);
for (let a = 0; a < K0; a++) {
  for (let b = a; b < K0; b++) {
    const c = a === b ? 1 : alpha.meanFactorCorrelation(active.values[a], active.values[b], N);
    corr[a * K0 + b] = c;
    corr[b * K0 + a] = c;
  }
}
show(heatmap(active.names, active.names, corr, { title: 'Zoo members: mean daily cross-sectional correlation', valueTitle: 'correlation', domain: [-1, 1], width: 420, height: 420 }));"""),
    md("""## 6. Mining new formulas on the CPU

`mineFormulasAsync` runs **genetic programming** over the DSL: a population of random formula trees
(depth <= 4, at most 20 nodes) evolves by crossover (swapping sub-trees of two parents), mutation
(replacing a sub-tree, an operator or a window) and tournament selection. A formula's fitness is its
|mean daily RankIC| on the **training dates** (the first 70%); each generation the best formulas are
offered to the miner's own zoo with the admission rules. The random generator is seeded: the same seed,
panel and options give the same formulas.

To keep this notebook fast the miner searches the first `MINING_ASSETS` stocks (alphabetically) for
`GENERATIONS` generations of 30 formulas. The progress bar below is the display layer's
`progressDisplay`, updated in place each generation: the miner is awaited and yields to the event loop
between generations, so the bar moves while it runs (an `AbortSignal` passed as `signal` stops it
between generations and returns the zoo so far; `mineFormulas` is the same miner run in one blocking
call, with the same result for the same seed)."""),
    code("""const miningPanel = panel.selectAssets(panel.assets.slice(0, MINING_ASSETS));
const bar = progressDisplay('mining');
const mined = await alpha.mineFormulasAsync(miningPanel, {
  seed: SEED,
  population: 30,
  generations: GENERATIONS,
  horizon: HORIZON,
  zooSize: 8,
  admission: ADMISSION,
  jobId: 'tutorial-02',
  onProgress: (p) => bar({ done: p.generation, total: p.generations, message: `admitted ${p.zooSize}, best |RankIC| ${p.bestFitness.toFixed(4)}` }),
});
show(mined.toString());
show(Table.fromRecords(mined.history.map((h) => ({ generation: h.generation, 'formulas evaluated': h.evaluated, admitted: h.zooSize, 'best |RankIC|': f4(h.bestFitness), 'best formula': h.bestFormula })), 'Mining progress'));"""),
    md("""The miner's zoo was measured on 100 stocks and the training dates only. Before a mined formula joins
the main zoo it is measured again on **all 505 stocks**, and offered with the same admission rules
(including the correlation rule against what is already there). Its provenance records the seed and
the job, so it can be reproduced. (Its figures on the full panel still include the dates it was mined on:
the out-of-sample check is the combination and backtest below, which start later.)"""),
    code("""const minedRows = mined.zoo.list().map((e) => {
  const values = ev.evaluate(e.formula);
  const entry = alpha.zooEntryFromFactor(e.formula, values, label, N, {
    name: `mined_${e.id.slice(0, 6)}`,
    horizon: HORIZON,
    tags: ['mined'],
    provenance: { source: 'miner', seed: SEED, jobId: 'tutorial-02', dataHash: panel.source?.sha256 },
  });
  const r = zoo.consider(entry, ADMISSION);
  return { name: entry.name, formula: e.formula, 'IC (100 stocks, train)': f4(e.metrics.ic), 'IC (505 stocks)': f4(entry.metrics.ic), admitted: r.admitted, reasons: r.reasons.join('; ') };
});
show(Table.fromRecords(minedRows.length > 0 ? minedRows : [{ note: 'the miner admitted nothing with these settings' }], 'Mined formulas offered to the main zoo'));
show(zoo);"""),
    md("""## 7. Combining the zoo into a mega-alpha

Each member is standardised per date (cross-sectional z-score) and the combiner chooses weights
`w_k(t)`; the **mega-alpha** is `intercept + sum_k w_k(t) z_k(t, i)`.

**No look-ahead.** The weights of date `t` are fitted only on labels already realised: with a 5-day
label the fitting window ends on `t - 5` (the label of `t - 5` is known at the close of `t`). The engine's
test suite changes the future and checks that past weights do not move.

**AlphaForge's dynamic combiner** (Shi et al., AAAI 2025), on each rebalance date, over the last
`lookback` realised dates:
1. each factor's RankIC and RankICIR over the window;
2. keep factors with RankIC > 0.02 and RankICIR > 0.2 (if none qualifies, the single best one);
3. the top 10 by |RankICIR|;
4. a pooled OLS with intercept of the label on their z-scores;
5. the prediction from today's z-scores is the mega-alpha.

The **fixed-weight baseline** freezes the weights of one date (one third into the sample) and uses them
ever after. Comparing the two from that date on answers the question: does re-weighting pay?

Here the weights are refitted every 5 days on an expanding window (AlphaForge's default) once 60 realised
dates exist. The selection bars (RankIC > 0.02, RankICIR > 0.2) are lowered to 0.01 and 0.1, as the
admission bars were: with the defaults hardly any factor of this universe qualifies, and the combiner would
fall back to a single factor most of the time."""),
    code("""active = alpha.evaluateZoo(zoo, ev, 'active');
const names = active.names;
const K = names.length;
const combineInput = { factors: active.values, names: names, label: label, nAssets: N, horizon: HORIZON, dates: panel.dates };
const combineOptions = { minHistory: 60, rebalanceEvery: 5 };
const afOptions = { minRankIC: 0.01, minRankICIR: 0.1 };
const combo = runCombination(combineInput, alphaForgeWeights(afOptions), combineOptions);
const equal = runCombination(combineInput, alpha.equalWeights(), combineOptions);
show(combo);"""),
    md("""**Weights over time.** The first chart shows the OLS coefficients from the baseline date on (the first
fits, on a few dozen dates, swing widely), in basis points of 5-day return per unit of z-score: factors
enter and leave as their RankIC over the window crosses the bars. The second shows each factor's share of the
mega-alpha's gross exposure (`contribution`, rows sum to 1) as a stacked area, built directly as a
vega-lite spec with `new Chart(spec)`."""),
    code("""const weekly = [...Array(T).keys()].filter((t) => t >= combo.firstWeighted && (t - combo.firstWeighted) % 5 === 0);
const weekDates = weekly.map((t) => panel.dates[t]);
const weightSeries: Record<string, Float64Array> = {};
names.forEach((n, k) => (weightSeries[n] = Float64Array.from(weekly, (t) => (t < combo.baselineAt ? NaN : 1e4 * combo.weights[t * K + k]))));
show(lineChart(weekDates, weightSeries, { title: 'AlphaForge weights over time (OLS coefficients)', yTitle: 'bp of 5-day return per unit z-score', height: 300 }));

const shareRows = weekly.flatMap((t) => names.map((n, k) => ({ date: panel.dates[t], factor: n, share: combo.contribution[t * K + k] })));
show(new Chart({
  title: 'Share of the mega-alpha by factor (contribution, stacked)',
  width: 640,
  height: 300,
  data: { values: shareRows },
  mark: { type: 'area' },
  encoding: {
    x: { field: 'date', type: 'temporal', title: 'date' },
    y: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'share of gross exposure', axis: { format: '%' } },
    color: { field: 'factor', type: 'nominal', title: null },
    tooltip: [{ field: 'date', type: 'temporal' }, { field: 'factor', type: 'nominal' }, { field: 'share', type: 'quantitative', format: '.1%' }],
  },
}));"""),
    md("""**Dynamic against fixed.** All three are measured from the baseline date on, where none of them has
seen the labels. Read the result honestly: in this universe re-weighting does **not** pay. The signals are
weak (daily ICs of 0.01-0.02) and their measured quality over any window is mostly noise, so a regression
that chases it adds estimation error; the equal-weight average of the z-scores is the best of the three.
That is the common finding for weak, similar signals (the same reason equal weights are hard to beat in
portfolios); AlphaForge's gains were reported on Chinese A-shares, where factor ICs are several times larger
and change more with the market. The engine makes the comparison cheap, so make it on your own data before
trusting either."""),
    code("""const from = combo.baselineAt;
const cmp = combo.comparison();
const eqCmp = equal.comparison();
show(Table.fromRecords([
  { combination: 'AlphaForge dynamic', RankIC: f4(cmp.mega.rankIC.mean), RankICIR: f4(cmp.mega.rankIC.ir), IC: f4(cmp.mega.ic.mean), ICIR: f4(cmp.mega.ic.ir) },
  { combination: 'fixed-weight baseline', RankIC: f4(cmp.baseline.rankIC.mean), RankICIR: f4(cmp.baseline.rankIC.ir), IC: f4(cmp.baseline.ic.mean), ICIR: f4(cmp.baseline.ic.ir) },
  { combination: 'equal weights', RankIC: f4(eqCmp.mega.rankIC.mean), RankICIR: f4(eqCmp.mega.rankIC.ir), IC: f4(eqCmp.mega.ic.mean), ICIR: f4(eqCmp.mega.ic.ir) },
], `Mega-alpha quality from ${panel.dates[from]} (${HORIZON}-day label)`));
const cumFrom = (xs: Float64Array): Float64Array => {
  let s = 0;
  return xs.map((x, t) => (t < from ? NaN : Number.isFinite(x) ? (s += x) : s));
};
show(lineChart(panel.dates, {
  'AlphaForge': cumFrom(combo.megaRankIC),
  'fixed weights': cumFrom(combo.baselineRankIC),
  'equal weights': cumFrom(equal.megaRankIC),
}, { title: 'Cumulative daily RankIC of the mega-alpha', yTitle: 'sum of daily RankIC' }));"""),
    md("""**Which combiner when?** The engine has nine (`alpha.COMBINER_NAMES`, `alpha.combinerByName`); all
share the same no-look-ahead loop.

| combiner | prefer it when |
|---|---|
| `equal` | few factors, short history, or you trust no estimate: the hard-to-beat benchmark |
| `ic-weighted` | factors are roughly independent and their ICs are stable |
| `alphaforge` (dynamic) | factor quality changes over time and you have enough history for a rolling OLS; it also *selects* |
| `kakushadze-yu` | thousands to millions of alphas and few periods: regression-based, never forms the N x N covariance |
| `bayesian` | you want weights that move smoothly, shrunk towards a prior, as evidence accumulates |
| `adaptive` | you weight by recent Sharpe with drawdown and regime penalties |
| `mean-variance` | factor returns' covariance is well estimated and turnover must be penalised |
| `hierarchical` | many correlated factors: cluster them, risk-parity across clusters, Kelly leverage on top |
| fixed weights | as a baseline, or when re-fitting costs more (turnover, governance) than it earns |

## 8. Backtesting the mega-alpha

A factor with a good IC can still lose money to trading costs. `signalBacktest` turns the signal into
daily positions and charges costs: **top-k with dropout** (Qlib's `TopkDropoutStrategy`) holds `k = 50`
stocks equally weighted, and each day sells at most `nDrop = 5` of the held stocks that ranked worst and
buys the best-ranked stocks not held, which keeps turnover low. Positions set at the close of `t` earn
`close(t + 1) / close(t) - 1`; opening costs 5 bps, closing 15 bps.

KPIs follow empyrical's definitions: Sharpe = mean / std (ddof 1) x sqrt(252) of the net daily returns,
max drawdown of the compounded wealth (negative), annual return = CAGR. Cumulative return is shown both
**additive** (sum of daily returns) and **compounded** (product of 1 + r, minus 1), labelled. All three
signals start on the baseline date."""),
    code("""const fromBaseline = (x: Float64Array): Float64Array => x.map((v, b) => (b < from * N ? NaN : v));
const btOptions = { strategy: 'topk-dropout' as const, k: 50, nDrop: 5, dates: panel.dates };
const btDynamic = signalBacktest(fromBaseline(combo.megaAlpha), label1, N, btOptions);
const btFixed = signalBacktest(fromBaseline(combo.baselineAlpha), label1, N, btOptions);
const btEqual = signalBacktest(fromBaseline(equal.megaAlpha), label1, N, btOptions);
show(btDynamic);
const kpiRow = (name: string, bt: typeof btDynamic) => {
  const k = bt.kpis();
  return { signal: name, Sharpe: f4(k.sharpe), 'max drawdown': pct(k.maxDrawdown), 'annual return': pct(k.annualReturn), 'annual volatility': pct(k.annualVolatility), 'turnover/day': f4(k.meanTurnover), 'cumulative (additive)': pct(k.cumulativeAdditive), 'cumulative (compounded)': pct(k.cumulativeCompounded), days: k.days };
};
show(Table.fromRecords([kpiRow('AlphaForge dynamic', btDynamic), kpiRow('fixed-weight baseline', btFixed), kpiRow('equal weights', btEqual)], 'Top-50 dropout-5, net of costs'));"""),
    md("""As with the ICs, the equal-weight and fixed-weight signals do better than the dynamic one here.
The equity curves, compounded, net of costs. For reference, the equal-weighted average of all 505
stocks over the same dates is drawn too (*market*): the long-only top-50 book carries the market, so judge
the alpha by the gap to that line."""),
    code("""const spanDates = panel.dates.slice(btDynamic.start, btDynamic.end + 1);
const marketNet = Float64Array.from(spanDates, (_, j) => {
  const t = btDynamic.start + j;
  let s = 0;
  let n = 0;
  for (let i = 0; i < N; i++) {
    const r = label1[t * N + i];
    if (Number.isFinite(r)) { s += r; n++; }
  }
  return n > 0 ? s / n : 0;
});
let wealth = 1;
const market = marketNet.map((r) => (wealth *= 1 + r) - 1);
const align = (bt: typeof btDynamic): Float64Array => {
  const p = bt.cumulativePaths().compounded;
  return Float64Array.from(spanDates, (_, j) => { const k = btDynamic.start + j - bt.start; return k >= 0 && k < p.length ? p[k] : NaN; });
};
show(lineChart(spanDates, {
  'AlphaForge': align(btDynamic),
  'fixed weights': align(btFixed),
  'equal weights': align(btEqual),
  'market (all stocks)': market,
}, { title: 'Top-50 dropout-5 backtest: cumulative net return (compounded)', yTitle: 'cumulative return', height: 300 }));"""),
    md("""## 9. The kill switch

Factors decay: a signal that worked for years can stop working once it is crowded. The kill switch
watches each factor's daily return, here the **long-short spread** of its top and bottom quintiles on the
next-day return, and on any day a check fails it starts **ramping the factor's weight down** to zero over
`rampDays` days (instead of a cliff), marks it `decaying` in the zoo, retires it at zero, and logs every
decision with its reasons and figures.

| reason | fires when | default |
|---|---|---|
| `low_sharpe` | annualised Sharpe of the last `window` days < minSharpe | 30 days, 0.5 |
| `high_drawdown` | drawdown over the last year deeper than | 15% |
| `correlation_spike` | \\|correlation\\| of the last `window` days' returns with another factor > | 0.9 |
| `expired` | the date reaches the factor's `expiresAt` | |
| `underperformance` | one-sided test that the recent Sharpe is below the expected one, p < | 0.05 |

The defaults are for strategy P&L. A single factor's daily spread is much noisier: the standard error of
a 30-day annualised Sharpe is about sqrt(252 / 30) = 2.9, so a 30-day Sharpe below 0.5 would fire for every
factor within weeks (try it: remove the `thresholds` option). We ask instead that a factor has not lost
money over the last year (Sharpe over 252 days >= 0); each factor's *expected* Sharpe for the significance
test is the one it showed before the baseline date.
The spread of date `t` is realised at `t + 1`, so the switch's decision of date `t` is applied from `t + 1`."""),
    code("""const spreads = active.values.map((v) => alpha.quantileReturns(v, label1, N).spread);
const sharpeOf = (r: Float64Array, a: number, b: number): number => {
  const xs = Array.from(r.subarray(a, b)).filter(Number.isFinite);
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  return (m / sd) * Math.sqrt(252);
};
const monitored = active.entries.map((e, k) => ({ id: e.id, returns: spreads[k], expectedSharpe: sharpeOf(spreads[k], 0, from) }));
const killSwitch = new alpha.KillSwitch({ zoo: zoo, rampDays: 10, thresholds: { window: 252, minSharpe: 0 } });
const multipliers = killSwitch.run(monitored, from, T - 2, panel.dates);
show(Table.fromRecords(killSwitch.auditLog.length > 0
  ? killSwitch.auditLog.map((a) => ({ date: a.date, factor: zoo.get(a.id).name, action: a.action, reasons: a.reasons.join(', '), Sharpe: f4(a.figures.sharpe), drawdown: f4(a.figures.drawdown), 'max corr': f4(a.figures.maxCorrelation), p: f4(a.figures.pValue) }))
  : [{ note: 'no factor failed a check' }], 'Kill-switch audit log'));"""),
    md("""The zoo now shows the statuses the kill switch set, with the reasons in each member's history.
Finally the switch is applied **to the combination**. A `CombinerRule` is just an object with a
`weights(ctx)` method, so the guard is a small wrapper around AlphaForge's rule: a factor the switch has
retired is hidden from the selection (its window statistics read as missing, so the OLS is refitted on the
live factors only), and a factor being ramped down has its weight multiplied by its multiplier of the
previous day. The mega-alpha is then backtested again. Note what the switch cannot know: a factor killed
in a bad year may recover later (compare the dates in the audit log with the cumulative IC charts)."""),
    code("""show(zoo);
const rule = alphaForgeWeights(afOptions);
const multiplierAt = (t: number, k: number): number => (t >= from && t <= T - 2 ? multipliers[t * K + k] : 1);
const guarded: alpha.CombinerRule = {
  method: 'alphaforge + kill switch',
  weights: (ctx) => {
    const m = (k: number) => multiplierAt(ctx.t - 1, k);
    const view: alpha.WeightContext = { ...ctx, stat: (kind, k) => (m(k) > 0 ? ctx.stat(kind, k) : { ...ctx.stat(kind, k), mean: NaN, ir: NaN }) };
    const out = rule.weights(view);
    if (!out) return { weights: new Float64Array(K) };
    return { ...out, weights: out.weights.map((w, k) => w * m(k)) };
  },
};
const comboKS = runCombination(combineInput, guarded, combineOptions);
const btKS = signalBacktest(fromBaseline(comboKS.megaAlpha), label1, N, btOptions);
show(Table.fromRecords([kpiRow('AlphaForge dynamic', btDynamic), kpiRow('AlphaForge + kill switch', btKS)], 'Effect of the kill switch (top-50 dropout-5, net)'));
const live = Float64Array.from(weekly, (t) => names.reduce((s, _, k) => s + multiplierAt(t, k), 0));
show(lineChart(weekDates, { 'factors with full or partial weight (sum of multipliers)': live }, { title: 'Kill switch: live factor count', yTitle: 'factors' }));"""),
    md("""Read the audit log with the figures next to each decision: most kills are `low_sharpe` (a losing year),
and one is the significance test alone (`underperformance`: a positive Sharpe that is still significantly
below what the factor showed before, p < 0.05). In this sample the guarded combination does a little better
than the unguarded one, but that is one path with seven factors; several retired factors earned well again
in 2016-2017 (one-year Sharpe above 1), which the switch gave up. Tune `window`, `minSharpe` and
`rampDays` on history you did not use to choose the factors."""),
    md("""## 10. What to take away

- Formulas are data: they are parsed, canonicalised, de-duplicated and evaluated on the panel in memory,
  with pandas' missing-value rules and errors that point at the character.
- Judge a factor by its **daily** IC series, not one number: its mean, its stability (ICIR), how long it
  lasts (decay) and whether its quantiles line up.
- Thresholds are market-specific: the defaults of the gate and of AlphaForge's admission come from
  stronger-signal markets; say which ones you used (they are in the code cells above).
- Combine with weights fitted on realised labels only, and always compare with a fixed-weight and an
  equal-weight baseline over the same dates.
- Costs and turnover decide whether an IC becomes money; the kill switch decides how long it stays.

The last cell records the **experiment manifest**: seeds, data hashes, software versions and the time."""),
]
write_tutorial(cells, "02-alpha-factory.ipynb", id_prefix="af02")
