/**
 * `FactorZoo`: the library of factors a team keeps, with status, provenance and metrics.
 *
 * - Each factor is keyed by its canonical formula: adding the same formula twice (in any
 *   spelling the canonicaliser maps together) is refused.
 * - Ids are the first 10 hex digits of sha256(canonical formula), stable across runs.
 * - `consider()` applies AlphaForge's admission rules against the active and candidate
 *   members' factor-return series; `add()` stores without checks.
 * - Daily series (IC, RankIC, factor return) share the zoo's `dates` and are persisted as
 *   Arrow IPC (`zoo-series.arrow`, long layout id/date/ic/rank_ic/factor_return), the rest as
 *   JSON (`zoo.json`), in an experiment folder (`save`, `FactorZoo.load`).
 */
import { createHash } from 'node:crypto';
import { AlphaFactoryError, InvalidArgumentError } from '../../errors';
import { checkAdmission, seriesCorrelation, type AdmissionResult, type AdmissionThresholds } from './admission';
import { FACTOR_STATUSES, type FactorProvenance, type FactorStatus, type StatusChange, type ZooEntry, type ZooMetrics, type ZooSeries } from './types';
import { num, nums, numsOf } from '../metrics/json';
import { defaultCanonical } from './canonical';

export interface ZooAddInput {
  formula: string;
  name?: string;
  /** Canonical form; computed with the zoo's canonicaliser when omitted. */
  canonical?: string;
  metrics: ZooMetrics;
  provenance?: Partial<FactorProvenance>;
  tags?: string[];
  status?: FactorStatus;
  series?: ZooSeries;
}

export interface ZooQuery {
  status?: FactorStatus | FactorStatus[];
  /** Case-insensitive substring of name, formula or a tag. */
  text?: string;
  tag?: string;
  minAbsIC?: number;
  minAbsRankICIR?: number;
  /** Sort descending by |metric| (default: insertion order). */
  sortBy?: keyof ZooMetrics;
  limit?: number;
}

export interface ConsiderResult extends AdmissionResult {
  entry?: ZooEntry;
  maxCorrelation: number;
  closestMember?: string;
}

export class FactorZoo {
  readonly dates: readonly string[];
  private readonly entries = new Map<string, ZooEntry>();
  private readonly seriesById = new Map<string, ZooSeries>();
  private readonly canonicalize: (formula: string) => string;

  constructor(dates: readonly string[] = [], canonicalize: (formula: string) => string = defaultCanonical) {
    this.dates = dates.slice();
    this.canonicalize = canonicalize;
  }

  get size(): number {
    return this.entries.size;
  }

