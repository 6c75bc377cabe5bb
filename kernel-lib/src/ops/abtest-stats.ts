import { InvalidArgumentError } from '../errors';
import { normCdf, tCdf } from '../math/special';

/** A two-sample test result with a two-sided p-value. */
export interface TestResult {
  test: 'student' | 'welch' | 'mann-whitney';
  statistic: number;
  pValue: number;
  /** Degrees of freedom (t tests). */
  df?: number;
}

function moments(x: ArrayLike<number>, what: string): { n: number; mean: number; var: number } {
  const n = x.length;
  if (n < 2) throw new InvalidArgumentError(`${what}: each sample needs at least 2 values, got ${n}`);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new InvalidArgumentError(`${what}: value at index ${i} is ${x[i]}`);
    m += x[i];
  }
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - m) ** 2;
  return { n, mean: m, var: v / (n - 1) };
}

/**
 * Student's two-sample t test with pooled variance (scipy `ttest_ind(a, b)`):
 * `t = (mean_a - mean_b) / sqrt(s_p^2 (1/n_a + 1/n_b))`, `s_p^2 = ((n_a-1)s_a^2 + (n_b-1)s_b^2)/(n_a+n_b-2)`,
 * df = n_a + n_b - 2, p = 2 P(T_df > |t|).
 */
export function studentTTest(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  const A = moments(a, 'studentTTest');
  const B = moments(b, 'studentTTest');
  const df = A.n + B.n - 2;
  const sp = ((A.n - 1) * A.var + (B.n - 1) * B.var) / df;
  const t = (A.mean - B.mean) / Math.sqrt(sp * (1 / A.n + 1 / B.n));
  return { test: 'student', statistic: t, pValue: twoSidedT(t, df), df };
}

/**
 * Welch's t test (scipy `ttest_ind(a, b, equal_var=False)`): `t = (mean_a - mean_b) / sqrt(s_a^2/n_a + s_b^2/n_b)`
 * with Welch-Satterthwaite df `(v_a + v_b)^2 / (v_a^2/(n_a-1) + v_b^2/(n_b-1))`, v = s^2/n.
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  const A = moments(a, 'welchTTest');
  const B = moments(b, 'welchTTest');
  const va = A.var / A.n;
  const vb = B.var / B.n;
  const t = (A.mean - B.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / ((va * va) / (A.n - 1) + (vb * vb) / (B.n - 1));
  return { test: 'welch', statistic: t, pValue: twoSidedT(t, df), df };
}

function twoSidedT(t: number, df: number): number {
  if (Number.isNaN(t)) throw new InvalidArgumentError('t test: both samples are constant (zero variance)');
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/**
 * Mann-Whitney U test, two-sided, normal approximation with tie correction and continuity
 * correction (scipy `mannwhitneyu(a, b, method='asymptotic')`, which scipy's default 'auto' uses
 * when either sample has more than 8 values or there are ties). U is the statistic of sample a:
 * `U_a = R_a - n_a (n_a + 1) / 2` (R_a = rank sum of a, mid-ranks for ties);
 * `z = (|U_a - n_a n_b / 2| - 0.5) / sigma`,
 * `sigma^2 = n_a n_b / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1)))`.
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  const na = a.length;
  const nb = b.length;
  if (na < 1 || nb < 1) throw new InvalidArgumentError('mannWhitneyU: both samples need at least one value');
  const all: { v: number; g: number }[] = [];
  for (let i = 0; i < na; i++) all.push({ v: a[i], g: 0 });
  for (let i = 0; i < nb; i++) all.push({ v: b[i], g: 1 });
  for (const x of all) if (!Number.isFinite(x.v)) throw new InvalidArgumentError(`mannWhitneyU: value ${x.v} is not finite`);
  all.sort((x, y) => x.v - y.v);
  const n = all.length;
  let ra = 0;
  let tie = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1].v === all[i].v) j++;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tie += t * t * t - t;
    for (let k = i; k <= j; k++) if (all[k].g === 0) ra += rank;
    i = j + 1;
  }
  const u = ra - (na * (na + 1)) / 2;
  const mu = (na * nb) / 2;
  const sigma = Math.sqrt(((na * nb) / 12) * (n + 1 - tie / (n * (n - 1))));
  if (!(sigma > 0)) return { test: 'mann-whitney', statistic: u, pValue: 1 };
  const z = (Math.abs(u - mu) - 0.5) / sigma;
  return { test: 'mann-whitney', statistic: u, pValue: Math.min(1, 2 * normCdf(-z)) };
}
