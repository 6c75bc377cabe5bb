/**
 * A small RFC 4180 CSV scanner over a decoded string.
 *
 * It walks the text once with `charCodeAt`, and for each record calls `onRow` with the cell
 * boundaries in reusable typed arrays (no substring per cell, no regular expression), so the
 * caller decides which cells to turn into strings or numbers. Quoted cells may hold commas,
 * newlines and doubled quotes (`""`); `cell(k)` unescapes them. Line ends are `\n`, `\r\n` or `\r`.
 * Blank lines are skipped but still counted, so `row` matches what a spreadsheet shows
 * (header = row 1).
 */
export class CsvRow {
  /** 1-based record number as a spreadsheet counts it (header = 1). */
  row = 0;
  /** Number of cells in this record. */
  count = 0;
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  quoted = new Uint8Array(16);

  constructor(readonly text: string) {}

  /** The text of cell k (unescaped when quoted). */
  cell(k: number): string {
    const s = this.text.slice(this.starts[k], this.ends[k]);
    return this.quoted[k] ? s.replace(/""/g, '"') : s;
  }

  /** All cells as strings. */
  cells(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.cell(k));
    return out;
  }

  push(start: number, end: number, quoted: boolean): void {
    if (this.count === this.starts.length) {
      const n = this.count * 2;
      const s = new Int32Array(n);
      s.set(this.starts);
      const e = new Int32Array(n);
      e.set(this.ends);
      const q = new Uint8Array(n);
      q.set(this.quoted);
      this.starts = s;
      this.ends = e;
      this.quoted = q;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.quoted[this.count] = quoted ? 1 : 0;
    this.count++;
  }
}

/**
 * Scan `text` and call `onRow` once per non-blank record (the header first). Stops early when
 * `onRow` returns false. A leading byte-order mark is skipped.
 */
export function scanCsv(text: string, onRow: (row: CsvRow) => boolean | void, delimiter = ','): void {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const row = new CsvRow(text);
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let rowNumber = 0;
  let nextQuote = text.indexOf('"', p);
  if (nextQuote < 0) nextQuote = n;
  // old Mac line ends (a lone \r): every record goes through the char-by-char path
  const crOnly = text.indexOf('\n') < 0 && text.indexOf('\r') >= 0;
  while (p < n) {
    rowNumber++;
    row.row = rowNumber;
    row.count = 0;
    let lineEnd = text.indexOf('\n', p);
    if (lineEnd < 0) lineEnd = n;
    if (nextQuote < p) {
      nextQuote = text.indexOf('"', p);
      if (nextQuote < 0) nextQuote = n;
    }
    if (nextQuote >= lineEnd && !crOnly) {
      // fast path: no quote on this line, split it with indexOf
      let e = lineEnd;
      if (e > p && text.charCodeAt(e - 1) === 13) e--;
      if (e === p) {
        p = lineEnd + 1; // blank line
        continue;
      }
      let s = p;
      for (;;) {
        const k = text.indexOf(delimiter, s);
        if (k < 0 || k >= e) {
          row.push(s, e, false);
          break;
        }
        row.push(s, k, false);
        s = k + 1;
      }
      p = lineEnd + 1;
      if (onRow(row) === false) return;
      continue;
    }
    p = scanRecord(text, p, delim, row);
    if (row.count === 0) continue; // blank line
    if (onRow(row) === false) return;
  }
}

/** Scan one record that holds a quote, char by char; returns the position after its line end. */
function scanRecord(text: string, p: number, delim: number, row: CsvRow): number {
  const n = text.length;
  const c0 = text.charCodeAt(p);
  if (c0 === 10) return p + 1;
  if (c0 === 13 && text.charCodeAt(p + 1) === 10) return p + 2;
  for (;;) {
    if (text.charCodeAt(p) === 34 /* " */) {
      const start = p + 1;
      let q = start;
      for (;;) {
        q = text.indexOf('"', q);
        if (q < 0) {
          q = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          q += 2;
          continue;
        }
        break;
      }
      row.push(start, q, true);
      p = q + 1;
      // skip anything up to the delimiter or the line end
      while (p < n) {
        const c = text.charCodeAt(p);
        if (c === delim || c === 10 || c === 13) break;
        p++;
      }
    } else {
      const start = p;
      while (p < n) {
        const c = text.charCodeAt(p);
        if (c === delim || c === 10 || c === 13) break;
        p++;
      }
      row.push(start, p, false);
    }
    if (p >= n) return n;
    const c = text.charCodeAt(p);
    if (c === delim) {
      p++;
      if (p >= n) {
        row.push(n, n, false);
        return n;
      }
      continue;
    }
    return p + (c === 13 && text.charCodeAt(p + 1) === 10 ? 2 : 1);
  }
}

/** Parse a whole CSV text into rows of strings (small files, tests, headers). */
export function parseCsvRows(text: string, delimiter = ','): string[][] {
  const out: string[][] = [];
  scanCsv(text, (r) => {
    out.push(r.cells());
  }, delimiter);
  return out;
}
