import { parseArgs } from 'node:util';
/**
 * `alpha-factory garch fit | dcc | var-backtest`: univariate GARCH-family fits, DCC correlation
 * fits and rolling VaR backtests on a CSV column (see USAGE).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AlphaFactoryError } from '../../errors';
import { scanCsv } from '../../data/csv';
import { fitGarch } from '../../vol/fit';
import { rollingForecast } from '../../vol/forecast/rolling';
import { fitDcc } from '../../vol/multivariate/dcc';
import { DIST_NAMES, MEAN_NAMES, VOL_NAMES } from '../../vol/spec';
import type { DistName, GarchSpec, MeanName, VolName } from '../../vol/spec';
import { usageError as groupUsageError, withUsageErrors } from '../args';
import type { CliCommand, CliIO } from '../command';

const USAGE = `Usage:
  alpha-factory garch fit <csv> --column C [--returns pct|log|none] [--scale 100]
        [--mean constant|zero|ar --lags k] --vol garch|gjr|tarch|egarch|ewma|constant
        [--p 1 --o 1 --q 1] --dist normal|t|skewt|ged [--backcast arch|sample]
        [--horizon H] [--repeat N] [--dropna] [--rescale] [--json]
  alpha-factory garch dcc <csv> --columns A,B[,...] [--returns pct|log|none] [--scale 100]
        [--vol ...] [--dist ...] [--asymmetric] [--horizon H] [--dropna] [--json]
  alpha-factory garch var-backtest <csv> --column C [--returns ...] [--scale 100] [--vol ...]
        [--dist ...] [--window 1000] [--refit-every 20] [--levels 0.01,0.05] [--dropna] [--json]

fit           Maximum-likelihood fit of a mean + volatility + distribution model (arch's
              parameterisation and names) and variance forecasts for h = 1..H.
dcc           Engle's DCC(1,1) (two-step: univariate marginals, then correlation dynamics) on
              two or more columns; prints a, b (and g with --asymmetric) and the forecast
              covariance matrix.
var-backtest  Walk-forward one-step forecasts with re-fits, VaR/ES, and the Kupiec,
              Christoffersen and conditional-coverage tests with p-values.

  --column C           the column of prices (or of returns with --returns none)
  --returns pct|log|none  pct = p_t/p_{t-1} - 1 (default), log = ln(p_t/p_{t-1}), none = already returns
  --scale S            multiply returns by S (default 100: percent returns)
  --dropna             drop rows whose value is missing (empty, NaN, ".") or infinite instead of failing
  --rescale            rescale by a power of 10 when the variance is outside [0.1, 1e4) (arch's advice)
  --backcast arch|sample  pre-sample variance: arch's EWMA of the first 75 squared residuals
                       (default) or the sample mean square (R's rugarch, the FCP benchmark)
  --horizon H          forecast horizon (default 10 for fit, 1 for dcc)
  --repeat N           fit N times and report the median time (timing.fit_ms_median)
  --json               machine-readable output: fit -> {nobs, loglik, aic, bic, converged, reason,
                       params, std_err, forecast: {variance}, timing: {fit_ms_median}, ...}
`;

const usageError = (message: string): AlphaFactoryError => groupUsageError('garch', message);

const MISSING = new Set(['', '.', 'na', 'nan', 'n/a', 'null', 'none']);

/**
 * The named columns of a CSV as numbers, with the file row (header = 1) of each value. A missing
 * marker (empty, NA, NaN, ".") or an infinite value is an error naming its row unless `dropna`,
 * in which case the whole row is dropped; leading rows where every column is empty (ragged
 * starts) are skipped.
 */
