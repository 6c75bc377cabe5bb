/**
 * Skew-t draws (Hansen's construction, no quantile function per draw) follow the analytic skew-t
 * distribution: a Kolmogorov-Smirnov test against `SkewStudent.cdf` (itself checked against arch's
 * cdf in risk.test.ts) at the 0.1% level, critical value sqrt(-ln(0.0005)/2)/sqrt(n), and a sample
 * mean within 5 standard errors of 0 (the distribution has unit variance, so the standard error is
 * 1/sqrt(n)). Seeds are fixed, so each check is deterministic; a wrong side probability, sign or
 * scale moves D far past the critical value (e.g. lambda -> -lambda gives D ~ 0.1 at these shapes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/math/rng';
import { SkewStudent } from '../../src/vol/dist/skewt';
import { fitGarch } from '../../src/vol/fit';
import { sp500Returns } from './helpers';

const KS_CRIT_0001 = Math.sqrt(-Math.log(0.0005) / 2);

function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const x = Float64Array.from(sample).sort();
  const n = x.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const F = cdf(x[i]);
    d = Math.max(d, (i + 1) / n - F, F - i / n);
  }
  return d;
}

test('skew-t draws pass a KS test against the analytic cdf and have mean 0', () => {
  const dist = new SkewStudent();
  const n = 40000;
  for (const [eta, lam, seed] of [
    [7, -0.2, 11],
    [4.5, 0.4, 12],
    [30, -0.6, 13],
  ]) {
    const p = Float64Array.of(eta, lam);
    const rng = new Rng(seed);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = dist.draw(rng, p);
    const d = ksStatistic(z, (x) => dist.cdf(x, p));
    assert.ok(d < KS_CRIT_0001 / Math.sqrt(n), `eta ${eta}, lambda ${lam}: KS D = ${d}`);
    let m = 0;
    for (let i = 0; i < n; i++) m += z[i];
    m /= n;
    assert.ok(Math.abs(m) < 5 / Math.sqrt(n), `eta ${eta}, lambda ${lam}: mean ${m}`);
    // the test has power: the mirrored distribution is rejected
    const mirrored = Float64Array.of(eta, -lam);
    assert.ok(ksStatistic(z, (x) => dist.cdf(x, mirrored)) > 3 * KS_CRIT_0001 / Math.sqrt(n));
  }
});

test('simulated one-step skew-t forecast shocks follow the fitted distribution', () => {
  const r = fitGarch(sp500Returns(), { vol: 'egarch', dist: 'skewt' });
  const S = 20000;
  const f = r.forecast(1, { method: 'simulation', simulations: S, rng: 21 });
  const paths = f.paths as Float64Array;
  const mu = r.params.mu;
  const sd = Math.sqrt(f.variance[0]); // the one-step variance is known at the origin
  const z = Float64Array.from(paths, (v) => (v - mu) / sd);
  const p = Float64Array.of(r.params.eta, r.params.lambda);
  const d = ksStatistic(z, (x) => new SkewStudent().cdf(x, p));
  assert.ok(d < KS_CRIT_0001 / Math.sqrt(S), `KS D = ${d}`);
});
