/**
 * Field names a formula can read.
 *
 * Standard fields: open, high, low, close, volume, vwap, returns. Two are derived when the panel
 * does not carry them:
 * - `vwap` = (high + low + close) / 3, the "typical price" proxy (daily bars carry no intraday
 *   volume profile, so the true VWAP is unknown; a panel with a `vwap` field uses it instead);
 * - `returns` = close / delay(close, 1) - 1, the simple daily return (Alpha101's `returns`).
 * `adv{d}` (Alpha101's adv20) means adv(d) = ts_mean(volume, d). Qlib's `$close` is `close`, and
 * Alpha101's `IndClass.industry` is the panel field `industry`.
 */
export const STANDARD_FIELDS: readonly string[] = ['open', 'high', 'low', 'close', 'volume', 'vwap', 'returns'];

/** Fields accepted by `parseFormula` when no field list is given: the standard ones plus common extras. */
export const DEFAULT_FIELDS: readonly string[] = [
  ...STANDARD_FIELDS,
  'amount',
  'cap',
  'industry',
  'sector',
  'subindustry',
  'market',
];

/** Definitions of the derived fields, in the formula language. */
export const DERIVED_FIELDS: Readonly<Record<string, string>> = {
  vwap: '(high + low + close) / 3',
  returns: 'close / delay(close, 1) - 1',
};

/** What an identifier written in a formula stands for. */
export type IdentifierMeaning = { field: string } | { adv: number };

/** Resolve `IndClass.x` -> field x and `adv20` -> adv(20) (unless a field with that exact name exists). */
export function resolveIdentifier(name: string, known: ReadonlySet<string>): IdentifierMeaning {
  if (known.has(name)) return { field: name };
  const dot = name.lastIndexOf('.');
  if (dot >= 0 && name.slice(0, dot).toLowerCase() === 'indclass') return { field: name.slice(dot + 1) };
  const adv = /^adv(\d+)$/.exec(name);
  if (adv) return { adv: Number(adv[1]) };
  return { field: name };
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** ` (did you mean "x"?)` for the closest candidate within distance 2, else ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  let best = '';
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}
