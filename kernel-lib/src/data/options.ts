/**
 * Options shared by every loader, and how the layout of a table is recognised.
 *
 * Three layouts:
 * - `long`:   `date, ticker, field1, field2, ...`, one row per (date, asset). The ticker column is
 *             `ticker`, `symbol`, `Name` (or `tickerColumn`).
 * - `wide`:   `date, AAPL, MSFT, ...`, one row per date, one column per asset, holding one field
 *             (named by `fieldName`, default `close`).
 * - `single`: `date, open, high, low, close, ...` for one asset (named by `asset`, default the
 *             file name): chosen when there is no ticker column and every other column is a
 *             known field name.
 */
export type PanelLayout = 'long' | 'wide' | 'single';

export interface LoadOptions {
  /** `auto` (default) detects the layout from the header. */
  layout?: PanelLayout | 'auto';
  /** Name of the date column; default the first of `date`, `Date`, `DATE`, `datetime`, `timestamp`, `time`, `observation_date`, or an unnamed first column. */
  dateColumn?: string;
  /** Name of the ticker column of a long file; default the first of `ticker`, `Ticker`, `symbol`, `Symbol`, `Name`, `name`, `asset`. */
  tickerColumn?: string;
  /** The field a wide file holds (default `close`). */
  fieldName?: string;
  /** The asset of a single-asset file (default the file name without extension). */
  asset?: string;
  /** Value columns to keep (long and single layouts); each must exist (`missing_column` otherwise). Default: all. */
  fields?: readonly string[];
  /** Fields checked to be > 0. Default: the known price names (open, high, low, close, adj_close, adjclose, price, vwap, ...). */
  priceFields?: readonly string[];
  /** Cells read as missing and counted (default `['.']`, FRED's marker). */
  missingMarkers?: readonly string[];
  /**
   * Strict mode: missing markers and unsorted dates are errors instead of warnings.
   * Default (not strict): markers become NaN and are counted in `panel.source.missingMarkers`;
   * unsorted dates are sorted, each reported once as a warning.
   */
  strict?: boolean;
  /** Name recorded in `panel.source.name` and the read log (default the file path). */
  name?: string;
  /** Cell delimiter of CSV files (default `,`; a tab for `.tsv` files). */
  delimiter?: string;
  /** Stop collecting after this many issues (default 10000). */
  maxIssues?: number;
}

export const DATE_COLUMNS = ['date', 'Date', 'DATE', 'datetime', 'Datetime', 'timestamp', 'Timestamp', 'time', 'observation_date'];
export const TICKER_COLUMNS = ['ticker', 'Ticker', 'TICKER', 'symbol', 'Symbol', 'SYMBOL', 'Name', 'name', 'asset'];

const PRICE_NAMES = new Set([
  'open', 'high', 'low', 'close', 'adj_close', 'adjclose', 'adj close', 'adjusted_close', 'price', 'vwap', 'mid', 'bid', 'ask',
]);
const FIELD_NAMES = new Set([...PRICE_NAMES, 'volume', 'returns', 'return', 'ret', 'dividends', 'split', 'shares']);

/** Whether a field holds prices (checked to be > 0). */
export function isPriceField(name: string, opts: LoadOptions): boolean {
  if (opts.priceFields) return opts.priceFields.includes(name);
  return PRICE_NAMES.has(name.toLowerCase());
}

/** Whether a header name is a known field name (used to recognise the single-asset layout). */
export function isKnownField(name: string): boolean {
  return FIELD_NAMES.has(name.toLowerCase());
}

export interface ResolvedColumns {
  layout: PanelLayout;
  dateCol: number;
  tickerCol: number;
  /** Header indices of the value columns. */
  valueCols: number[];
}

/** Detect layout and columns from a header. Returns a list of header problems instead when it cannot. */
export function resolveColumns(
  header: readonly string[],
  opts: LoadOptions,
): ResolvedColumns | { missing: string; message: string } {
  let dateCol = -1;
  if (opts.dateColumn !== undefined) dateCol = header.indexOf(opts.dateColumn);
  else {
    for (const c of DATE_COLUMNS) if ((dateCol = header.indexOf(c)) >= 0) break;
    if (dateCol < 0 && header[0] === '') dateCol = 0;
  }
  if (dateCol < 0) {
    const want = opts.dateColumn ?? 'date';
    return { missing: want, message: `no date column "${want}" in header [${header.join(', ')}]` };
  }
  let tickerCol = -1;
  if (opts.tickerColumn !== undefined) tickerCol = header.indexOf(opts.tickerColumn);
  else if (opts.layout !== 'wide' && opts.layout !== 'single') {
    for (const c of TICKER_COLUMNS) if ((tickerCol = header.indexOf(c)) >= 0) break;
  }
  let layout: PanelLayout;
  if (opts.layout && opts.layout !== 'auto') layout = opts.layout;
  else if (tickerCol >= 0) layout = 'long';
  else {
    const others = header.filter((_, k) => k !== dateCol);
    layout = others.length > 0 && others.every(isKnownField) ? 'single' : 'wide';
  }
  if (layout === 'long' && tickerCol < 0) {
    const want = opts.tickerColumn ?? 'ticker';
    return { missing: want, message: `no ticker column "${want}" in header [${header.join(', ')}] (long layout)` };
  }
  if (layout !== 'long') tickerCol = -1;
  const valueCols: number[] = [];
  for (let k = 0; k < header.length; k++) if (k !== dateCol && k !== tickerCol) valueCols.push(k);
  return { layout, dateCol, tickerCol, valueCols };
}
