import { parseDateSpan } from './dates';
import type { IssueCollector } from './issues';
import { isPriceField, type LoadOptions } from './options';
import type { RowTable } from './table';

/** Fields, assets and dates of a table turned into panel arrays (before `new Panel`). */
export interface BuiltPanel {
  dates: string[];
  assets: string[];
  fields: Record<string, Float64Array>;
}

/**
 * Turn read rows into panel arrays, reporting to `issues`:
 * - `bad_date` for each row whose date is empty or unparseable (the row is skipped);
 * - `unsorted_dates` once per asset (long) or once per file (wide/single) at the first row whose
 *   date is earlier than a previous one; rows are placed by date anyway, so the panel is sorted.
 *   A warning, or an error when `strict`;
 * - `duplicate_row` for each repeat of a (date, asset) (long) or a date (wide/single): the first
 *   row is kept;
 * - `non_positive_price` for each price cell <= 0 (the value is kept).
 * Dates in the panel are the distinct valid dates, ascending; assets keep first-appearance order
 * (long) or header order (wide). (date, asset) pairs with no row are NaN.
 */
export function buildPanel(table: RowTable, opts: LoadOptions, issues: IssueCollector): BuiltPanel {
  const { nRows, rowNumber, dateKey, dateLabels, values, valueColumns } = table;
  const strict = opts.strict === true;
  const dateCol = table.dateColumn;

  // 1. dates: normalise each distinct label once, then sort the distinct ISO dates.
  const labelIso: (string | null)[] = dateLabels.map((l) => parseDateSpan(l));
  const isoSet = new Set<string>();
  for (const iso of labelIso) if (iso !== null) isoSet.add(iso);
  const dates = [...isoSet].sort();
  const tOfIso = new Map(dates.map((d, t) => [d, t]));
  const tOfLabel = new Int32Array(dateLabels.length);
  for (let k = 0; k < dateLabels.length; k++) {
    const iso = labelIso[k];
    tOfLabel[k] = iso === null ? -1 : (tOfIso.get(iso) as number);
  }
  const T = dates.length;

  // 2. assets and fields by layout.
  const layout = table.layout;
  const assets =
    layout === 'long' ? table.assetNames.slice() : layout === 'wide' ? valueColumns.slice() : [opts.asset ?? 'asset'];
  const fieldNames =
    layout === 'wide' ? [opts.fieldName ?? 'close'] : valueColumns.slice();
  const N = assets.length;
  const out: Float64Array[] = fieldNames.map(() => new Float64Array(T * N).fill(NaN));
  const priceCol = valueColumns.map((name) =>
    layout === 'wide' ? isPriceField(fieldNames[0], opts) : isPriceField(name, opts),
  );

  const severity = strict ? 'error' : 'warning';
  const badDate = (r: number): void => {
    const k = dateKey[r];
    const text = k < 0 ? '' : dateLabels[k];
    issues.add(
      rowNumber[r],
      dateCol,
      'bad_date',
      k < 0
        ? 'empty date'
        : `unparseable date "${text}" (expected YYYY-MM-DD, YYYY/MM/DD or a datetime)`,
    );
  };
  // target cell of each record: t * N + i (long), t (wide/single); -1 when the record is dropped
  const target = new Int32Array(nRows).fill(-1);

  if (layout === 'long') {
    const assetKey = table.assetKey as Int32Array;
    const tickerCol = table.tickerColumn ?? 'ticker';
    const slot = new Int32Array(T * N);
    const lastT = new Int32Array(N).fill(-1);
    const firstBack = new Int32Array(N).fill(-1); // record index of the first out-of-order row per asset
    const nBack = new Int32Array(N);
    for (let r = 0; r < nRows; r++) {
      const dk = dateKey[r];
      const t = dk < 0 ? -1 : tOfLabel[dk];
      if (t < 0) {
        badDate(r);
        continue;
      }
      const i = assetKey[r];
      if (i < 0) {
        issues.add(rowNumber[r], tickerCol, 'empty_ticker', 'empty ticker');
        continue;
      }
      if (t < lastT[i]) {
        if (firstBack[i] < 0) firstBack[i] = r;
        nBack[i]++;
      } else lastT[i] = t;
      const pos = t * N + i;
      if (slot[pos] !== 0) {
        issues.add(
          rowNumber[r],
          tickerCol,
          'duplicate_row',
          `duplicate row for (${dates[t]}, ${assets[i]}): first seen at row ${slot[pos]}; this row is ignored`,
        );
        continue;
      }
      slot[pos] = rowNumber[r];
      target[r] = pos;
    }
    for (let i = 0; i < N; i++) {
      const r = firstBack[i];
      if (r < 0) continue;
      issues.add(
        rowNumber[r],
        dateCol,
        'unsorted_dates',
        `dates of ${assets[i]} go backwards (${dates[tOfLabel[dateKey[r]]]} after a later date; ${nBack[i]} row(s) out of order)` +
          (strict ? '' : '; sorted'),
        severity,
      );
    }
  } else {
    const slot = new Int32Array(T);
    let lastT = -1;
    let firstBack = -1;
    let nBack = 0;
    for (let r = 0; r < nRows; r++) {
      const dk = dateKey[r];
      const t = dk < 0 ? -1 : tOfLabel[dk];
      if (t < 0) {
        badDate(r);
        continue;
      }
      if (t < lastT) {
        if (firstBack < 0) firstBack = r;
        nBack++;
      } else lastT = t;
      if (slot[t] !== 0) {
        issues.add(
          rowNumber[r],
          dateCol,
          'duplicate_row',
          `duplicate row for date ${dates[t]}: first seen at row ${slot[t]}; this row is ignored`,
        );
        continue;
      }
      slot[t] = rowNumber[r];
      target[r] = t;
    }
    if (firstBack >= 0) {
      issues.add(
        rowNumber[firstBack],
        dateCol,
        'unsorted_dates',
        `dates go backwards (${dates[tOfLabel[dateKey[firstBack]]]} after a later date; ${nBack} row(s) out of order)` +
          (strict ? '' : '; sorted'),
        severity,
      );
    }
  }

  // scatter the values, one column at a time, and check prices
  for (let c = 0; c < valueColumns.length; c++) {
    const src = values[c];
    const dst = layout === 'wide' ? out[0] : out[c];
    const stride = layout === 'wide' ? N : 1;
    const shift = layout === 'wide' ? c : 0;
    for (let r = 0; r < nRows; r++) {
      const p = target[r];
      if (p >= 0) dst[p * stride + shift] = src[r];
    }
    if (!priceCol[c]) continue;
    for (let r = 0; r < nRows; r++) {
      const v = src[r];
      if (v <= 0 && target[r] >= 0) {
        issues.add(rowNumber[r], valueColumns[c], 'non_positive_price', `price ${v} is not positive`);
      }
    }
  }

  const fields: Record<string, Float64Array> = {};
  fieldNames.forEach((f, k) => (fields[f] = out[k]));
  return { dates, assets, fields };
}
