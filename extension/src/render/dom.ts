/**
 * The only way our renderers build DOM: elements from `createElement`, text from
 * `textContent`. Nothing here (nor anywhere in the renderers) assigns `innerHTML`, so a
 * payload string such as `<img src=x onerror=...>` always shows as the literal text.
 */

/** An element with an optional class and text content. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** How a JSON value reads in a cell: numbers to at most 6 significant digits, null as a dash. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value)) return String(value);
    const abs = Math.abs(value);
    return abs !== 0 && (abs < 1e-4 || abs >= 1e9) ? value.toExponential(4) : String(Number(value.toPrecision(6)));
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    const shown = value.slice(0, 20).map(formatValue).join(', ');
    return value.length > 20 ? `${shown}, … (${value.length} items)` : shown;
  }
  return JSON.stringify(value);
}

/** A scalar cell: `td` with the formatted value, numbers right-aligned by class. */
export function valueCell(doc: Document, value: unknown, tag: 'td' | 'th' = 'td'): HTMLTableCellElement {
  const cell = el(doc, tag, typeof value === 'number' ? 'af-num' : undefined, formatValue(value));
  if (value === null || value === undefined) cell.classList.add('af-missing');
  return cell;
}

/** A table with a header row and body rows of values. */
export function dataTable(
  doc: Document,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  caption?: string | null,
): HTMLTableElement {
  const table = el(doc, 'table', 'af-table');
  if (caption) table.appendChild(el(doc, 'caption', undefined, caption));
  const head = table.appendChild(el(doc, 'thead')).appendChild(el(doc, 'tr'));
  for (const c of columns) {
    const th = head.appendChild(el(doc, 'th', undefined, c));
    th.scope = 'col';
  }
  const body = table.appendChild(el(doc, 'tbody'));
  for (const row of rows) {
    const tr = body.appendChild(el(doc, 'tr'));
    for (let j = 0; j < columns.length; j++) tr.appendChild(valueCell(doc, row[j]));
  }
  return table;
}

/** A two-column key/value table, one row per entry. */
export function keyValueTable(doc: Document, entries: readonly (readonly [string, unknown])[]): HTMLTableElement {
  const table = el(doc, 'table', 'af-table af-kv');
  const body = table.appendChild(el(doc, 'tbody'));
  for (const [k, v] of entries) {
    const tr = body.appendChild(el(doc, 'tr'));
    const th = tr.appendChild(el(doc, 'th', undefined, k));
    th.scope = 'row';
    tr.appendChild(valueCell(doc, v));
  }
  return table;
}

/** Whether `x` is a non-empty array of plain objects (records). */
export function isRecordArray(x: unknown): x is Record<string, unknown>[] {
  return (
    Array.isArray(x) &&
    x.length > 0 &&
    x.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))
  );
}

/** A table of records: columns are the union of keys in first-seen order; at most `limit` rows. */
export function recordsTable(
  doc: Document,
  records: readonly Record<string, unknown>[],
  caption?: string,
  limit = 50,
): HTMLElement {
  const columns: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const shown = records.slice(0, limit).map((r) => columns.map((c) => r[c]));
  const table = dataTable(doc, columns, shown, caption);
  if (records.length <= limit) return table;
  const wrap = el(doc, 'div');
  wrap.appendChild(table);
  wrap.appendChild(el(doc, 'p', 'af-note', `Showing ${limit} of ${records.length} rows.`));
  return wrap;
}

/** A titled section: `h4` heading and a body. */
export function section(doc: Document, title: string, body: Node): HTMLElement {
  const s = el(doc, 'section', 'af-section');
  s.appendChild(el(doc, 'h4', 'af-section-title', title));
  s.appendChild(body);
  return s;
}