  list(): ZooEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): ZooEntry {
    const e = this.entries.get(id);
    if (!e) throw new AlphaFactoryError('unknown_factor', `factor zoo has no factor "${id}"`);
    return e;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The entry with this formula (any spelling with the same canonical form), if any. */
  findFormula(formula: string): ZooEntry | undefined {
    const id = idOf(this.canonicalize(formula));
    return this.entries.get(id);
  }

  series(id: string): ZooSeries | undefined {
    return this.seriesById.get(id);
  }

  /** Store a factor without admission checks. Throws on a duplicate canonical formula. */
  add(input: ZooAddInput, reason = 'added'): ZooEntry {
    const canonical = input.canonical ?? this.canonicalize(input.formula);
    const id = idOf(canonical);
    const dup = this.entries.get(id);
    if (dup) {
      throw new AlphaFactoryError('duplicate_factor', `factor zoo already holds this formula as ${dup.id} (${dup.name})`, { formula: input.formula });
    }
    if (input.series) this.checkSeries(input.series, input.formula);
    const status = input.status ?? 'candidate';
    const at = input.provenance?.createdAt ?? new Date().toISOString();
    const entry: ZooEntry = {
      id,
      name: input.name ?? input.formula,
      formula: input.formula,
      status,
      metrics: { ...input.metrics },
      provenance: { ...input.provenance, canonicalFormula: canonical, createdAt: at },
      tags: input.tags ? input.tags.slice() : [],
      history: [{ at, from: null, to: status, reason }],
    };
    this.entries.set(id, entry);
    if (input.series) this.seriesById.set(id, input.series);
    return entry;
  }

  /**
   * Apply the AlphaForge admission rules (IC, ICIR, finite ratio, uniqueness, and
   * factor-return correlation to the active and candidate members) and add when admitted.
   */
  consider(
    input: ZooAddInput & { finiteRatio: number; uniqueness: number },
    thresholds?: Partial<AdmissionThresholds>,
  ): ConsiderResult {
    const canonical = input.canonical ?? this.canonicalize(input.formula);
    const dup = this.entries.get(idOf(canonical));
    if (dup) return { admitted: false, reasons: [`duplicate of ${dup.id}`], maxCorrelation: 1, closestMember: dup.id };
    let maxCorrelation = 0;
    let closestMember: string | undefined;
    if (input.series) {
      for (const e of this.entries.values()) {
        if (e.status !== 'active' && e.status !== 'candidate') continue;
        const s = this.seriesById.get(e.id);
        if (!s) continue;
        const c = Math.abs(seriesCorrelation(input.series.factorReturn, s.factorReturn));
        if (c > maxCorrelation) {
          maxCorrelation = c;
          closestMember = e.id;
        }
      }
    }
    const res = checkAdmission(
      {
        ic: input.metrics.ic,
        icir: input.metrics.icir,
        finiteRatio: input.finiteRatio,
        uniqueness: input.uniqueness,
        maxCorrelation,
        closestMember,
      },
      thresholds,
    );
    if (!res.admitted) return { ...res, maxCorrelation, closestMember };
    const entry = this.add(
      {
        ...input,
        canonical,
        status: input.status ?? 'active',
        metrics: { ...input.metrics, finiteRatio: input.finiteRatio, uniqueness: input.uniqueness },
      },
      'admitted (AlphaForge rules)',
    );
    return { ...res, entry, maxCorrelation, closestMember };
  }

  setStatus(id: string, to: FactorStatus, reason: string, at: string = new Date().toISOString()): ZooEntry {
    if (!FACTOR_STATUSES.includes(to)) throw new InvalidArgumentError(`unknown factor status "${to}" (use ${FACTOR_STATUSES.join(', ')})`);
    const e = this.get(id);
    const change: StatusChange = { at, from: e.status, to, reason };
    e.history.push(change);
    e.status = to;
    return e;
  }

  search(q: ZooQuery = {}): ZooEntry[] {
    const statuses = q.status === undefined ? null : Array.isArray(q.status) ? q.status : [q.status];
    const text = q.text?.toLowerCase();
    let out = this.list().filter((e) => {
      if (statuses && !statuses.includes(e.status)) return false;
      if (q.tag && !e.tags.includes(q.tag)) return false;
      if (text && !(e.name.toLowerCase().includes(text) || e.formula.toLowerCase().includes(text) || e.tags.some((t) => t.toLowerCase().includes(text)))) return false;
      if (q.minAbsIC !== undefined && !(Math.abs(e.metrics.ic) >= q.minAbsIC)) return false;
      if (q.minAbsRankICIR !== undefined && !(Math.abs(e.metrics.rankICIR) >= q.minAbsRankICIR)) return false;
      return true;
    });
    if (q.sortBy) {
      const k = q.sortBy;
      const key = (e: ZooEntry) => {
        const v = Math.abs(e.metrics[k] ?? NaN);
        return Number.isFinite(v) ? v : -Infinity;
      };
      out = out.slice().sort((a, b) => key(b) - key(a));
    }
    return q.limit !== undefined ? out.slice(0, q.limit) : out;
  }

  counts(): Record<FactorStatus, number> {
    const c: Record<FactorStatus, number> = { candidate: 0, active: 0, decaying: 0, retired: 0 };
    for (const e of this.entries.values()) c[e.status]++;
    return c;
  }

  private checkSeries(s: ZooSeries, formula: string): void {
    const T = this.dates.length;
    for (const [k, v] of Object.entries(s)) {
      if ((v as Float64Array).length !== T) {
        throw new InvalidArgumentError(`series "${k}" has ${(v as Float64Array).length} values but the zoo has ${T} dates`, { formula });
      }
    }
  }

  toPayload(): ZooPayload {
    return {
      kind: 'zoo',
      version: 1,
      counts: this.counts(),
      dates: this.dates.slice(),
      factors: this.list().map((e) => ({
        id: e.id,
        name: e.name,
        formula: e.formula,
        status: e.status,
        tags: e.tags.slice(),
        metrics: numsOf(e.metrics as unknown as Record<string, number>),
        provenance: { ...e.provenance, seed: e.provenance.seed ?? null, dataHash: e.provenance.dataHash ?? null, jobId: e.provenance.jobId ?? null, source: e.provenance.source ?? null },
        history: e.history.map((h) => ({ ...h })),
        rankIC: this.seriesById.has(e.id) ? nums(this.seriesById.get(e.id)!.rankIC) : null,
      })),
    };
  }

  toString(): string {
    const c = this.counts();
    const head = `FactorZoo: ${this.size} factors (${c.active} active, ${c.candidate} candidate, ${c.decaying} decaying, ${c.retired} retired)`;
    const rows = this.search({ sortBy: 'ic', limit: 20 }).map((e) => {
      const ic = num(e.metrics.ic);
      const ricir = num(e.metrics.rankICIR);
      return `  ${e.id}  ${e.status.padEnd(9)} IC ${ic === null ? 'n/a' : ic.toFixed(4)}  RankICIR ${ricir === null ? 'n/a' : ricir.toFixed(3)}  ${e.formula}`;
    });
    return [head, ...rows].join('\n');
  }

  /** Internal: used by persistence to restore entries verbatim. */
  restore(entry: ZooEntry, series?: ZooSeries): void {
    this.entries.set(entry.id, entry);
    if (series) this.seriesById.set(entry.id, series);
  }
}

export function idOf(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 10);
}

export interface ZooPayload {
  kind: 'zoo';
  version: 1;
  counts: Record<FactorStatus, number>;
  dates: string[];
  factors: {
    id: string;
    name: string;
    formula: string;
    status: FactorStatus;
    tags: string[];
    metrics: Record<string, number | null>;
    provenance: { canonicalFormula: string; createdAt: string; seed: number | null; dataHash: string | null; jobId: string | null; source: string | null };
    history: StatusChange[];
    rankIC: (number | null)[] | null;
  }[];
}
