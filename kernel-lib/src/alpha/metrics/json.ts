/** JSON helpers for payloads: NaN and +-Infinity become null, typed arrays become plain arrays. */
export function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function nums(xs: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(xs.length);
  for (let k = 0; k < xs.length; k++) out[k] = Number.isFinite(xs[k]) ? xs[k] : null;
  return out;
}

/** A summary's numbers with NaN as null. */
export function numsOf<T extends object>(o: T): { [K in keyof T]: number | null } {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(o)) out[k] = num(v as number);
  return out as { [K in keyof T]: number | null };
}
