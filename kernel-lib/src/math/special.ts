/**
 * Special functions and the distribution functions built on them, in double precision.
 *
 * - `normPdf`, `normCdf`, `normPpf`: standard normal density, distribution and quantile.
 *   `normCdf` uses a power series near 0 and the Legendre continued fraction for the upper
 *   incomplete gamma function Q(1/2, z^2/2) in the tails, with exp(-z^2/2) evaluated in two
 *   parts (Cody's trick), so tails keep full relative precision down to z = -38.
 *   `normPpf` starts from Acklam's rational approximation (|rel err| < 1.2e-9) and polishes it
 *   with Halley steps against `normCdf`, which gives the same result as Wichura's AS241.
 * - `digamma`: psi(x), the derivative of lgamma (used by likelihood gradients).
 * - `lgamma`: log |Gamma(x)| by Stirling's series after shifting x >= 10, reflection below 0.5.
 * - `gammaP`, `gammaQ`: regularized incomplete gamma P(a, x) = gamma(a, x) / Gamma(a), Q = 1 - P
 *   (series for x < a + 1, Legendre continued fraction otherwise; Numerical Recipes 6.2).
 * - `betaInc`: regularized incomplete beta I_x(a, b) (continued fraction, modified Lentz; NR 6.4).
 * - Student-t (`tPdf`, `tCdf`, `tPpf`) with nu > 0 degrees of freedom, unit scale.
 * - Chi-squared (`chi2Cdf`, `chi2Sf`) with k > 0 degrees of freedom.
 *
 * Arguments outside a function's domain give NaN (these are numeric kernels called in inner
 * loops; callers that take user input validate it and raise typed errors).
 */

const SQRT_2PI = 2.5066282746310002;
const LN_SQRT_2PI = 0.9189385332046728;
const SQRT_PI = 1.772453850905516;
const EPS = 1e-16;
const FPMIN = 1e-300;

/** Standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi). */
export function normPdf(x: number): number {
  return expHalfSquare(x) / SQRT_2PI;
}

/** exp(-x^2 / 2) with x^2 split into an exact high part and a small remainder. */
function expHalfSquare(x: number): number {
  const ax = Math.abs(x);
  if (ax < 4) return Math.exp(-0.5 * x * x);
  const hi = Math.trunc(ax * 16) / 16;
  return Math.exp(-0.5 * hi * hi) * Math.exp(-0.5 * (ax - hi) * (ax + hi));
}

/** Standard normal distribution function Phi(x) = P(Z <= x). */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 1.75) {
    // Phi(x) = 1/2 + phi(x) * sum_{n>=0} x^(2n+1) / (1*3*5*...*(2n+1))  (all terms of one sign)
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < EPS * Math.abs(sum)) break;
    }
    return 0.5 + normPdf(x) * sum;
  }
  const tail = normUpperTail(ax);
  return x < 0 ? tail : 1 - tail;
}

/** P(Z > z) for z >= 1.75, as (1/2) Q(1/2, z^2/2) by the Legendre continued fraction. */
function normUpperTail(z: number): number {
  if (z > 40) return 0;
  const a = 0.5;
  const x = 0.5 * z * z;
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  // Q(1/2, x) = exp(-x) x^(1/2) / Gamma(1/2) * h, with x^(1/2) = z / sqrt(2)
  return (0.5 * expHalfSquare(z) * z * h) / (Math.SQRT2 * SQRT_PI);
}

/** Complementary error function erfc(x) = 2 (1 - Phi(x sqrt 2)). */
export function erfc(x: number): number {
  return 2 * normCdf(-x * Math.SQRT2);
}

/** Error function erf(x) = 2 Phi(x sqrt 2) - 1. */
export function erf(x: number): number {
  if (Math.abs(x) < 0.5) {
    // series: erf(x) = 2/sqrt(pi) * exp(-x^2) * sum 2^n x^(2n+1) / (1*3*...*(2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 100; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < EPS * Math.abs(sum)) break;
    }
    return ((2 / SQRT_PI) * Math.exp(-x2) * sum);
  }
  return x > 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile Phi^{-1}(p), p in [0, 1] (-Infinity at 0, Infinity at 1). */
export function normPpf(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normPpfLower(1 - p);
  return normPpfLower(p);
}

/** Quantile for p <= 1/2 (result <= 0), where Phi is evaluated without cancellation. */
function normPpfLower(p: number): number {
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
    const [d0, d1, d2, d3] = ACKLAM_D;
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
    const [b0, b1, b2, b3, b4] = ACKLAM_B;
    x = ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  // Halley refinement: f(x) = Phi(x) - p, f' = phi, f'' = -x phi
  for (let k = 0; k < 3; k++) {
    const e = normCdf(x) - p;
    const pdf = normPdf(x);
    if (pdf === 0) break;
    const u = e / pdf;
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 1e-17 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * log |Gamma(x)|. Stirling's series with Bernoulli terms up to x^-15 after shifting the
 * argument to x >= 10; Euler's reflection for x < 0.5. Poles (0, -1, -2, ...) give Infinity.
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0.5) {
    if (Number.isInteger(x)) return Infinity;
    // Gamma(x) Gamma(1 - x) = pi / sin(pi x)
    const s = Math.abs(Math.sin(Math.PI * x));
    return Math.log(Math.PI / s) - lgamma(1 - x);
  }
  if (x === 1 || x === 2) return 0;
  let shift = 0;
  let prod = 1;
  let y = x;
  while (y < 10) {
    prod *= y;
    y += 1;
    if (prod > 1e280) {
      shift += Math.log(prod);
      prod = 1;
    }
  }
  shift += Math.log(prod);
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156 + inv2 * (-3617 / 122400))))))));
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + series - shift;
}

