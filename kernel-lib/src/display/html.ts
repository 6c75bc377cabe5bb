/**
 * Minimal HTML building for notebook outputs. Every piece of user-controlled text goes
 * through `escapeHtml`; no caller concatenates raw strings into markup.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export type Cell = string | number | boolean | null | undefined;

/** Formats a number the way tables show it: integers as is, others with up to 6 significant digits. */
export function formatCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-4 || a >= 1e9)) return v.toExponential(4);
    return String(Number(v.toPrecision(6)));
  }
  return String(v);
}

/** An HTML table with a header row; all cells escaped. */
export function htmlTable(columns: readonly string[], rows: readonly (readonly Cell[])[], caption?: string): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(formatCell(c))}</td>`).join('')}</tr>`)
    .join('');
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : '';
  return `<table class="af-table">${cap}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A plain-text table with aligned columns (for text/plain outputs and the CLI). */
export function textTable(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [columns.slice(), ...rows.map((r) => r.map(formatCell))];
  const widths = columns.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  return cells.map((r) => r.map((c, j) => (c ?? '').padStart(widths[j])).join('  ')).join('\n');
}
