import { sortFloat64WithIndex } from './sort';

/**
 * Sorting a cross-section of finite doubles for ranks, with reused scratch (no allocation per
 * date). An LSD radix sort of 24-bit keys -- the order-preserving image of the top of each
 * value's bit pattern (sign, exponent and 12 mantissa bits) -- in up to three passes of 8 bits
 * (a pass whose digit is the same for every key is skipped: for values of one sign and a few
 * binary orders of magnitude, the usual case, two passes), carrying each value's position.
 * Values whose keys coincide (equal values, or values within about 2.4e-4 of each other
 * relatively) are then put in exact order by comparing the doubles themselves (insertion sort
 * for short runs, quicksort for long ones). The result is the exact ascending order: several
 * times faster than a comparison sort on the 500-asset cross-sections ranked once per date and
 * formula, and never much worse than one.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of a double's high (sign/exponent) 32-bit word in a Uint32Array view. */
const HI = LITTLE_ENDIAN ? 1 : 0;
/** Below this many values a comparison sort is as fast. */
const SMALL = 48;
/**
 * Radix scratch, shared by every Ranker (sorting never re-enters). Module constants on purpose:
 * V8 compiles the passes over arrays it knows to be distinct about three times faster than over
 * arrays read from an object. Cross-sections longer than this use the comparison sort.
 */
const CAPACITY = 1 << 14;
const BITS = new Float64Array(CAPACITY);
const WORDS = new Uint32Array(BITS.buffer);
const KEYS_A = new Int32Array(CAPACITY);
const KEYS_B = new Int32Array(CAPACITY);
const IDX_A = new Int32Array(CAPACITY);
const IDX_B = new Int32Array(CAPACITY);
const HIST = new Int32Array(768);
/** Values and positions of one run of equal keys, sorted exactly. */
const RUN_V = new Float64Array(CAPACITY);
const RUN_I = new Int32Array(CAPACITY);
/** Row positions of the values in BITS (rankRowPercent). */
const POS = new Int32Array(CAPACITY);

export class Ranker {
  /** After `sort`: order[k] is the position (0..m-1) of the k-th smallest value. */
  order: Int32Array;
  /** After `sort`: sorted[k] is the k-th smallest value (sorted[k] = values[order[k]]). */
  sorted: Float64Array;

  /** After `rankCross`: sum of (rx - c)(other - c) and of (rx - c)^2, c = (m + 1) / 2. */
  sxy = 0;
  sxx = 0;