export function readNumericColumns(file: string, columns: string[], io: CliIO, dropna: boolean): { values: Float64Array[]; rows: number[]; dates: string[] } {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    throw new AlphaFactoryError('file_not_found', `cannot read file: ${(err as Error).message}`, { file });
  }
  let idx: number[] = [];
  const cols: number[][] = columns.map(() => []);
  const rows: number[] = [];
  const dates: string[] = [];
  let started = false;
  scanCsv(text, (row) => {
    if (row.row === 1 || idx.length === 0) {
      const header = row.cells().map((h) => h.trim());
      idx = columns.map((c) => header.indexOf(c));
      const bad = columns.find((_, k) => idx[k] < 0);
      if (bad !== undefined) throw new AlphaFactoryError('missing_column', `no column "${bad}" (columns: ${header.join(', ')})`, { file, row: row.row, column: bad });
      return;
    }
    const raw = idx.map((i) => (i < row.count ? row.cell(i).trim() : ''));
    if (!started && raw.every((s) => s === '')) return;
    started = true;
    const nums: number[] = [];
    for (let k = 0; k < raw.length; k++) {
      const s = raw[k];
      const lower = s.toLowerCase();
      let v: number;
      if (MISSING.has(lower)) v = NaN;
      else if (/^[+-]?(inf|infinity)$/.test(lower)) v = lower.startsWith('-') ? -Infinity : Infinity;
      else {
        v = Number(s);
        if (Number.isNaN(v)) throw new AlphaFactoryError('not_a_number', `"${s}" is not a number`, { file, row: row.row, column: columns[k] });
      }
      if (!Number.isFinite(v)) {
        if (dropna) return;
        const what = Number.isNaN(v) ? `missing value ${s === '' ? '(empty cell)' : `"${s}"`}` : `infinite value "${s}"`;
        throw new AlphaFactoryError('missing_value', `${what} in the series (use --dropna to drop such rows)`, { file, row: row.row, column: columns[k] });
      }
      nums.push(v);
    }
    nums.forEach((v, k) => cols[k].push(v));
    rows.push(row.row);
    dates.push(row.count > 0 ? row.cell(0) : String(row.row));
  });
  if (idx.length === 0) throw new AlphaFactoryError('empty_file', 'the file has no header row', { file });
  return { values: cols.map((c) => Float64Array.from(c)), rows, dates };
}

/** Returns from a price/return column; `rows[i]` is the file row of return i. */
function toReturns(v: Float64Array, rows: number[], how: string, scale: number, file: string, column: string): { y: Float64Array; rows: number[] } {
  if (how === 'none') return { y: v.map((x) => x * scale), rows };
  if (how !== 'pct' && how !== 'log') throw usageError(`--returns must be pct, log or none, got "${how}"`);
  const y = new Float64Array(Math.max(v.length - 1, 0));
  for (let t = 1; t < v.length; t++) {
    if (!(v[t - 1] > 0) || !(v[t] > 0)) throw new AlphaFactoryError('non_positive_price', `price ${v[t - 1] > 0 ? v[t] : v[t - 1]} is not positive; use --returns none if the column holds returns`, { file, row: rows[v[t - 1] > 0 ? t : t - 1], column });
    y[t - 1] = scale * (how === 'pct' ? v[t] / v[t - 1] - 1 : Math.log(v[t] / v[t - 1]));
  }
  return { y, rows: rows.slice(1) };
}

function intOption(text: string | undefined, dflt: number, what: string, min: number): number {
  if (text === undefined) return dflt;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw usageError(`--${what} must be an integer >= ${min}, got "${text}"`);
  return v;
}

function numOption(text: string | undefined, dflt: number, what: string): number {
  if (text === undefined) return dflt;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw usageError(`--${what} must be a number, got "${text}"`);
  return v;
}

