import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AlphaFactoryError } from '../errors';
import { loadPanel } from './load';
import type { LoadOptions } from './options';
import type { Panel } from './panel';
import { dataReadLog, recordDataRead, type DataReadEntry } from './readlog';

/** One dataset shipped in `kernel-lib/data/`, with where it comes from. */
export interface DatasetInfo {
  name: string;
  file: string;
  description: string;
  layout: 'long' | 'wide' | 'single';
  rows: number;
  source: string;
  licence: string;
}

const CATALOGUE: readonly (DatasetInfo & { options: LoadOptions })[] = [
  {
    name: 'sp500Index',
    file: 'sp500_index_daily.csv',
    description: 'S&P 500 index, daily open, high, low, close, adj_close, volume, 1999-01-04 .. 2018-12-31 (one asset, "SPX")',
    layout: 'single',
    rows: 5031,
    source: 'the dataset shipped inside the `arch` Python package (arch/data/sp500); dates rewritten to ISO',
    licence: 'NCSA',
    options: { layout: 'single', asset: 'SPX' },
  },
  {
    name: 'sp500Stocks',
    file: 'sp500_stocks_5yr_ohlcv.csv.gz',
    description:
      '505 S&P 500 constituents, daily open, high, low, close, volume, 2013-02-08 .. 2018-02-07 (470 tickers complete; 11 rows lack open/high/low)',
    layout: 'long',
    rows: 619040,
    source: 'GitHub CNuge/kaggle-code stock_data/individual_stocks_5yr (the source of "all_stocks_5yr.csv")',
    licence: 'MIT, (c) 2017 Cam Nugent',
    options: { layout: 'long', tickerColumn: 'ticker' },
  },
  {
    name: 'stockPrices20',
    file: 'stock_prices_20.csv',
    description:
      '20 US stocks, daily adjusted closes (field "close"), 1989-12-29 .. 2018-04-11, ragged starts (NaN before listing), SHLD empty at the end',
    layout: 'wide',
    rows: 7126,
    source: 'GitHub robertmartin8/PyPortfolioOpt tests/resources/stock_prices.csv',
    licence: 'MIT, (c) 2018 Robert Andrew Martin',
    options: { layout: 'wide', fieldName: 'close' },
  },
];

let dataDirCache: string | undefined;

/**
 * The folder holding the bundled data files: `$ALPHA_FACTORY_DATA_DIR` when set, else the
 * nearest `data/` folder above this module that holds them (kernel-lib/data, whether this
 * code runs from lib/, build/ or an installed package).
 */
export function dataDir(): string {
  const env = process.env.ALPHA_FACTORY_DATA_DIR;
  if (env) return env;
  if (dataDirCache) return dataDirCache;
  let dir = __dirname;
  for (;;) {
    const cand = join(dir, 'data');
    if (existsSync(join(cand, CATALOGUE[0].file))) return (dataDirCache = cand);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new AlphaFactoryError('dataset_missing', `cannot find the bundled data folder above ${__dirname}`);
}

/** Loaded datasets and their read-log entries (a cache hit logs the read again, e.g. after `clearDataReadLog()`). */
const CACHE = new Map<string, { panel: Panel; entry: DataReadEntry }>();

/** The catalogue entry of a dataset, or an error listing the names. */
export function datasetInfo(name: string): DatasetInfo {
  const d = CATALOGUE.find((c) => c.name === name);
  if (!d) {
    throw new AlphaFactoryError('unknown_dataset', `no dataset "${name}" (datasets: ${CATALOGUE.map((c) => c.name).join(', ')})`);
  }
  const { options: _o, ...info } = d;
  return info;
}

/** Load a bundled dataset by name (cached per process: panels are immutable). */
function load(name: string): Panel {
  const info = datasetInfo(name);
  const cached = CACHE.get(name);
  if (cached) {
    recordDataRead(cached.entry);
    return cached.panel;
  }
  const spec = CATALOGUE.find((c) => c.name === name) as (typeof CATALOGUE)[number];
  const path = join(dataDir(), info.file);
  const panel = loadPanel(path, { ...spec.options, name });
  const entry = dataReadLog().find((e) => e.name === name && e.sha256 === panel.source?.sha256);
  if (entry) CACHE.set(name, { panel, entry });
  return panel;
}

/** Every bundled dataset with its provenance. */
function list(): DatasetInfo[] {
  return CATALOGUE.map((c) => datasetInfo(c.name));
}

/**
 * The real market data shipped with the package (see kernel-lib/data/README.md for provenance):
 * - `sp500Index()`: the S&P 500 index, one asset `SPX`, fields open, high, low, close, adj_close, volume;
 * - `sp500Stocks()`: 505 S&P 500 stocks x 1259 days, fields open, high, low, close, volume;
 * - `stockPrices20()`: 20 US stocks x 7126 days of adjusted closes, field `close`.
 * Each load is recorded in `dataReadLog()` with the file's sha256.
 */
export const datasets = {
  sp500Index: (): Panel => load('sp500Index'),
  sp500Stocks: (): Panel => load('sp500Stocks'),
  stockPrices20: (): Panel => load('stockPrices20'),
  load,
  list,
  info: datasetInfo,
  /** Absolute path of a dataset's file. */
  path: (name: string): string => join(dataDir(), datasetInfo(name).file),
};