  constructor(capacity = 0) {
    this.order = new Int32Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  private ensure(m: number): void {
    if (this.order.length >= m) return;
    const c = Math.max(m, 2 * this.order.length);
    this.order = new Int32Array(c);
    this.sorted = new Float64Array(c);
  }

  /** Sort values[0..m) (all finite) ascending into `sorted`, with their positions in `order`. */
  sort(values: Float64Array, m: number): void {
    this.ensure(m);
    const { order, sorted } = this;
    if (m < SMALL || m > CAPACITY) {
      comparisonSort(values, m, sorted, order);
      return;
    }
    const inB = radixSortKeys(values, m);
    const keys = inB ? KEYS_B : KEYS_A;
    const idx = inB ? IDX_B : IDX_A;
    for (let k = 0; k < m; k++) {
      const i = idx[k];
      order[k] = i;
      sorted[k] = values[i];
    }
    let k = 0;
    while (k < m) {
      const key = keys[k];
      let e = k + 1;
      while (e < m && keys[e] === key) e++;
      if (e - k > 1) exactSort(sorted, order, k, e);
      k = e;
    }
  }

  /**
   * Average ranks (1..m, ties share the mean of the ranks they span) of values[0..m), divided
   * by `divisor`, into out[0..m) -- or, with `positions`, into out[positions[0..m)]. `out` must
   * not be `values`.
   */
  ranks(values: Float64Array, m: number, out: Float64Array, divisor = 1, positions?: Int32Array): void {
    if (m < SMALL || m > CAPACITY) {
      this.ensure(m);
      const { order, sorted } = this;
      comparisonSort(values, m, sorted, order);
      assignRuns(sorted, order, 0, m, out, divisor, positions);
      return;
    }
    const inB = radixSortKeys(values, m);
    const keys = inB ? KEYS_B : KEYS_A;
    const idx = inB ? IDX_B : IDX_A;
    let k = 0;
    while (k < m) {
      const key = keys[k];
      let e = k + 1;
      while (e < m && keys[e] === key) e++;
      if (e === k + 1) {
        // a key of its own: a value of its own (equal values have equal keys)
        const i = idx[k];
        out[positions ? positions[i] : i] = (k + 1) / divisor;
      } else {
        exactRun(idx, k, e);
        assignRuns(RUN_V, RUN_I, k, e, out, divisor, positions);
      }
      k = e;
    }
  }

  /**
   * The sums behind a Spearman correlation, without writing ranks: with rx the average ranks of
   * values[0..m) and other[0..m) the ranks of a second variable at the same positions, sets
   * `sxy` = sum (rx - c)(other - c) and `sxx` = sum (rx - c)^2, c = (m + 1) / 2 (the mean of
   * both rank vectors).
   */
  rankCross(values: Float64Array, m: number, other: Float64Array): void {
    if (m < SMALL || m > CAPACITY) {
      const c = (m + 1) / 2;
      ACC[0] = 0;
      ACC[1] = 0;
      this.ensure(m);
      const { order, sorted } = this;
      comparisonSort(values, m, sorted, order);
      crossRuns(sorted, order, 0, m, other, c, ACC);
    } else {
      for (let k = 0; k < m; k++) BITS[k] = values[k] + 0;
      crossBits(m, other);
    }
    this.sxy = ACC[0];
    this.sxx = ACC[1];
  }

  /**
   * `rankCross` of the values src[base + at[k]], k = 0..at.length-1, when all are finite (the
   * factor covers every asset where the label is): gathered straight into the sort's scratch.
   * Returns false, doing nothing else, when one is missing.
   */
  rankCrossAt(src: Float64Array, base: number, at: Int32Array, other: Float64Array): boolean {
    const m = at.length;
    if (m < SMALL || m > CAPACITY) return false;
    for (let k = 0; k < m; k++) {
      const v = src[base + at[k]];
      if (v - v !== 0) return false;
      BITS[k] = v + 0;
    }
    crossBits(m, other);
    this.sxy = ACC[0];
    this.sxx = ACC[1];
    return true;
  }
}

/**
 * Percentile ranks (rank / m, ties averaged) of the finite values of row[base..base+n) into
 * out[base..base+n); missing values give NaN. The cross-sectional rank of one date, gathering
 * the finite values straight into the sort's scratch.
 */
export function rankRowPercent(row: Float64Array, base: number, n: number, out: Float64Array, fallback: Ranker): void {
  if (n > CAPACITY) {
    const values = new Float64Array(n);
    const positions = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = row[base + i];
      if (v - v === 0) {
        values[m] = v;
        positions[m++] = base + i;
      } else out[base + i] = NaN;
    }
    fallback.ranks(values, m, out, m, positions);
    return;
  }
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = row[base + i];
    if (v - v === 0) {
      BITS[m] = v + 0;
      POS[m++] = base + i;
    } else out[base + i] = NaN;
  }
  if (m < SMALL) {
    const values = BITS.slice(0, m);
    fallback.ranks(values, m, out, m, POS);
    return;
  }
  const inB = radixSortBits(m);
  const keys = inB ? KEYS_B : KEYS_A;
  const idx = inB ? IDX_B : IDX_A;
  let k = 0;
  while (k < m) {
    const key = keys[k];
    let e = k + 1;
    while (e < m && keys[e] === key) e++;
    if (e === k + 1) out[POS[idx[k]]] = (k + 1) / m;
    else {
      exactRun(idx, k, e);
      assignRuns(RUN_V, RUN_I, k, e, out, m, POS);
    }
    k = e;
  }
}

/** rankCross of the m values in BITS (radix path); the sums are left in ACC. */
function crossBits(m: number, other: Float64Array): void {
  const c = (m + 1) / 2;
  const inB = radixSortBits(m);
  const keys = inB ? KEYS_B : KEYS_A;
  const idx = inB ? IDX_B : IDX_A;
  let sxy = 0;
  let sxx = 0;
  let k = 0;
  while (k < m) {
    const key = keys[k];
    let e = k + 1;
    while (e < m && keys[e] === key) e++;
    if (e === k + 1) {
      const d = k + 1 - c;
      sxy += d * (other[idx[k]] - c);
      sxx += d * d;
    } else {
      exactRun(idx, k, e);
      ACC[0] = sxy;
      ACC[1] = sxx;
      crossRuns(RUN_V, RUN_I, k, e, other, c, ACC);
      sxy = ACC[0];
      sxx = ACC[1];
    }
    k = e;
  }
  ACC[0] = sxy;
  ACC[1] = sxx;
}

/** Sums of rankCross over sorted[lo..hi) (order: their positions), ties averaged. */
function crossRuns(sorted: Float64Array, order: Int32Array, lo: number, hi: number, other: Float64Array, c: number, acc: Float64Array): void {
  let k = lo;
  let sxy = acc[0];
  let sxx = acc[1];
  while (k < hi) {
    const v = sorted[k];
    let e = k + 1;
    while (e < hi && sorted[e] === v) e++;
    const d = (k + 1 + e) / 2 - c;
    for (let j = k; j < e; j++) {
      sxy += d * (other[order[j]] - c);
      sxx += d * d;
    }
    k = e;
  }
  acc[0] = sxy;
  acc[1] = sxx;
}

