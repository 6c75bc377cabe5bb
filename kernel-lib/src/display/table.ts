import { htmlTable, textTable, type Cell } from './html';
import type { TablePayload } from '@alpha-factory/schema';

/**
 * A small rectangular table for display: HTML in notebooks and reports, aligned text in
 * the CLI, and the `table` payload for the extension.
 */
export class Table {
  readonly columns: string[];
  readonly rows: Cell[][];
  readonly title?: string;

  constructor(columns: readonly string[], rows: readonly (readonly Cell[])[], title?: string) {
    this.columns = columns.slice();
    this.rows = rows.map((r) => {
      if (r.length !== columns.length) throw new RangeError(`Table row has ${r.length} cells for ${columns.length} columns`);
      return r.slice();
    });
    this.title = title;
  }

  /** From an array of records; columns are the union of keys in first-seen order. */
  static fromRecords(records: readonly Record<string, Cell>[], title?: string): Table {
    const cols: string[] = [];
    for (const r of records) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
    return new Table(cols, records.map((r) => cols.map((c) => r[c] ?? null)), title);
  }

  toHtml(): string {
    return htmlTable(this.columns, this.rows, this.title);
  }

  toString(): string {
    return (this.title ? `${this.title}\n` : '') + textTable(this.columns, this.rows);
  }

  toPayload(): TablePayload {
    return { kind: 'table', version: 1, title: this.title ?? null, columns: this.columns, rows: this.rows.map((r) => r.map((c) => (c === undefined || (typeof c === 'number' && !Number.isFinite(c)) ? null : c))) };
  }
}
