import type { Payload } from '../payload/parse';
import { el, isRecordArray, keyValueTable, recordsTable, section } from './dom';
import type { KindRenderer } from './types';

function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function isScalarArray(v: unknown): boolean {
  return Array.isArray(v) && v.every(isScalar);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Any object as DOM: scalars in a key/value table, records as tables, objects as sections. */
export function renderObject(obj: Record<string, unknown>, doc: Document, skip: readonly string[] = []): HTMLElement {
  const root = el(doc, 'div', 'af-generic');
  const scalars: [string, unknown][] = [];
  const nested: HTMLElement[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (skip.includes(key)) continue;
    if (isScalar(value) || isScalarArray(value)) scalars.push([key, value]);
    else if (isRecordArray(value)) nested.push(section(doc, key, recordsTable(doc, value)));
    else if (isPlainObject(value)) nested.push(section(doc, key, renderObject(value, doc)));
    else nested.push(section(doc, key, el(doc, 'pre', 'af-json', JSON.stringify(value, null, 1))));
  }
  if (scalars.length > 0) root.appendChild(keyValueTable(doc, scalars));
  for (const n of nested) root.appendChild(n);
  return root;
}

/** The view for a kind with no renderer of its own: every field, readably. */
export const genericRenderer: KindRenderer = {
  kind: '*',
  label: 'Alpha Factory payload',
  render(payload: Payload, doc: Document): HTMLElement {
    return renderObject(payload, doc, ['kind', 'version', 'title']);
  },
};
