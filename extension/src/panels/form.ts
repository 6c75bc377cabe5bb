/**
 * Labelled form controls for the panels: native elements (keyboard accessible), every label
 * and option set as text. Each control calls `onChange` with the parsed value.
 */
import { el } from '../render/dom';

let counter = 0;
function uid(prefix: string): string {
  return `${prefix}-${++counter}`;
}

/** A label + control row. */
function field(doc: Document, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const row = el(doc, 'div', 'af-field');
  const id = control.id || (control.id = uid('af-control'));
  const lab = row.appendChild(el(doc, 'label', 'af-field-label', label));
  lab.htmlFor = id;
  row.appendChild(control);
  if (hint) {
    const h = row.appendChild(el(doc, 'span', 'af-field-hint', hint));
    h.id = `${id}-hint`;
    control.setAttribute('aria-describedby', h.id);
  }
  return row;
}

export function textField(doc: Document, label: string, value: string, onChange: (v: string) => void, opts: { id?: string; placeholder?: string; hint?: string; type?: string } = {}): HTMLElement {
  const input = el(doc, 'input', 'af-input');
  input.type = opts.type ?? 'text';
  if (opts.id) input.id = opts.id;
  if (opts.placeholder) input.placeholder = opts.placeholder;
  input.value = value;
  input.addEventListener('input', () => onChange(input.value));
  return field(doc, label, input, opts.hint);
}

export function numberField(
  doc: Document,
  label: string,
  value: number,
  onChange: (v: number) => void,
  opts: { id?: string; min?: number; max?: number; step?: number; hint?: string } = {},
): HTMLElement {
  const input = el(doc, 'input', 'af-input af-input-number');
  input.type = 'number';
  if (opts.id) input.id = opts.id;
  if (opts.min !== undefined) input.min = String(opts.min);
  if (opts.max !== undefined) input.max = String(opts.max);
  if (opts.step !== undefined) input.step = String(opts.step);
  input.value = String(value);
  input.addEventListener('input', () => {
    const v = Number(input.value);
    if (input.value !== '' && Number.isFinite(v)) onChange(v);
  });
  return field(doc, label, input, opts.hint);
}

/** A range slider with its value shown next to it (epochs). */
export function sliderField(
  doc: Document,
  label: string,
  value: number,
  onChange: (v: number) => void,
  opts: { id: string; min: number; max: number; step: number },
): HTMLElement {
  const input = el(doc, 'input', 'af-slider');
  input.type = 'range';
  input.id = opts.id;
  input.min = String(opts.min);
  input.max = String(opts.max);
  input.step = String(opts.step);
  input.value = String(value);
  const row = field(doc, label, input);
  const out = row.appendChild(el(doc, 'output', 'af-slider-value', String(value)));
  out.htmlFor.add(opts.id);
  input.addEventListener('input', () => {
    out.textContent = input.value;
    onChange(Number(input.value));
  });
  return row;
}

export function selectField<T extends string>(
  doc: Document,
  label: string,
  value: T,
  options: readonly T[] | readonly { value: T; label: string }[],
  onChange: (v: T) => void,
  opts: { id?: string } = {},
): HTMLElement {
  const select = el(doc, 'select', 'af-select');
  if (opts.id) select.id = opts.id;
  for (const o of options) {
    const v = typeof o === 'string' ? o : o.value;
    const option = select.appendChild(el(doc, 'option', undefined, typeof o === 'string' ? o : o.label));
    option.value = v;
    if (v === value) option.selected = true;
  }
  select.addEventListener('change', () => onChange(select.value as T));
  return field(doc, label, select);
}

export function button(doc: Document, label: string, onClick: () => void, opts: { id?: string; primary?: boolean; title?: string } = {}): HTMLButtonElement {
  const b = el(doc, 'button', `af-button${opts.primary ? ' af-button-primary' : ''}`, label);
  b.type = 'button';
  if (opts.id) b.id = opts.id;
  if (opts.title) b.title = opts.title;
  b.addEventListener('click', onClick);
  return b;
}

/** A KPI card: label and formatted value. */
export function kpiCard(doc: Document, label: string, value: string, tone?: 'good' | 'bad'): HTMLElement {
  const card = el(doc, 'div', `af-kpi${tone ? ` af-kpi-${tone}` : ''}`);
  card.appendChild(el(doc, 'div', 'af-kpi-label', label));
  card.appendChild(el(doc, 'div', 'af-kpi-value', value));
  return card;
}

/** A percentage with one decimal, or a dash. */
export function pct(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–';
}

/** A number to `digits` decimals, or a dash. */
export function fixed(v: unknown, digits = 2): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–';
}

/** Status line for a running action / its error / the cell it wrote. */
export function actionStatus(doc: Document, s: { running: boolean; error: string | null; code: string | null; notebook: string | null }, runningText: string): HTMLElement {
  const box = el(doc, 'div', 'af-action-status');
  box.setAttribute('aria-live', 'polite');
  if (s.running) {
    const r = box.appendChild(el(doc, 'div', 'af-running'));
    r.appendChild(el(doc, 'span', 'af-spinner'));
    r.appendChild(el(doc, 'span', undefined, runningText));
  }
  if (s.error) {
    const e = box.appendChild(el(doc, 'div', 'af-error', s.error));
    e.setAttribute('role', 'alert');
  }
  if (s.code) {
    const d = box.appendChild(el(doc, 'details', 'af-code'));
    d.appendChild(el(doc, 'summary', undefined, `Code written to ${s.notebook ?? 'the notebook'}`));
    d.appendChild(el(doc, 'pre', 'af-code-text', s.code));
  }
  return box;
}
