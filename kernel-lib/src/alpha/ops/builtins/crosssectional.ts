import { asArray } from '../lift';
import { demeanRow, scaleRow, winsorizeRow, zscoreRow } from '../kernels/crossSection';
import { Ranker, rankRowPercent } from '../kernels/ranker';
import { groupNeutralizeRow, groupRankRow } from '../kernels/group';
import type { ArgSpec, ArgValue, OperatorContext, OperatorDef } from '../types';
import { allocArray } from '../pool';

const X: ArgSpec = { name: 'x', type: 'series' };
const G: ArgSpec = { name: 'group', type: 'group' };

/** Run a row kernel on every date. */
function perDate(
  x: ArgValue,
  ctx: OperatorContext,
  f: (row: Float64Array, out: Float64Array, t: number) => void,
): Float64Array {
  const { nDates: T, nAssets: N } = ctx;
  const src = asArray(x, T * N);
  const out = allocArray(T * N);
  for (let t = 0; t < T; t++) f(src.subarray(t * N, (t + 1) * N), out.subarray(t * N, (t + 1) * N), t);
  return out;
}

/**
 * Cross-sectional operators: across the assets of each date (Alpha101's rank is one of these,
 * not a per-stock rank). Missing values are left out of the statistics and stay missing.
 */
export const crosssectionalOperators: OperatorDef[] = [
  {
    name: 'cs_rank',
    kind: 'crosssectional',
    args: [X],
    description: 'percentile rank across assets on each date, ties averaged, rank / count in (0, 1]',
    aliases: ['rank', 'CSRank', 'cs_Rank'],
    evaluate: (a, ctx) => {
      const { nDates: T, nAssets: N } = ctx;
      const src = asArray(a[0], T * N);
      const out = allocArray(T * N);
      const fallback = new Ranker(N);
      for (let t = 0; t < T; t++) rankRowPercent(src, t * N, N, out, fallback);
      return out;
    },
  },
  {
    name: 'cs_zscore',
    kind: 'crosssectional',
    args: [X],
    description: '(x - mean) / std across assets on each date (ddof 1; NaN on zero spread)',
    aliases: ['zscore', 'CSZScore'],
    evaluate: (a, ctx) => perDate(a[0], ctx, zscoreRow),
  },
  {
    name: 'cs_demean',
    kind: 'crosssectional',
    args: [X],
    description: 'x minus its cross-sectional mean on each date',
    aliases: ['demean'],
    evaluate: (a, ctx) => perDate(a[0], ctx, demeanRow),
  },
  {
    name: 'cs_scale',
    kind: 'crosssectional',
    args: [X, { name: 'a', type: 'constant', default: 1 }],
    description: 'x scaled so that the sum of |x| across assets is a (Alpha101 scale)',
    aliases: ['scale'],
    evaluate: (a, ctx) => perDate(a[0], ctx, (row, out) => scaleRow(row, out, a[1] as number)),
  },
  {
    name: 'cs_winsorize',
    kind: 'crosssectional',
    args: [X, { name: 'k', type: 'constant', default: 3, min: 0 }],
    description: 'x clipped to mean +/- k std across assets on each date (ddof 1)',
    aliases: ['winsorize'],
    evaluate: (a, ctx) => perDate(a[0], ctx, (row, out) => winsorizeRow(row, out, a[1] as number)),
  },
  {
    name: 'group_neutralize',
    kind: 'group',
    args: [X, G],
    description: 'x minus its mean within the same group on each date (Alpha101 IndNeutralize)',
    aliases: ['IndNeutralize', 'indneutralize', 'group_demean'],
    evaluate: (a, ctx) => {
      const N = ctx.nAssets;
      const g = asArray(a[1], ctx.nDates * N);
      return perDate(a[0], ctx, (row, out, t) => groupNeutralizeRow(row, g.subarray(t * N, (t + 1) * N), out));
    },
  },
  {
    name: 'group_rank',
    kind: 'group',
    args: [X, G],
    description: 'percentile rank within the same group on each date (ties averaged)',
    aliases: [],
    evaluate: (a, ctx) => {
      const N = ctx.nAssets;
      const g = asArray(a[1], ctx.nDates * N);
      return perDate(a[0], ctx, (row, out, t) => groupRankRow(row, g.subarray(t * N, (t + 1) * N), out));
    },
  },
];
