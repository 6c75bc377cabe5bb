import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AlphaFactoryError } from '../../errors';
import { readCsv } from '../../data/load';
import { jsonNumber } from '../../metrics/json';
import { performanceSummary } from '../../metrics/summary';
import { usageError as groupUsageError, withUsageErrors } from '../args';
import type { CliCommand, CliIO } from '../command';

const USAGE = `Usage:
  alpha-factory metrics (--returns|--prices) <csv> --column C [--periods N] [--rf R] [--dropna] [--json]

Performance metrics of one column of a CSV (date first, then value columns), with empyrical's
conventions: simple returns, N periods per year (default 252), sample standard deviation, Sortino
over all observations (required return 0), drawdown from a starting baseline of 1.
  --prices <csv>    the column holds prices; returns are p_t / p_{t-1} - 1
  --returns <csv>   the column holds periodic simple returns (0.01 = 1 %)
  --column C        the column to read (e.g. adj_close, AAPL)
  --periods N       periods per year (default 252)
  --rf R            ANNUAL risk-free rate for the Sharpe ratio, applied per period as R / N (default 0)
  --dropna          drop missing values inside the series instead of failing (leading and trailing
                    empty cells, e.g. before a listing, are always skipped)
  --json            {"sharpe", "sortino", "calmar", "max_drawdown" (negative), "cagr",
                     "annual_volatility", "var_95", "cvar_95" (returns at the 5 % cutoff),
                     "win_rate", "profit_factor", "total_return", "downside_risk", "omega",
                     "tail_ratio", "stability", "max_drawdown_duration", "n_obs", "start", "end"}
`;

const usageError = (message: string): AlphaFactoryError => groupUsageError('metrics', message);

/** Parses a numeric option. */
export function numberOption(text: string | undefined, dflt: number, what: string, cmd: string): number {
  if (text === undefined) return dflt;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new AlphaFactoryError('usage', `--${what} must be a number, got "${text}" (see alpha-factory ${cmd} --help)`);
  return v;
}

/**
 * One column of a CSV through the data loaders (wide layout: each column after the date is a
 * series). Leading and trailing missing cells are skipped; a missing value inside the series is
 * an error naming its row (the header is row 1) unless `dropna`.
 */
export function readColumn(file: string, column: string, kind: 'prices' | 'returns', io: CliIO, dropna: boolean): { values: Float64Array; dates: string[] } {
  const field = kind === 'prices' ? 'close' : 'returns';
  const panel = readCsv(resolve(io.cwd, file), { layout: 'wide', fieldName: field, name: file });
  if (!panel.assets.includes(column)) {
    throw new AlphaFactoryError('missing_column', `no column "${column}" (columns: ${panel.assets.join(', ')})`, { file, row: 1, column });
  }
  const s = panel.series(field, column);
  let a = 0;
  let b = s.length - 1;
  while (a <= b && Number.isNaN(s[a])) a++;
  while (b >= a && Number.isNaN(s[b])) b--;
  const values: number[] = [];
  const dates: string[] = [];
  for (let t = a; t <= b; t++) {
    if (Number.isNaN(s[t])) {
      if (dropna) continue;
      throw new AlphaFactoryError('missing_value', `missing value inside the series (use --dropna to drop it)`, { file, row: t + 2, column });
    }
    values.push(s[t]);
    dates.push(panel.dates[t]);
  }
  if (values.length < 3) throw new AlphaFactoryError('too_few_observations', `column has ${values.length} values; at least 3 are needed`, { file, column });
  return { values: Float64Array.from(values), dates };
}

/** Simple (pct) or log returns of prices. */
export function pricesToReturns(p: Float64Array, how: 'pct' | 'log'): Float64Array {
  const r = new Float64Array(p.length - 1);
  for (let t = 1; t < p.length; t++) r[t - 1] = how === 'pct' ? p[t] / p[t - 1] - 1 : Math.log(p[t] / p[t - 1]);
  return r;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = withUsageErrors('metrics', () => parseArgs({ args: argv, allowPositionals: true, options: {
        returns: { type: 'string' },
        prices: { type: 'string' },
        column: { type: 'string' },
        periods: { type: 'string' },
        rf: { type: 'string' },
        dropna: { type: 'boolean' },
        json: { type: 'boolean' },
      } }));
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
  if ((values.returns === undefined) === (values.prices === undefined)) throw usageError('give exactly one of --returns <csv> or --prices <csv>');
  if (!values.column) throw usageError('--column is required');
  const periods = numberOption(values.periods, 252, 'periods', 'metrics');
  if (!(periods > 0)) throw usageError('--periods must be > 0');
  const rf = numberOption(values.rf, 0, 'rf', 'metrics');
  const kind = values.prices !== undefined ? 'prices' : 'returns';
  const file = (values.prices ?? values.returns) as string;
  const col = readColumn(file, values.column, kind, io, values.dropna === true);
  const r = kind === 'prices' ? pricesToReturns(col.values, 'pct') : col.values;
  const m = performanceSummary(r, { periods, riskFree: rf / periods });
  const start = kind === 'prices' ? col.dates[1] : col.dates[0];
  const end = col.dates[col.dates.length - 1];
  if (values.json) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m)) out[k] = jsonNumber(v);
    out.start = start;
    out.end = end;
    io.out(JSON.stringify(out) + '\n');
    return 0;
  }
  const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : String(x));
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : String(x));
  const rows: [string, string][] = [
    ['observations', `${m.n_obs} (${start} .. ${end})`],
    ['total return', pct(m.total_return)],
    ['CAGR', pct(m.cagr)],
    ['annual volatility', pct(m.annual_volatility)],
    ['Sharpe', f(m.sharpe)],
    ['Sortino', f(m.sortino)],
    ['Calmar', f(m.calmar)],
    ['max drawdown', pct(m.max_drawdown)],
    ['max drawdown duration', `${m.max_drawdown_duration} periods`],
    ['VaR 95% (return)', pct(m.var_95)],
    ['CVaR 95% (return)', pct(m.cvar_95)],
    ['win rate', pct(m.win_rate)],
    ['profit factor', f(m.profit_factor)],
    ['omega', f(m.omega)],
    ['tail ratio', f(m.tail_ratio)],
    ['stability', f(m.stability)],
  ];
  io.out(`${values.column} (${file}, ${kind}):\n` + rows.map(([k, v]) => `  ${k.padEnd(22)} ${v}`).join('\n') + '\n');
  return 0;
}

export const metricsCommand: CliCommand = {
  name: 'metrics',
  summary: 'Performance metrics (Sharpe, Sortino, Calmar, drawdown, VaR, ...) of a CSV column',
  usage: USAGE,
  run,
};
