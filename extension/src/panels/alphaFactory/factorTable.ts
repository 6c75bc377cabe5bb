/**
 * The Factors tab's table state: rows read from a zoo payload, a sort, a filter and the
 * selection for the mega-alpha. Sorting and filtering produce an index list once per change,
 * so a 10,000-factor zoo costs one sort; the view renders only the rows on screen.
 */
import type { Payload } from '../../payload/parse';

export interface FactorRow {
  id: string;
  name: string;
  formula: string;
  status: string;
  ic: number | null;
  rankIC: number | null;
  icir: number | null;
  rankICIR: number | null;
  turnover: number | null;
}

export type FactorColumn = keyof FactorRow;
export const FACTOR_COLUMNS: readonly { key: FactorColumn; label: string; numeric: boolean }[] = [
  { key: 'formula', label: 'Formula', numeric: false },
  { key: 'ic', label: 'IC', numeric: true },
  { key: 'rankIC', label: 'RankIC', numeric: true },
  { key: 'icir', label: 'ICIR', numeric: true },
  { key: 'rankICIR', label: 'RankICIR', numeric: true },
  { key: 'turnover', label: 'Turnover', numeric: true },
  { key: 'status', label: 'Status', numeric: false },
];

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

/** The rows of a zoo payload (defensive: it is parsed, not validated). */
export function factorRows(zoo: Payload): FactorRow[] {
  const factors = Array.isArray(zoo.factors) ? zoo.factors : [];
  const rows: FactorRow[] = [];
  for (const f of factors) {
    if (typeof f !== 'object' || f === null) continue;
    const r = f as Record<string, unknown>;
    const m = (typeof r.metrics === 'object' && r.metrics !== null ? r.metrics : {}) as Record<string, unknown>;
    rows.push({
      id: text(r.id),
      name: text(r.name),
      formula: text(r.formula),
      status: text(r.status),
      ic: numOrNull(m.ic),
      rankIC: numOrNull(m.rankIC),
      icir: numOrNull(m.icir),
      rankICIR: numOrNull(m.rankICIR),
      turnover: numOrNull(m.turnover),
    });
  }
  return rows;
}

export class FactorTable {
  private _rows: FactorRow[] = [];
  private _order: number[] = [];
  private _sort: { key: FactorColumn; descending: boolean } = { key: 'rankIC', descending: true };
  private _filter = '';
  private readonly _selected = new Set<string>();

  get rows(): readonly FactorRow[] {
    return this._rows;
  }

  /** Indices into `rows`, filtered and sorted. */
  get order(): readonly number[] {
    return this._order;
  }

  get sort(): { key: FactorColumn; descending: boolean } {
    return this._sort;
  }

  get filter(): string {
    return this._filter;
  }

  get selected(): ReadonlySet<string> {
    return this._selected;
  }

  /** Selected ids in table order (what the Combination cell receives). */
  selectedIds(): string[] {
    return this._rows.filter((r) => this._selected.has(r.id)).map((r) => r.id);
  }

  setRows(rows: FactorRow[]): void {
    this._rows = rows;
    const ids = new Set(rows.map((r) => r.id));
    for (const id of Array.from(this._selected)) if (!ids.has(id)) this._selected.delete(id);
    this.recompute();
  }

  /** Sort by `key`; the same key again flips the direction. Numbers sort with nulls last. */
  sortBy(key: FactorColumn, descending?: boolean): void {
    const same = this._sort.key === key;
    this._sort = { key, descending: descending ?? (same ? !this._sort.descending : FACTOR_COLUMNS.find((c) => c.key === key)?.numeric ?? false) };
    this.recompute();
  }

  /** Case-insensitive substring over formula, name, id and status. */
  setFilter(text: string): void {
    this._filter = text;
    this.recompute();
  }

  toggle(id: string, on?: boolean): void {
    const want = on ?? !this._selected.has(id);
    if (want) this._selected.add(id);
    else this._selected.delete(id);
  }

  /** Selects the first `n` rows in the current order (or clears with n = 0). */
  selectTop(n: number): void {
    this._selected.clear();
    for (const i of this._order.slice(0, n)) this._selected.add(this._rows[i].id);
  }

  private recompute(): void {
    const q = this._filter.trim().toLowerCase();
    const idx: number[] = [];
    for (let i = 0; i < this._rows.length; i++) {
      const r = this._rows[i];
      if (!q || r.formula.toLowerCase().includes(q) || r.name.toLowerCase().includes(q) || r.id.includes(q) || r.status.includes(q)) idx.push(i);
    }
    const { key, descending } = this._sort;
    const sign = descending ? -1 : 1;
    const rows = this._rows;
    idx.sort((a, b) => {
      const x = rows[a][key];
      const y = rows[b][key];
      if (x === y) return a - b;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c === 0 ? a - b : sign * c;
    });
    this._order = idx;
  }
}