/**
 * Digamma psi(x) = d/dx ln Gamma(x): recurrence psi(x) = psi(x + 1) - 1/x up to x >= 10, then the
 * asymptotic series ln x - 1/(2x) - sum B_2k / (2k x^2k); reflection psi(1-x) - pi cot(pi x) below 0.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let acc = 0;
  let y = x;
  while (y < 10) {
    acc -= 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return acc + Math.log(y) - 0.5 / y - series;
}

/** log Beta(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** Regularized lower incomplete gamma P(a, x) = (1/Gamma(a)) int_0^x t^(a-1) e^-t dt, a > 0, x >= 0. */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return gammaSeries(a, x);
  return 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x). */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - lgamma(a));
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < 100000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * gammaPrefactor(a, x);
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return gammaPrefactor(a, x) * h;
}

/** Regularized incomplete beta I_x(a, b) = B(x; a, b) / B(a, b), a, b > 0, x in [0, 1]. */
export function betaInc(a: number, b: number, x: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) return NaN;
  return betaIncXY(a, b, x, 1 - x);
}

/**
 * I_x(a, b) given both x and y = 1 - x, so that callers who know 1 - x more precisely than
 * the subtraction would give (Student-t tails) keep full precision.
 */
function betaIncXY(a: number, b: number, x: number, y: number): number {
  if (x === 0) return 0;
  if (y === 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - lbeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Student-t density with nu > 0 degrees of freedom: Gamma((nu+1)/2) / (sqrt(nu pi) Gamma(nu/2)) (1 + x^2/nu)^(-(nu+1)/2). */
export function tPdf(x: number, nu: number): number {
  if (!(nu > 0) || Number.isNaN(x)) return NaN;
  if (nu === Infinity) return normPdf(x);
  const logc = lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * Math.log(nu * Math.PI);
  return Math.exp(logc - 0.5 * (nu + 1) * Math.log1p((x * x) / nu));
}

/** Student-t distribution function P(T <= x), nu > 0. */
export function tCdf(x: number, nu: number): number {
  if (!(nu > 0) || Number.isNaN(x)) return NaN;
  if (nu === Infinity) return normCdf(x);
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const tail = tUpperTail(Math.abs(x), nu);
  return x < 0 ? tail : 1 - tail;
}

/** P(T > t) for t >= 0: (1/2) I_{nu/(nu+t^2)}(nu/2, 1/2), with 1 - x = t^2/(nu+t^2) passed exactly. */
function tUpperTail(t: number, nu: number): number {
  const t2 = t * t;
  return 0.5 * betaIncXY(0.5 * nu, 0.5, nu / (nu + t2), t2 / (nu + t2));
}

/** Student-t quantile: the x with tCdf(x, nu) = p, p in [0, 1]. */
export function tPpf(p: number, nu: number): number {
  if (!(p >= 0 && p <= 1) || !(nu > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (nu === Infinity) return normPpf(p);
  if (p === 0.5) return 0;
  if (nu === 1) return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
  if (nu === 2) {
    const a = 4 * p * (1 - p);
    return ((2 * p - 1) * Math.sqrt(2 / a));
  }
  const q = p < 0.5 ? p : 1 - p; // tail probability
  const t = tTailInverse(q, nu);
  return p < 0.5 ? -t : t;
}

/** The t >= 0 with P(T > t) = q (0 < q < 1/2): bracketed Newton iteration on the tail. */
function tTailInverse(q: number, nu: number): number {
  let lo = 0;
  let hi = Math.max(1, -normPpf(q));
  while (tUpperTail(hi, nu) > q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  // start from the normal quantile inflated for heavy tails, clipped to the bracket
  let x = 0.5 * (lo + hi);
  for (let it = 0; it < 200; it++) {
    const f = tUpperTail(x, nu) - q; // decreasing in x
    if (f > 0) lo = x;
    else hi = x;
    const dens = tPdf(x, nu);
    let next = dens > 0 ? x + f / dens : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 4e-16 * Math.abs(next) || hi - lo <= 4e-16 * hi) return next;
    x = next;
  }
  return x;
}

/** Chi-squared distribution function P(X <= x) with k > 0 degrees of freedom: P(k/2, x/2). */
export function chi2Cdf(x: number, k: number): number {
  if (!(k > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  return gammaP(0.5 * k, 0.5 * x);
}

/** Chi-squared survival function P(X > x) = Q(k/2, x/2). */
export function chi2Sf(x: number, k: number): number {
  if (!(k > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(0.5 * k, 0.5 * x);
}
