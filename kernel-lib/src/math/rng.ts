/**
 * Seeded pseudo-random numbers that are identical on every machine.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018) on four 32-bit words, seeded through
 * splitmix32, using only 32-bit integer arithmetic (`Math.imul`, `>>>`), so the stream
 * does not depend on the platform. Doubles take 53 random bits from two draws.
 * Normals use the Box-Muller transform (both variates are used).
 *
 * Every random draw in the engine comes from an `Rng` passed in explicitly; there is no
 * global generator.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = NaN;
  /** The seed this generator was created with (recorded in experiment manifests). */
  readonly seed: number;

  /**
   * @param seed any finite number; the same seed gives the same stream on every machine.
   * @param record whether to list the seed in the experiment manifest (streams derived by
   *   `fork()` are not listed: they follow from their parent's seed).
   */
  constructor(seed: number, record = true) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    this.seed = seed;
    if (record && !SEED_LOG.includes(seed)) SEED_LOG.push(seed);
    let x = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0; this.s1 >>>= 0; this.s2 >>>= 0; this.s3 >>>= 0;
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform double in [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Integer uniform on {0, ..., n-1}. */
  int(n: number): number {
    if (!(n >= 1)) throw new RangeError(`Rng.int needs n >= 1, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal variate (Box-Muller). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape > 0. */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniformPositive(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformPositive();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Chi-squared with k degrees of freedom. */
  chiSquared(k: number): number {
    return 2 * this.gamma(k / 2);
  }

  /** Student-t with nu degrees of freedom (unit scale, variance nu/(nu-2)). */
  studentT(nu: number): number {
    return this.normal() / Math.sqrt(this.chiSquared(nu) / nu);
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = xs[i];
      xs[i] = xs[j];
      xs[j] = tmp;
    }
    return xs;
  }

  /** An independent child stream, deterministic in (parent seed, key). */
  fork(key: number): Rng {
    return new Rng((Math.imul(this.seed >>> 0, 0x9e3779b1) ^ Math.imul(key >>> 0, 0x85ebca6b)) >>> 0, false);
  }

  private uniformPositive(): number {
    let u = 0;
    while (u === 0) u = this.uniform();
    return u;
  }
}

const SEED_LOG: number[] = [];

/** Every seed a top-level `Rng` was created with in this process, in first-use order. */
export function usedSeeds(): number[] {
  return SEED_LOG.slice();
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
