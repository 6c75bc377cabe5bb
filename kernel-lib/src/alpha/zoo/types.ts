/**
 * What the factor zoo stores about each factor.
 *
 * Lifecycle: `candidate` (measured, not yet trusted) -> `active` (used by combiners) ->
 * `decaying` (flagged by the kill switch, weight being ramped down) -> `retired` (kept for
 * the record and for de-duplication, never used). Any move is allowed and logged.
 */
export type FactorStatus = 'candidate' | 'active' | 'decaying' | 'retired';
export const FACTOR_STATUSES: readonly FactorStatus[] = ['candidate', 'active', 'decaying', 'retired'];

/** Where a factor came from, so that it can be reproduced. */
export interface FactorProvenance {
  /** Canonical formula text (the de-duplication key). */
  canonicalFormula: string;
  /** sha256 of the data the metrics were computed on. */
  dataHash?: string;
  /** Seed of the run that found it (miner). */
  seed?: number;
  /** Job that produced it. */
  jobId?: string;
  /** `manual`, `library`, `miner`, `gpu-miner`, ... */
  source?: string;
  /** ISO timestamp of admission. */
  createdAt: string;
}

/** Headline metrics (all per day, not annualised; see alpha/metrics). */
export interface ZooMetrics {
  ic: number;
  icir: number;
  rankIC: number;
  rankICIR: number;
  tStat: number;
  turnover: number;
  /** Share of label-finite cells where the factor is finite too. */
  finiteRatio?: number;
  /** Distinct values / finite values. */
  uniqueness?: number;
}

export interface StatusChange {
  at: string;
  from: FactorStatus | null;
  to: FactorStatus;
  reason: string;
}

export interface ZooEntry {
  id: string;
  name: string;
  formula: string;
  status: FactorStatus;
  metrics: ZooMetrics;
  provenance: FactorProvenance;
  tags: string[];
  history: StatusChange[];
}

/** Daily series kept per member (same dates for the whole zoo), persisted as Arrow. */
export interface ZooSeries {
  ic: Float64Array;
  rankIC: Float64Array;
  factorReturn: Float64Array;
}
