import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AlphaFactoryError } from '../../errors';
import { readCsv } from '../../data/load';
import { fromPanel, type AssetTable } from '../../portfolio/table';
import { optimizePortfolio } from '../../portfolio/optimize';
import { usageError as groupUsageError, withUsageErrors } from '../args';
import type { CliCommand, CliIO } from '../command';

const METHODS = ['equal', 'inverse_vol', 'erc', 'max_diversification', 'min_volatility', 'max_sharpe', 'hrp', 'black_litterman', 'kelly'];

const USAGE = `Usage:
  alpha-factory portfolio optimize (--returns|--prices) <csv> --method <method> [--rf R] [--frequency N] [--json]

optimize   Reads a wide CSV (date, then one column per asset; empty cells are missing) and
           prints the allocation with its expected return, volatility and Sharpe ratio.
             --prices <csv>    prices: simple returns pct_change().dropna(how="all") (NaN-ragged
                               starts allowed), expected return = geometric mean return
                               (PyPortfolioOpt's mean_historical_return), covariance = sample x N
             --returns <csv>   periodic simple returns: expected return = arithmetic mean x N,
                               covariance = sample x N (PyPortfolioOpt returns_data=True,
                               compounding=False)
             --method M        ${METHODS.join(' | ')}
                               hrp reports performance with the arithmetic mean x N and the raw
                               pairwise covariance x N, as PyPortfolioOpt's HRPOpt does;
                               black_litterman uses an equal-cap market-implied prior (no views);
                               kelly is half Kelly with the rest in cash
             --rf R            risk-free rate for Sharpe and max_sharpe (default 0.02)
             --frequency N     periods per year (default 252)
             --json            {"weights": {asset: w}, "expected_return", "volatility", "sharpe"}
           Long-only, fully invested (except kelly). Covariances that are not positive
           semidefinite are repaired by clipping negative eigenvalues; infeasible inputs and
           too few observations are errors.
`;

const usageError = (message: string): AlphaFactoryError => groupUsageError('portfolio', message);

function parse(argv: string[]) {
  return withUsageErrors('portfolio', () => parseArgs({ args: argv, allowPositionals: true, options: {
        returns: { type: 'string' },
        prices: { type: 'string' },
        method: { type: 'string' },
        rf: { type: 'string' },
        frequency: { type: 'string' },
        json: { type: 'boolean' },
      } }));
}

function number(text: string | undefined, dflt: number, what: string): number {
  if (text === undefined) return dflt;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw usageError(`--${what} must be a number, got "${text}"`);
  return v;
}

function loadTable(file: string, field: 'close' | 'returns', io: CliIO): AssetTable {
  const panel = readCsv(resolve(io.cwd, file), { layout: 'wide', fieldName: field, name: file });
  return fromPanel(panel, field);
}

async function optimize(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
  if ((values.returns === undefined) === (values.prices === undefined)) throw usageError('give exactly one of --returns <csv> or --prices <csv>');
  if (!values.method) throw usageError('--method is required');
  const rf = number(values.rf, 0.02, 'rf');
  const frequency = number(values.frequency, 252, 'frequency');
  if (!(frequency > 0)) throw usageError('--frequency must be > 0');
  const kind = values.prices !== undefined ? 'prices' : 'returns';
  const file = (values.prices ?? values.returns) as string;
  const table = loadTable(file, kind === 'prices' ? 'close' : 'returns', io);
  if (!METHODS.includes(values.method)) throw usageError(`unknown --method "${values.method}" (one of ${METHODS.join(', ')})`);
  const a = optimizePortfolio(table, { from: kind, method: values.method, riskFreeRate: rf, frequency });
  if (values.json) {
    const json = {
      weights: a.toRecord(),
      expected_return: a.expectedReturn ?? null,
      volatility: a.volatility ?? null,
      sharpe: a.sharpe ?? null,
    };
    io.out(JSON.stringify(json) + '\n');
  } else {
    io.out(a.toString() + '\n');
  }
  return 0;
}

export const portfolioCommand: CliCommand = {
  name: 'portfolio',
  summary: 'Portfolio allocation: optimize weights from a prices or returns CSV',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'optimize') return optimize(rest, io);
    throw usageError(sub === undefined ? 'missing subcommand (optimize)' : `unknown subcommand "${sub}"`);
  },
};
