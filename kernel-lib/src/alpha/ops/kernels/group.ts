import { rankRow } from './crossSection';

/**
 * Group kernels: within one date's row, statistics are taken per group, the group of asset i
 * being the label g[i] (any finite number; NaN = no group, which gives NaN). Alpha101's
 * IndNeutralize(x, IndClass.industry) is group_neutralize(x, industry).
 */

function groupsOf(x: Float64Array, g: Float64Array): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const k = g[i];
    if (v - v !== 0 || k - k !== 0) continue;
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(i);
  }
  return groups;
}

/** x minus the mean of x over the assets of the same group (same date). */
export function groupNeutralizeRow(x: Float64Array, g: Float64Array, out: Float64Array): void {
  out.fill(NaN);
  for (const members of groupsOf(x, g).values()) {
    let s = 0;
    for (const i of members) s += x[i];
    const mean = s / members.length;
    for (const i of members) out[i] = x[i] - mean;
  }
}

/** Percentile rank (ties averaged, rank / group size) within the assets of the same group. */
export function groupRankRow(x: Float64Array, g: Float64Array, out: Float64Array): void {
  out.fill(NaN);
  for (const members of groupsOf(x, g).values()) {
    const vals = Float64Array.from(members, (i) => x[i]);
    const r = new Float64Array(vals.length);
    rankRow(vals, r);
    members.forEach((i, k) => (out[i] = r[k]));
  }
}
