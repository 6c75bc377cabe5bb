import type * as ArrowNS from 'apache-arrow';
import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import { dayNumber, isoFromMillis } from './dates';
import type { IssueCollector } from './issues';
import { resolveColumns, type LoadOptions } from './options';
import type { Panel } from './panel';
import { RowTableBuilder, type RowTable } from './table';

type Arrow = typeof ArrowNS;
let arrowModule: Arrow | undefined;

/** `apache-arrow`, loaded on first use (it takes a few hundred ms to load). */
export function arrowLib(): Arrow {
  if (!arrowModule) arrowModule = require('apache-arrow') as Arrow;
  return arrowModule;
}

/** Layout written by `panelToArrowTable`: `long` (date, ticker, one column per field) or `wide` (date, one column per asset, one field). */
export interface ArrowWriteOptions {
  layout?: 'long' | 'wide';
  /** The field written by the wide layout (default: the only field, or `close`). */
  field?: string;
  /** Name of the ticker column of the long layout (default `ticker`). */
  tickerColumn?: string;
}

/**
 * A Panel as an Arrow table. Dates are `Date32` (days), tickers dictionary-encoded `Utf8`,
 * values `Float64` with NaN for missing. The long layout writes every (date, asset) pair, so
 * a round trip gives back the same dates, assets and NaNs.
 */
export function panelToArrowTable(panel: Panel, opts: ArrowWriteOptions = {}): ArrowNS.Table {
  const A = arrowLib();
  const T = panel.nDates;
  const N = panel.nAssets;
  const dayMs = panel.dates.map((d) => dayNumber(d) * 86400000);
  if ((opts.layout ?? 'long') === 'long') {
    const days = new Int32Array(T * N);
    const codes = new Int32Array(T * N);
    for (let t = 0; t < T; t++) {
      const day = dayMs[t] / 86400000;
      for (let i = 0; i < N; i++) {
        days[t * N + i] = day;
        codes[t * N + i] = i;
      }
    }
    const dictType = new A.Dictionary(new A.Utf8(), new A.Int32());
    const cols: Record<string, ArrowNS.Vector> = {
      date: A.makeVector(A.makeData({ type: new A.DateDay(), length: T * N, data: days })),
      [opts.tickerColumn ?? 'ticker']: A.makeVector(
        A.makeData({
          type: dictType,
          length: T * N,
          data: codes,
          dictionary: A.vectorFromArray(panel.assets.slice(), new A.Utf8()),
        }),
      ),
    };
    for (const f of panel.fields) cols[f] = A.makeVector(Float64Array.from(panel.field(f)));
    return new A.Table(cols);
  }
  const field = opts.field ?? (panel.fields.length === 1 ? panel.fields[0] : 'close');
  const values = panel.field(field);
  const days = Int32Array.from(dayMs, (ms) => ms / 86400000);
  const cols: Record<string, ArrowNS.Vector> = { date: A.makeVector(A.makeData({ type: new A.DateDay(), length: T, data: days })) };
  for (let i = 0; i < N; i++) {
    if (panel.assets[i] === 'date') throw new InvalidArgumentError('an asset named "date" cannot be written in the wide layout');
    const col = new Float64Array(T);
    for (let t = 0; t < T; t++) col[t] = values[t * N + i];
    cols[panel.assets[i]] = A.makeVector(col);
  }
  return new A.Table(cols);
}

/** Arrow IPC bytes (`file` format by default, `stream` for `.arrows` and for parquet-wasm) of a panel. */
export function panelToArrowBytes(panel: Panel, opts: ArrowWriteOptions & { format?: 'file' | 'stream' } = {}): Uint8Array {
  return arrowLib().tableToIPC(panelToArrowTable(panel, opts), opts.format ?? 'file');
}

/** Parse Arrow IPC bytes (file or stream format) into a table; bad bytes are an AlphaFactoryError naming the file. */
export function arrowTableFromBytes(bytes: Uint8Array, file: string): ArrowNS.Table {
  try {
    return arrowLib().tableFromIPC(bytes);
  } catch (err) {
    throw new AlphaFactoryError('bad_arrow', `not a readable Arrow IPC file: ${(err as Error).message}`, { file });
  }
}

/**
 * Read an Arrow table into a RowTable, in the same layouts as CSV (see `options.ts`). Date
 * columns may be strings, `Date32`/`Date64` or timestamps (the UTC date is kept); tickers
 * strings (plain or dictionary); values any numeric type (nulls become NaN). Row numbers
 * count as if the table were a spreadsheet with a header: record k (0-based) is row k + 2.
 */
