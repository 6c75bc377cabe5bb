/**
 * AlphaForge's admission rules for the factor zoo (DulyHao/AlphaForge, AAAI 2025).
 *
 * A candidate is admitted when all hold:
 * - |IC| > minAbsIC (0.03)                       mean daily Pearson IC;
 * - ICIR >= minICIR (0.1), on the IC's sign       (|mean| / std of daily IC);
 * - finite ratio >= minFiniteRatio (0.8)          factor finite on >= 80% of the label-finite cells;
 * - uniqueness >= minUniqueness (0.01)            distinct / finite factor values;
 * - max |corr| <= maxCorrelation (0.7)            time-series Pearson correlation of its daily
 *                                                 factor-return series with each member's.
 */
import { pearson } from '../metrics/pairs';

export interface AdmissionThresholds {
  minAbsIC: number;
  minICIR: number;
  maxCorrelation: number;
  minFiniteRatio: number;
  minUniqueness: number;
}

export const ALPHAFORGE_ADMISSION: Readonly<AdmissionThresholds> = Object.freeze({
  minAbsIC: 0.03,
  minICIR: 0.1,
  maxCorrelation: 0.7,
  minFiniteRatio: 0.8,
  minUniqueness: 0.01,
});

export interface AdmissionInput {
  ic: number;
  icir: number;
  finiteRatio: number;
  uniqueness: number;
  /** max |corr| of factor-return series to members (0 for an empty zoo). */
  maxCorrelation: number;
  /** Member it correlates with most, for the message. */
  closestMember?: string;
}

export interface AdmissionResult {
  admitted: boolean;
  reasons: string[];
}

export function checkAdmission(input: AdmissionInput, thresholds?: Partial<AdmissionThresholds>): AdmissionResult {
  const th = { ...ALPHAFORGE_ADMISSION, ...(thresholds ?? {}) };
  const reasons: string[] = [];
  if (!(Math.abs(input.ic) > th.minAbsIC)) reasons.push(`|IC| ${fmt(Math.abs(input.ic))} <= ${th.minAbsIC}`);
  if (!(Math.abs(input.icir) >= th.minICIR)) reasons.push(`|ICIR| ${fmt(Math.abs(input.icir))} < ${th.minICIR}`);
  if (!(input.finiteRatio >= th.minFiniteRatio)) reasons.push(`finite ratio ${fmt(input.finiteRatio)} < ${th.minFiniteRatio}`);
  if (!(input.uniqueness >= th.minUniqueness)) reasons.push(`uniqueness ${fmt(input.uniqueness)} < ${th.minUniqueness}`);
  if (!(input.maxCorrelation <= th.maxCorrelation)) {
    const who = input.closestMember ? ` (with ${input.closestMember})` : '';
    reasons.push(`factor-return correlation ${fmt(input.maxCorrelation)}${who} > ${th.maxCorrelation}`);
  }
  return { admitted: reasons.length === 0, reasons };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(4) : 'n/a';
}

/** Share of the cells with a finite label where the factor is finite too. */
export function finiteRatio(factor: Float64Array, label: Float64Array): number {
  let n = 0;
  let ok = 0;
  for (let k = 0; k < label.length; k++) {
    if (Number.isFinite(label[k])) {
      n++;
      if (Number.isFinite(factor[k])) ok++;
    }
  }
  return n > 0 ? ok / n : 0;
}

/** Distinct finite values / finite values (0 when none). */
export function uniqueness(factor: Float64Array): number {
  const seen = new Set<number>();
  let n = 0;
  for (let k = 0; k < factor.length; k++) {
    const v = factor[k];
    if (Number.isFinite(v)) {
      n++;
      seen.add(v);
    }
  }
  return n > 0 ? seen.size / n : 0;
}

/** Pearson correlation of two daily series over the dates where both are finite (NaN if < 3). */
export function seriesCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const xs: number[] = [];
  const ys: number[] = [];
  const n = Math.min(a.length, b.length);
  for (let t = 0; t < n; t++) {
    if (Number.isFinite(a[t]) && Number.isFinite(b[t])) {
      xs.push(a[t]);
      ys.push(b[t]);
    }
  }
  return xs.length >= 3 ? pearson(xs, ys, xs.length) : NaN;
}
