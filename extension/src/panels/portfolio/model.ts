import { ISignal, Signal } from '@lumino/signaling';
import { findPayload, type Payload } from '../../payload/parse';

/*
 * The few parts of a JupyterLab notebook model the Portfolio panel reads, as structural
 * types (ICodeCellModel.outputs, CellList and IOutputAreaModel satisfy them), so the model
 * is tested without JupyterLab.
 */
export interface OutputLike {
  readonly data: Readonly<Record<string, unknown>>;
}
export interface OutputListLike {
  readonly length: number;
  get(index: number): OutputLike;
  readonly changed: ISignal<unknown, unknown>;
}
export interface CellLike {
  readonly type: string;
  readonly outputs?: OutputListLike;
}
export interface CellListLike {
  readonly length: number;
  get(index: number): CellLike;
  readonly changed: ISignal<unknown, unknown>;
}

/** The notebook the panel follows. */
export interface NotebookSource {
  /** Shown as "Following <name>". */
  readonly name: string;
  readonly cells: CellListLike;
}

/** The latest payload seen and where it came from. */
export interface SeenPayload {
  payload: Payload;
  notebook: string;
}

/** Kinds that say how work is going, not what it produced: the panel does not follow them. */
const TRANSIENT_KINDS = new Set(['progress']);

function resultPayload(output: OutputLike): Payload | null {
  const p = findPayload(output.data);
  return p && !TRANSIENT_KINDS.has(p.kind) ? p : null;
}

function payloadsOf(outputs: OutputListLike): Payload[] {
  const out: Payload[] = [];
  for (let i = 0; i < outputs.length; i++) {
    const p = resultPayload(outputs.get(i));
    if (p) out.push(p);
  }
  return out;
}

function lastPayload(outputs: OutputListLike): Payload | null {
  for (let i = outputs.length - 1; i >= 0; i--) {
    const p = resultPayload(outputs.get(i));
    if (p) return p;
  }
  return null;
}

/**
 * Follows one notebook at a time and keeps the latest Alpha Factory payload it emitted:
 * on `follow`, the last payload in document order; afterwards, whichever cell's outputs
 * changed most recently to hold one. Cleared outputs do not erase what was seen.
 */
export class PortfolioModel {
  private _source: NotebookSource | null = null;
  private _latest: SeenPayload | null = null;
  private _byKind = new Map<string, Payload>();
  /** Watched output lists and the slot connected to each (the signal's sender is not relied on). */
  private readonly _watched = new Map<OutputListLike, () => void>();
  private readonly _changed = new Signal<this, void>(this);

  get source(): NotebookSource | null {
    return this._source;
  }

  get latest(): SeenPayload | null {
    return this._latest;
  }

  /** The latest payload of each kind the notebook emitted (document order, then most recent output). */
  latestOf(kind: string): Payload | null {
    return this._byKind.get(kind) ?? null;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Starts following `source` (null: no notebook is active). */
  follow(source: NotebookSource | null): void {
    if (source === this._source) return;
    this.unwatchAll();
    if (this._source) this._source.cells.changed.disconnect(this.onCellsChanged, this);
    this._source = source;
    this._latest = null;
    this._byKind = new Map();
    if (source) {
      source.cells.changed.connect(this.onCellsChanged, this);
      this.watchCells();
      for (let i = 0; i < source.cells.length; i++) {
        const outputs = source.cells.get(i).outputs;
        for (const p of outputs ? payloadsOf(outputs) : []) this._byKind.set(p.kind, p);
      }
      for (let i = source.cells.length - 1; i >= 0 && !this._latest; i--) {
        const outputs = source.cells.get(i).outputs;
        const p = outputs ? lastPayload(outputs) : null;
        if (p) this._latest = { payload: p, notebook: source.name };
      }
    }
    this._changed.emit();
  }

  dispose(): void {
    this.follow(null);
    Signal.clearData(this);
  }

  private onCellsChanged(): void {
    this.watchCells();
  }

  private onOutputsChanged(outputs: OutputListLike): void {
    const p = lastPayload(outputs);
    if (!p || !this._source) return;
    for (const q of payloadsOf(outputs)) this._byKind.set(q.kind, q);
    this._latest = { payload: p, notebook: this._source.name };
    this._changed.emit();
  }

  /** Watches the outputs of every code cell now in the notebook, and only those. */
  private watchCells(): void {
    const current = new Set<OutputListLike>();
    const cells = this._source?.cells;
    for (let i = 0; cells && i < cells.length; i++) {
      const outputs = cells.get(i).outputs;
      if (outputs) current.add(outputs);
    }
    for (const [o, slot] of this._watched) {
      if (!current.has(o)) {
        o.changed.disconnect(slot);
        this._watched.delete(o);
      }
    }
    for (const o of current) {
      if (!this._watched.has(o)) {
        const slot = (): void => this.onOutputsChanged(o);
        o.changed.connect(slot);
        this._watched.set(o, slot);
      }
    }
  }

  private unwatchAll(): void {
    for (const [o, slot] of this._watched) o.changed.disconnect(slot);
    this._watched.clear();
  }
}