export function arrowToRowTable(table: ArrowNS.Table, opts: LoadOptions, issues: IssueCollector): RowTable {
  const A = arrowLib();
  const header = table.schema.fields.map((f) => f.name);
  const res = resolveColumns(header, opts);
  if ('missing' in res) issues.fatal(1, res.missing, 'missing_column', res.message);
  const n = table.numRows;
  const dateName = header[res.dateCol];
  const dateVec = table.getChildAt(res.dateCol) as ArrowNS.Vector;
  const dtype = dateVec.type;
  let dateLabel: (v: unknown) => string;
  if (A.DataType.isUtf8(dtype) || A.DataType.isLargeUtf8(dtype) || (A.DataType.isDictionary(dtype) && (A.DataType.isUtf8(dtype.dictionary) || A.DataType.isLargeUtf8(dtype.dictionary)))) {
    dateLabel = (v) => String(v);
  } else if (A.DataType.isDate(dtype) || A.DataType.isTimestamp(dtype)) {
    dateLabel = (v) => isoFromMillis(typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : Number(v));
  } else {
    issues.fatal(1, dateName, 'bad_type', `date column "${dateName}" has type ${dtype} (expected strings, dates or timestamps)`);
  }
  let valueCols = res.valueCols;
  if (opts.fields) {
    for (const f of opts.fields) if (!header.includes(f)) issues.add(1, f, 'missing_column', `no column "${f}" in [${header.join(', ')}]`);
    valueCols = opts.fields.filter((f) => header.includes(f)).map((f) => header.indexOf(f));
  }
  const numeric: number[] = [];
  for (const k of valueCols) {
    const t = table.schema.fields[k].type;
    if (A.DataType.isFloat(t) || A.DataType.isInt(t) || A.DataType.isDecimal(t) || A.DataType.isBool(t)) numeric.push(k);
    else issues.add(1, header[k], 'bad_type', `column "${header[k]}" has type ${t}, not a number type; it is ignored`);
  }
  const b = new RowTableBuilder(numeric.length, n);
  const dateKeys = keyColumn(dateVec, (v) => b.dateKeyOf(dateLabel(v)));
  const tickerKeys =
    res.tickerCol >= 0 ? keyColumn(table.getChildAt(res.tickerCol) as ArrowNS.Vector, (v) => b.assetKeyOf(String(v).trim())) : null;
  for (let r = 0; r < n; r++) b.addKeys(r + 2, dateKeys[r], tickerKeys ? tickerKeys[r] : -1);
  numeric.forEach((k, c) => {
    const vec = table.getChildAt(k) as ArrowNS.Vector;
    const dst = b.values[c];
    if (vec.nullCount === 0 && A.DataType.isFloat(vec.type)) {
      const arr = vec.toArray() as Float64Array | Float32Array;
      for (let r = 0; r < n; r++) dst[r] = arr[r];
    } else {
      for (let r = 0; r < n; r++) {
        const v = vec.get(r);
        dst[r] = v === null || v === undefined ? NaN : typeof v === 'bigint' ? Number(v) : Number(v);
      }
    }
    for (let r = 0; r < n; r++) {
      const v = dst[r];
      if (v === Infinity || v === -Infinity) {
        issues.add(r + 2, header[k], 'non_finite', `value ${v} is not finite`);
        dst[r] = NaN;
      }
    }
  });
  if (n === 0) issues.add(2, '', 'empty_file', 'the table has no rows');
  return b.finish({
    file: issues.file,
    layout: res.layout,
    dateColumn: dateName,
    tickerColumn: res.tickerCol >= 0 ? header[res.tickerCol] : null,
    valueColumns: numeric.map((k) => header[k]),
  });
}

/**
 * One key per row of a column of labels (dates or tickers), calling `keyOf` once per distinct
 * value: dictionary columns map each dictionary entry once; other columns cache by value.
 * Nulls get -1.
 */
function keyColumn(vec: ArrowNS.Vector, keyOf: (value: unknown) => number): Int32Array {
  const A = arrowLib();
  const out = new Int32Array(vec.length);
  // batches of one IPC stream usually share their dictionary: map each entry once per dictionary
  const memos = new Map<unknown, Map<number, number>>();
  const valueMemo = new Map<unknown, number>();
  // sorted files repeat a value on consecutive rows: compare with the previous one first
  let lastRaw: unknown = undefined;
  let lastKey = -1;
  let r = 0;
  for (const chunk of vec.data) {
    const len = chunk.length;
    const hasNulls = chunk.nullCount > 0;
    const isDict = A.DataType.isDictionary(chunk.type) && chunk.dictionary !== undefined;
    const dayValues = A.DataType.isDate(chunk.type) && chunk.type.unit === A.DateUnit.DAY ? (chunk.values as Int32Array) : null;
    const dict = isDict ? (chunk.dictionary as ArrowNS.Vector) : null;
    let dictMemo: Map<number, number> | undefined;
    if (dict) {
      dictMemo = memos.get(dict);
      if (!dictMemo) memos.set(dict, (dictMemo = new Map<number, number>()));
      lastRaw = undefined;
    }
    const idx = chunk.values as ArrayLike<number | bigint>;
    const part = dict || dayValues ? null : A.makeVector(chunk);
    for (let k = 0; k < len; k++, r++) {
      if (hasNulls && !chunk.getValid(k)) {
        out[r] = -1;
        continue;
      }
      if (dict) {
        const d = Number(idx[k]);
        if (d === lastRaw) {
          out[r] = lastKey;
          continue;
        }
        let key = (dictMemo as Map<number, number>).get(d);
        if (key === undefined) {
          const v = dict.get(d);
          key = v === null || v === undefined ? -1 : keyOf(v);
          (dictMemo as Map<number, number>).set(d, key);
        }
        lastRaw = d;
        out[r] = lastKey = key;
        continue;
      }
      // Date32 holds days; other types go through get() (ms for dates and timestamps, strings)
      const v = dayValues ? dayValues[k] * 86400000 : (part as ArrowNS.Vector).get(k);
      if (v === null || v === undefined) {
        out[r] = -1;
        continue;
      }
      if (v === lastRaw) {
        out[r] = lastKey;
        continue;
      }
      let key = valueMemo.get(v);
      if (key === undefined) {
        key = keyOf(v);
        valueMemo.set(v, key);
      }
      lastRaw = v;
      out[r] = lastKey = key;
    }
  }
  return out;
}
