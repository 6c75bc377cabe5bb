/**
 * Number cells of a text file, parsed without creating a substring on the common path.
 *
 * `parseNumberSpan(text, start, end)` reads an optional sign, digits, an optional fraction and
 * an optional exponent. When the digits, read as one integer, stay below 2^53 and the decimal
 * exponent is within +-22, the value is `mantissa * 10^k` or `mantissa / 10^k` with both
 * operands exact doubles, so the single rounding is the correctly rounded result (Clinger's
 * fast path), identical to `Number(text)`. Anything else falls back to `Number()` on the
 * substring. Returns NaN when the span is not a plain decimal number; the caller then asks
 * `classifyCell` what it was.
 */

const POW10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10.push(p);

const PLAIN_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function parseNumberSpan(text: string, start: number, end: number): number {
  let p = start;
  if (p >= end) return NaN;
  let neg = false;
  let c = text.charCodeAt(p);
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    p++;
  }
  let mant = 0;
  let scale = 0; // decimal exponent adjustment from the fraction
  let any = false;
  while (p < end) {
    c = text.charCodeAt(p) - 48;
    if (c < 0 || c > 9) break;
    mant = mant * 10 + c;
    any = true;
    p++;
  }
  if (p < end && text.charCodeAt(p) === 46 /* . */) {
    p++;
    while (p < end) {
      c = text.charCodeAt(p) - 48;
      if (c < 0 || c > 9) break;
      mant = mant * 10 + c;
      scale--;
      any = true;
      p++;
    }
  }
  if (!any) return slowPath(text, start, end);
  if (p < end) {
    c = text.charCodeAt(p);
    if (c !== 101 && c !== 69) return slowPath(text, start, end);
    p++;
    let eneg = false;
    if (p < end && (text.charCodeAt(p) === 45 || text.charCodeAt(p) === 43)) {
      eneg = text.charCodeAt(p) === 45;
      p++;
    }
    let e = 0;
    let ed = 0;
    while (p < end) {
      c = text.charCodeAt(p) - 48;
      if (c < 0 || c > 9) break;
      e = e * 10 + c;
      ed++;
      p++;
    }
    if (ed === 0 || p < end || ed > 5) return slowPath(text, start, end);
    scale += eneg ? -e : e;
  }
  // mant grew monotonically, so when it is below 2^53 every step was exact
  if (mant >= 9007199254740992 || scale < -22 || scale > 22) return slowPath(text, start, end);
  const v = scale < 0 ? mant / POW10[-scale] : mant * POW10[scale];
  return neg ? -v : v;
}

function slowPath(text: string, start: number, end: number): number {
  const s = text.slice(start, end);
  return PLAIN_NUMBER.test(s) ? Number(s) : NaN;
}

/** What a cell that did not parse as a number is. */
export type CellKind = 'empty' | 'na' | 'marker' | 'infinite' | 'bad';

/** Tokens read as missing (NaN) without an issue, as pandas' default `na_values` does. */
const NA_TOKENS = new Set([
  'NA', 'N/A', 'n/a', 'NaN', 'nan', '-NaN', '-nan', 'NULL', 'null', 'None', '#N/A', '#NA', '<NA>', '#N/A N/A', '-1.#IND', '1.#QNAN',
]);
const INF_TOKENS = new Set(['inf', '+inf', '-inf', 'Inf', '+Inf', '-Inf', 'Infinity', '+Infinity', '-Infinity', 'INF', '-INF']);

/** Classify a cell for which `parseNumberSpan` returned NaN. `markers` are FRED-style missing markers such as `.`. */
export function classifyCell(cell: string, markers: readonly string[]): CellKind {
  const s = cell.trim();
  if (s.length === 0) return 'empty';
  if (markers.includes(s)) return 'marker';
  if (NA_TOKENS.has(s)) return 'na';
  if (INF_TOKENS.has(s)) return 'infinite';
  if (PLAIN_NUMBER.test(s)) return 'infinite'; // e.g. 1e999 overflows to Infinity
  return 'bad';
}
