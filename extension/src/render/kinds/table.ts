import type { TablePayload } from '@alpha-factory/schema';
import type { Payload } from '../../payload/parse';
import { dataTable, el } from '../dom';
import type { KindRenderer } from '../types';

/** Rows shown before the table is cut (payload tables are meant to be small). */
export const TABLE_ROW_LIMIT = 500;

/** `table`: the columns and rows as an HTML table (the title is the frame's heading). */
export const tableRenderer: KindRenderer = {
  kind: 'table',
  label: 'Table',
  render(payload: Payload, doc: Document): HTMLElement {
    const t = payload as unknown as Partial<TablePayload>;
    if (!Array.isArray(t.columns) || !Array.isArray(t.rows)) {
      throw new Error('a table payload needs "columns" and "rows" arrays');
    }
    const columns = t.columns.map(String);
    const rows = t.rows.filter(Array.isArray);
    const wrap = el(doc, 'div', 'af-table-wrap');
    wrap.appendChild(dataTable(doc, columns, rows.slice(0, TABLE_ROW_LIMIT)));
    const note = rows.length > TABLE_ROW_LIMIT ? `Showing ${TABLE_ROW_LIMIT} of ${rows.length} rows.` : `${rows.length} rows × ${columns.length} columns`;
    wrap.appendChild(el(doc, 'p', 'af-note', note));
    return wrap;
  },
};
