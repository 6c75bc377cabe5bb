"""Writes notebooks/00-quickstart.ipynb (kept as a script so the tutorial diff stays readable)."""
from tutorial import code, md, write_tutorial


cells = [
    md("""# Quickstart: Alpha Factory Lab in a TypeScript notebook

This notebook runs on the **TypeScript kernel** (tslab). Everything numeric comes from
`@alpha-factory/kernel`, the same engine the `alpha-factory` command line uses, so what you
compute here you can also script, test and schedule.

You will:
1. load real market data bundled with the library (the S&P 500 index, 1999-2018),
2. look at basic statistics,
3. compute daily returns and a rolling volatility,
4. chart them, and
5. see how every result travels as a *payload* that JupyterLab panels render and the
   HTML report keeps.

Run the cells from top to bottom (Shift-Enter)."""),
    code("""import { datasets, describe, show, lineChart, Table, experiment } from '@alpha-factory/kernel';"""),
    md("""## 1. Load a dataset

`datasets.list()` tells what ships with the library and where it comes from. A `Panel` is the unit
the engine computes on: **dates x assets x fields**, each field a columnar `Float64Array`, with
`NaN` for missing values. The S&P 500 index is a panel with one asset, `SPX`."""),
    code("""show(Table.fromRecords(datasets.list().map((d) => ({ name: d.name, rows: d.rows, licence: d.licence })), 'Bundled datasets'));
const spx = datasets.sp500Index();
show(spx);"""),
    md("""## 2. Basic statistics

`describe(panel)` gives, per field and asset, what pandas' `describe()` gives: count, missing,
mean, standard deviation (ddof 1), min, quartiles (linear interpolation) and max."""),
    code("""const stats = describe(spx, { fields: ['adj_close', 'volume'] });
show(stats);"""),
    md("""## 3. Returns and rolling volatility

The simple daily return is `r[t] = P[t] / P[t-1] - 1`. Volatility over a window of `n` days is the
sample standard deviation (ddof 1) of the returns in the window, annualised with 252 trading days:
`vol[t] = sqrt(252) * std(r[t-n+1], ..., r[t])`.

A window needs all of its `n` observations (as pandas' `rolling(n)` does), so the first `n` days
have no value (`NaN`), and charts leave them out rather than drawing zeros."""),
    code("""const close = spx.series('adj_close', 'SPX');
const returns = new Float64Array(close.length).fill(NaN);
for (let t = 1; t < close.length; t++) returns[t] = close[t] / close[t - 1] - 1;

const window = 21;
const volatility = new Float64Array(close.length).fill(NaN);
for (let t = window; t < close.length; t++) {
  let sum = 0;
  let sumSq = 0;
  for (let k = t - window + 1; k <= t; k++) {
    sum += returns[k];
    sumSq += returns[k] * returns[k];
  }
  const mean = sum / window;
  volatility[t] = Math.sqrt(((sumSq - window * mean * mean) / (window - 1)) * 252);
}
`${returns.length - 1} daily returns; latest 21-day volatility ${(100 * volatility[volatility.length - 1]).toFixed(1)}%`"""),
    md("""## 4. Charts

`lineChart` builds a vega-lite chart. `show()` sends it in one output as an interactive chart
(in JupyterLab) *and* as an SVG image rendered inside the kernel, so the exported HTML report keeps
it even with JavaScript disabled."""),
    code("""show(lineChart(spx.dates, { 'S&P 500': close }, { title: 'S&P 500 adjusted close', yTitle: 'index level' }));"""),
    code("""show(lineChart(spx.dates, { '21-day volatility': volatility }, { title: 'S&P 500: rolling 21-day volatility (annualised)', yTitle: 'volatility' }));"""),
    md("""Volatility clusters: calm years (2004-2006, 2013-2017) alternate with turbulent ones (2002, 2008-2009,
2011). The GARCH models of the volatility tutorial (`01-volatility`) describe exactly this behaviour.

## 5. Payloads

Engine objects travel to JupyterLab as versioned payloads, e.g.
`application/vnd.alpha-factory.table.v1+json`, with JSON Schemas in `schema/`. The Alpha Factory,
GPU Jobs and Portfolio panels render them; the report keeps an HTML rendition. Here is a table payload
with the worst days of the sample:"""),
    code("""const worst = Array.from(returns, (r, t) => ({ date: spx.dates[t], return: r }))
  .filter((d) => Number.isFinite(d.return))
  .sort((a, b) => a.return - b.return)
  .slice(0, 5);
show(Table.fromRecords(worst, 'Five worst days'));"""),
    md("""## 6. Reproducibility

The last cell records the **experiment manifest**: the seeds of any random streams, the sha256 of every
data file read, the versions of kernel-lib, tslab, TypeScript and Node, and the time.
`alpha-factory report notebooks/00-quickstart.ipynb --html report.html` executes this notebook and
writes the manifest into the notebook metadata and the HTML report."""),
]
write_tutorial(cells, "00-quickstart.ipynb")
