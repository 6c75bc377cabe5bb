import { scanCsv, type CsvRow } from './csv';
import { type IssueCollector } from './issues';
import { classifyCell, parseNumberSpan } from './numbers';
import { resolveColumns, type LoadOptions } from './options';
import { RowTableBuilder, type RowTable } from './table';

/**
 * Read CSV text into a RowTable, reporting cell-level issues: rows with too few cells
 * (`missing_column`, naming the first absent column) or too many (`extra_cells`), value cells
 * that are not numbers (`bad_number`), infinite values (`non_finite`) and missing markers
 * (`missing_marker`: a warning, an error when strict). Empty cells and pandas' NA tokens
 * (`NA`, `NaN`, `null`, ...) are NaN without an issue. A header problem (no date column, no
 * ticker column for a long file, a requested field absent) is reported at row 1; without a date
 * column (or ticker column for a long file) reading stops there.
 */
export function csvToRowTable(text: string, opts: LoadOptions, issues: IssueCollector): RowTable {
  const markers = opts.missingMarkers ?? ['.'];
  const strict = opts.strict === true;
  const file = issues.file;
  let header: string[] | null = null;
  let dateCol = 0;
  let tickerCol = -1;
  let valueCols: number[] = [];
  let valueNames: string[] = [];
  let layout: RowTable['layout'] = 'wide';
  let builder: RowTableBuilder | null = null;

  // rough row count, to size the arrays once
  let lines = 0;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines++;

  const onHeader = (row: CsvRow): void => {
    header = row.cells().map((h) => h.trim());
    const res = resolveColumns(header, opts);
    if ('missing' in res) issues.fatal(1, res.missing, 'missing_column', res.message);
    layout = res.layout;
    dateCol = res.dateCol;
    tickerCol = res.tickerCol;
    const seen = new Map<string, number>();
    for (const k of res.valueCols) {
      const name = header[k];
      if (opts.fields && !opts.fields.includes(name)) continue;
      if (name.length === 0) {
        issues.add(1, `#${k + 1}`, 'missing_column', `column ${k + 1} has no name in the header; it is ignored`);
        continue;
      }
      if (seen.has(name)) {
        issues.add(1, name, 'duplicate_column', `column "${name}" appears twice in the header (columns ${(seen.get(name) as number) + 1} and ${k + 1}); the second is ignored`);
        continue;
      }
      seen.set(name, k);
      valueCols.push(k);
    }
    if (opts.fields) {
      for (const f of opts.fields) {
        if (!seen.has(f)) issues.add(1, f, 'missing_column', `no column "${f}" in header [${header.join(', ')}]`);
      }
      // keep the order the caller asked for
      valueCols = opts.fields.filter((f) => seen.has(f)).map((f) => seen.get(f) as number);
    }
    valueNames = valueCols.map((k) => (header as string[])[k]);
    builder = new RowTableBuilder(valueCols.length, lines + 1);
  };

  const dateCache = new Map<number, number>();
  let lastStart = 0;
  let lastLen = -1;
  let lastKey = -1;
  scanCsv(
    text,
    (row) => {
      if (header === null) {
        onHeader(row);
        return;
      }
      const b = builder as RowTableBuilder;
      const h = header;
      const count = row.count;
      const rowNo = row.row;
      if (count < h.length) {
        issues.add(rowNo, h[count], 'missing_column', `row has ${count} cell(s) but the header has ${h.length}: no value for column "${h[count]}"`);
      } else if (count > h.length) {
        issues.add(rowNo, `#${h.length + 1}`, 'extra_cells', `row has ${count} cells but the header has ${h.length}`);
      }
      // date key: ISO YYYY-MM-DD cells are looked up by their digits, without a substring
      let dk = -1;
      if (dateCol < count) {
        const s = row.starts[dateCol];
        const code = row.ends[dateCol] - s === 10 && !row.quoted[dateCol] ? isoCode(text, s) : -1;
        if (code >= 0) {
          const cached = dateCache.get(code);
          if (cached !== undefined) dk = cached;
          else dateCache.set(code, (dk = b.dateKeyOf(text.slice(s, s + 10))));
        } else dk = b.dateKeyOf(row.cell(dateCol));
      }
      // ticker key: long files repeat a ticker on consecutive rows, so compare with the last one first
      let ak = -1;
      if (tickerCol >= 0 && tickerCol < count) {
        const s = row.starts[tickerCol];
        const e = row.ends[tickerCol];
        if (e - s === lastLen && !row.quoted[tickerCol] && sameSpan(text, s, lastStart, lastLen)) ak = lastKey;
        else {
          ak = b.assetKeyOf(row.cell(tickerCol).trim());
          lastStart = s;
          lastLen = row.quoted[tickerCol] ? -1 : e - s;
          lastKey = ak;
        }
      }
      const r = b.addKeys(rowNo, dk, ak);
      for (let c = 0; c < valueCols.length; c++) {
        const k = valueCols[c];
        let v = NaN;
        if (k < count && row.ends[k] > row.starts[k]) {
          v = row.quoted[k]
            ? parseNumberSpan(row.cell(k), 0, row.cell(k).length)
            : parseNumberSpan(text, row.starts[k], row.ends[k]);
          if (!(v - v === 0)) {
            // NaN or +-Infinity: find out what the cell was
            const cell = row.cell(k);
            const kind = classifyCell(cell, markers);
            v = NaN;
            if (kind === 'marker') {
              b.missingMarkers++;
              issues.add(rowNo, valueNames[c], 'missing_marker', `missing marker "${cell.trim()}" read as NaN`, strict ? 'error' : 'warning');
            } else if (kind === 'infinite') {
              issues.add(rowNo, valueNames[c], 'non_finite', `value "${cell.trim()}" is not finite`);
            } else if (kind === 'bad') {
              issues.add(rowNo, valueNames[c], 'bad_number', `value "${cell.length > 40 ? cell.slice(0, 40) + '...' : cell}" is not a number`);
            }
          }
        }
        b.values[c][r] = v;
      }
    },
    opts.delimiter ?? ',',
  );
  if (header === null || builder === null) {
    issues.fatal(1, '', 'empty_file', 'the file is empty (no header row)');
  }
  const hdr = header as string[];
  const b = builder as RowTableBuilder;
  if (b.nRows === 0) issues.add(2, '', 'empty_file', 'the file has a header but no data rows');
  return b.finish({
    file,
    layout,
    dateColumn: hdr[dateCol],
    tickerColumn: tickerCol >= 0 ? hdr[tickerCol] : null,
    valueColumns: valueNames,
  });
}

/** y * 10000 + m * 100 + d for a `YYYY-MM-DD` span of 10 characters of digits and dashes, else -1. */
function isoCode(text: string, s: number): number {
  if (text.charCodeAt(s + 4) !== 45 || text.charCodeAt(s + 7) !== 45) return -1;
  let v = 0;
  for (let k = 0; k < 10; k++) {
    if (k === 4 || k === 7) continue;
    const c = text.charCodeAt(s + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Whether text[a, a + len) equals text[b, b + len). */
function sameSpan(text: string, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}