const COMMON = {
  column: { type: 'string' },
  columns: { type: 'string' },
  returns: { type: 'string' },
  scale: { type: 'string' },
  mean: { type: 'string' },
  lags: { type: 'string' },
  vol: { type: 'string' },
  p: { type: 'string' },
  o: { type: 'string' },
  q: { type: 'string' },
  dist: { type: 'string' },
  backcast: { type: 'string' },
  horizon: { type: 'string' },
  repeat: { type: 'string' },
  window: { type: 'string' },
  'refit-every': { type: 'string' },
  levels: { type: 'string' },
  asymmetric: { type: 'boolean' },
  dropna: { type: 'boolean' },
  rescale: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = { [K in keyof typeof COMMON]?: (typeof COMMON)[K]['type'] extends 'boolean' ? boolean : string };

function specFrom(v: Values): GarchSpec {
  const vol = (v.vol ?? 'garch') as VolName;
  if (!VOL_NAMES.includes(vol)) throw usageError(`--vol must be one of ${VOL_NAMES.join(', ')}, got "${v.vol}"`);
  const dist = (v.dist ?? 'normal') as DistName;
  if (!DIST_NAMES.includes(dist)) throw usageError(`--dist must be one of ${DIST_NAMES.join(', ')}, got "${v.dist}"`);
  const mean = (v.mean ?? 'constant') as MeanName;
  if (!MEAN_NAMES.includes(mean)) throw usageError(`--mean must be one of ${MEAN_NAMES.join(', ')}, got "${v.mean}"`);
  if (v.lags !== undefined && mean !== 'ar') throw usageError('--lags needs --mean ar');
  return {
    mean,
    lags: mean === 'ar' ? intOption(v.lags, 1, 'lags', 1) : undefined,
    vol,
    p: v.p === undefined ? undefined : intOption(v.p, 1, 'p', 0),
    o: v.o === undefined ? undefined : intOption(v.o, 0, 'o', 0),
    q: v.q === undefined ? undefined : intOption(v.q, 1, 'q', 0),
    dist,
  };
}

function backcastFrom(v: Values): 'arch' | 'sample' {
  const b = v.backcast ?? 'arch';
  if (b !== 'arch' && b !== 'sample') throw usageError(`--backcast must be arch or sample, got "${b}"`);
  return b;
}

function parse(argv: string[]): { values: Values; file: string } {
  const parsed = withUsageErrors('garch', () => parseArgs({ args: argv, allowPositionals: true, options: COMMON }));
  if (parsed.positionals.length !== 1) throw usageError(parsed.positionals.length === 0 ? 'a CSV file is required' : `unexpected argument "${parsed.positionals[1]}"`);
  return { values: parsed.values as Values, file: parsed.positionals[0] };
}

function series(values: Values, file: string, io: CliIO): { y: Float64Array; rows: number[]; dates: string[]; column: string } {
  if (!values.column) throw usageError('--column is required');
  const scale = numOption(values.scale, 100, 'scale');
  const col = readNumericColumns(file, [values.column], io, values.dropna === true);
  const r = toReturns(col.values[0], col.rows, values.returns ?? 'pct', scale, file, values.column);
  const dates = values.returns === 'none' ? col.dates : col.dates.slice(1);
  return { y: r.y, rows: r.rows, dates, column: values.column };
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

async function runFit(argv: string[], io: CliIO): Promise<number> {
  const { values, file } = parse(argv);
  const spec = specFrom(values);
  const horizon = intOption(values.horizon, 10, 'horizon', 1);
  const repeat = intOption(values.repeat, 1, 'repeat', 1);
  const s = series(values, file, io);
  const fitOpts = { backcast: backcastFrom(values), rescale: values.rescale === true, location: { file, column: s.column }, rowOf: (i: number) => s.rows[i], index: s.dates };
  const times: number[] = [];
  let r = fitGarch(s.y, spec, fitOpts);
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    r = fitGarch(s.y, spec, fitOpts);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[times.length >> 1] : 0.5 * (times[times.length / 2 - 1] + times[times.length / 2]);
  let fc;
  try {
    fc = r.forecast(horizon);
  } catch {
    fc = r.forecast(horizon, { method: 'simulation', simulations: 2000, rng: 0 });
  }
  const se = r.stdErr;
  const params: Record<string, number | null> = {};
  const stdErr: Record<string, number | null> = {};
  for (const n of r.names) {
    params[n] = num(r.params[n]);
    stdErr[n] = num(se[n]);
  }
  const out = {
    model: r.label,
    nobs: r.nobs,
    loglik: num(r.loglik),
    aic: num(r.aic),
    bic: num(r.bic),
    converged: r.converged,
    reason: r.reason,
    params,
    std_err: stdErr,
    cov_type: r.covType,
    forecast: { method: fc.method, mean: Array.from(fc.mean, num), variance: Array.from(fc.variance, num) },
    timing: { fit_ms_median: median, repeat },
    scale: r.scale,
    warnings: r.warnings,
  };
  if (values.json) io.out(JSON.stringify(out) + '\n');
  else {
    io.out(r.toString() + '\n');
    io.out(`forecast variance (h = 1..${horizon}, ${fc.method}): ${Array.from(fc.variance, (v) => v.toPrecision(6)).join(' ')}\n`);
    io.out(`fit time: median ${median.toFixed(2)} ms over ${repeat} fit(s)\n`);
  }
  for (const w of r.warnings) if (!values.json) io.err(`warning: ${w}\n`);
  return 0;
}

async function runBacktest(argv: string[], io: CliIO): Promise<number> {
  const { values, file } = parse(argv);
  const spec = specFrom(values);
  const s = series(values, file, io);
  const window = intOption(values.window, 1000, 'window', 100);
  const refitEvery = intOption(values['refit-every'], 20, 'refit-every', 1);
  const levels = (values.levels ?? '0.01,0.05').split(',').map((x) => numOption(x, NaN, 'levels'));
  if (levels.some((l) => !(l > 0 && l < 1))) throw usageError('--levels must be probabilities in (0, 1)');
  if (s.y.length <= window) throw new AlphaFactoryError('too_few_observations', `the series has ${s.y.length} returns; the window of ${window} leaves nothing to forecast`, { file, column: s.column });
  const r = rollingForecast(s.y, spec, { window, refitEvery, levels, backcast: backcastFrom(values) });
  const tests = r.backtests.map((b) => ({
    level: b.level,
    n: b.n,
    violations: b.violations,
    rate: b.rate,
    kupiec: { statistic: b.kupiec.statistic, p_value: b.kupiec.pValue },
    independence: { statistic: b.independence.statistic, p_value: b.independence.pValue },
    conditional_coverage: { statistic: b.conditionalCoverage.statistic, p_value: b.conditionalCoverage.pValue },
  }));
  if (values.json) {
    io.out(JSON.stringify({ model: spec, window, refit_every: refitEvery, n_forecasts: r.index.length, refits: r.refits.length, tests }) + '\n');
  } else {
    io.out(`${r.index.length} one-step forecasts, window ${window}, ${r.refits.length} re-fits\n`);
    io.out(`${'level'.padEnd(7)} ${'hits'.padStart(5)} ${'rate'.padStart(7)} ${'Kupiec p'.padStart(10)} ${'indep p'.padStart(10)} ${'cc p'.padStart(10)}\n`);
    for (const t of tests) {
      io.out(`${String(t.level).padEnd(7)} ${String(t.violations).padStart(5)} ${t.rate.toFixed(4).padStart(7)} ${t.kupiec.p_value.toPrecision(4).padStart(10)} ${t.independence.p_value.toPrecision(4).padStart(10)} ${t.conditional_coverage.p_value.toPrecision(4).padStart(10)}\n`);
    }
  }
  return 0;
}

async function runDcc(argv: string[], io: CliIO): Promise<number> {
  const { values, file } = parse(argv);
  const spec = specFrom(values);
  if (!values.columns) throw usageError('--columns A,B[,...] is required');
  const names = values.columns.split(',').map((c) => c.trim());
  if (names.length < 2) throw usageError('--columns needs at least two columns');
  const scale = numOption(values.scale, 100, 'scale');
  const horizon = intOption(values.horizon, 1, 'horizon', 1);
  const cols = readNumericColumns(file, names, io, values.dropna === true);
  const rets = cols.values.map((v, k) => toReturns(v, cols.rows, values.returns ?? 'pct', scale, file, names[k]).y);
  const r = fitDcc(rets, { spec, asymmetric: values.asymmetric === true, names });
  const f = r.forecast(horizon);
  const out = {
    names,
    nobs: r.nobs,
    a: r.a,
    b: r.b,
    g: r.g,
    loglik: num(r.loglik),
    converged: r.converged,
    reason: r.reason,
    marginals: r.marginals.map((m, k) => ({ name: names[k], loglik: num(m.loglik), params: m.params, converged: m.converged })),
    forecast: { horizon, covariance: f.covariance.map((c) => c.map(num)), correlation: f.correlation.map((c) => c.map(num)) },
  };
  if (values.json) io.out(JSON.stringify(out) + '\n');
  else io.out(r.toString() + '\n');
  return 0;
}

export const garchCommand: CliCommand = {
  name: 'garch',
  summary: 'GARCH-family volatility fits, DCC correlations and VaR backtests',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'fit') return runFit(rest, io);
    if (sub === 'dcc') return runDcc(rest, io);
    if (sub === 'var-backtest') return runBacktest(rest, io);
    throw usageError(sub === undefined ? 'a subcommand is required: fit, dcc or var-backtest' : `unknown subcommand "${sub}"`);
  },
};