const ACC = new Float64Array(2);

/** Ranks k+1..e of sorted[lo..hi) (order: their positions), ties averaged, into out. */
function assignRuns(
  sorted: Float64Array,
  order: Int32Array,
  lo: number,
  hi: number,
  out: Float64Array,
  divisor: number,
  positions: Int32Array | undefined,
): void {
  let k = lo;
  while (k < hi) {
    const v = sorted[k];
    let e = k + 1;
    while (e < hi && sorted[e] === v) e++;
    const r = (k + 1 + e) / 2 / divisor;
    for (let j = k; j < e; j++) {
      const i = order[j];
      out[positions ? positions[i] : i] = r;
    }
    k = e;
  }
}

function comparisonSort(values: Float64Array, m: number, sorted: Float64Array, order: Int32Array): void {
  for (let k = 0; k < m; k++) {
    sorted[k] = values[k];
    order[k] = k;
  }
  sortFloat64WithIndex(sorted, order, 0, m);
}

/**
 * The values in BITS at positions idx[k..e) (one run of equal radix keys) and those positions,
 * into RUN_V / RUN_I[k..e) in exact ascending order.
 */
function exactRun(idx: Int32Array, k: number, e: number): void {
  for (let j = k; j < e; j++) {
    const i = idx[j];
    RUN_V[j] = BITS[i];
    RUN_I[j] = i;
  }
  exactSort(RUN_V, RUN_I, k, e);
}

/** Exact ascending order of a[lo..hi) (p moved alike); nothing to do when all are equal. */
function exactSort(a: Float64Array, p: Int32Array, lo: number, hi: number): void {
  const v = a[lo];
  let same = true;
  for (let k = lo + 1; k < hi; k++) {
    if (a[k] !== v) {
      same = false;
      break;
    }
  }
  if (same) return;
  if (hi - lo <= 16) insertionSort(a, p, lo, hi);
  else sortFloat64WithIndex(a, p, lo, hi);
}

/**
 * LSD radix sort of the keys of values[0..m) with their positions; true when the result is in
 * KEYS_B / IDX_B, false when in KEYS_A / IDX_A.
 */
function radixSortKeys(values: Float64Array, m: number): boolean {
  // copy first (x + 0 turns -0 into +0, so equal values have equal bits), then read the high
  // words (a load right after an overlapping store of another width stalls store forwarding)
  for (let k = 0; k < m; k++) BITS[k] = values[k] + 0;
  return radixSortBits(m);
}

/** radixSortKeys for values already in BITS. */
function radixSortBits(m: number): boolean {
  HIST.fill(0);
  for (let k = 0; k < m; k++) {
    const w = WORDS[2 * k + HI] | 0;
    // order-preserving: negative values reversed, positive ones above them; top 24 bits
    const key = (w < 0 ? ~w : w ^ -0x80000000) >>> 8;
    KEYS_A[k] = key;
    IDX_A[k] = k;
    HIST[key & 255]++;
    HIST[256 + ((key >>> 8) & 255)]++;
    HIST[512 + (key >>> 16)]++;
  }
  let inB = false;
  for (let p = 0; p < 3; p++) {
    const off = p * 256;
    const shift = p * 8;
    const first = inB ? KEYS_B[0] : KEYS_A[0];
    if (HIST[off + ((first >>> shift) & 255)] === m) continue; // every key has this digit
    let s = 0;
    for (let b = off; b < off + 256; b++) {
      const c = HIST[b];
      HIST[b] = s;
      s += c;
    }
    if (inB) passBA(off, shift, m);
    else passAB(off, shift, m);
    inB = !inB;
  }
  return inB;
}

/** One counting pass from A to B (the arrays are named, not passed, so V8 knows they differ). */
function passAB(off: number, shift: number, m: number): void {
  for (let k = 0; k < m; k++) {
    const key = KEYS_A[k];
    const b = off + ((key >>> shift) & 255);
    const pos = HIST[b];
    HIST[b] = pos + 1;
    KEYS_B[pos] = key;
    IDX_B[pos] = IDX_A[k];
  }
}

/** One counting pass from B to A. */
function passBA(off: number, shift: number, m: number): void {
  for (let k = 0; k < m; k++) {
    const key = KEYS_B[k];
    const b = off + ((key >>> shift) & 255);
    const pos = HIST[b];
    HIST[b] = pos + 1;
    KEYS_A[pos] = key;
    IDX_A[pos] = IDX_B[k];
  }
}

function insertionSort(a: Float64Array, p: Int32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i];
    if (a[i - 1] <= v) continue;
    const q = p[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      p[j + 1] = p[j];
      j--;
    }
    a[j + 1] = v;
    p[j + 1] = q;
  }
}
