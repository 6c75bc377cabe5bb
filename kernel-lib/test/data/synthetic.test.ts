import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulateMarket, syntheticMarket } from '../../src/data';
import { Rng } from '../../src/math/rng';

/**
 * An independent re-implementation of the recursion documented on `simulateMarket`, written
 * from the doc comment (one asset at a time, arrays of plain numbers), for the first days.
 */
function reference(seed: number, nAssets: number, days: number) {
  const omega = 1e-5;
  const a = 0.05;
  const b = 0.9;
  const h0 = omega / (1 - (a * (0.95 + 0.05 * 9) + b));
  const root = new Rng(seed);
  const m = root.fork(0);
  const em: number[] = [];
  const hm: number[] = [h0];
  for (let t = 0; t < days; t++) {
    const k = m.uniform() < 0.05 ? 3 : 1;
    em.push(k * Math.sqrt(hm[t]) * m.normal());
    hm.push(omega + a * em[t] ** 2 + b * hm[t]);
  }
  const out: { beta: number; close: number[]; open: number[]; high: number[]; low: number[]; volume: number[] }[] = [];
  for (let i = 0; i < nAssets; i++) {
    const g = root.fork(i + 1);
    const beta = 0.5 + g.uniform();
    let prev = 20 + 180 * g.uniform();
    const v = 10 ** (5 + 2 * g.uniform());
    let h = h0;
    const rec = { beta, close: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], volume: [] as number[] };
    for (let t = 0; t < days; t++) {
      const k = g.uniform() < 0.05 ? 3 : 1;
      const e = k * Math.sqrt(h) * g.normal();
      const [zo, zh, zl, zv] = [g.normal(), g.normal(), g.normal(), g.normal()];
      const sd = Math.sqrt(beta ** 2 * hm[t] + h);
      const r = 0.0002 + beta * em[t] + e;
      const c = prev * Math.exp(r);
      const o = prev * Math.exp(0.2 * sd * zo);
      rec.close.push(c);
      rec.open.push(o);
      rec.high.push(Math.max(o, c) * Math.exp(0.5 * sd * Math.abs(zh)));
      rec.low.push(Math.min(o, c) * Math.exp(-0.5 * sd * Math.abs(zl)));
      rec.volume.push(Math.round(v * Math.exp(0.3 * zv) * (1 + 10 * Math.abs(r))));
      h = omega + a * e * e + b * h;
      prev = c;
    }
    out.push(rec);
  }
  return out;
}

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

test('first values match an independent implementation of the documented recursion', () => {
  const days = 30;
  const sim = simulateMarket({ seed: 20240607, assets: 4, days });
  const ref = reference(20240607, 4, days);
  const p = sim.panel;
  for (let i = 0; i < 4; i++) {
    assert.ok(rel(sim.betas[i], ref[i].beta) < 1e-14);
    for (let t = 0; t < days; t++) {
      for (const f of ['open', 'high', 'low', 'close'] as const) {
        assert.ok(rel(p.value(f, t, i), ref[i][f][t]) < 1e-12, `${f} t=${t} i=${i}: ${p.value(f, t, i)} vs ${ref[i][f][t]}`);
      }
      assert.equal(p.value('volume', t, i), ref[i].volume[t]);
    }
  }
  // a golden checksum computed by the reference: sum of the 120 closes
  let sumOurs = 0;
  let sumRef = 0;
  for (const v of p.field('close')) sumOurs += v;
  for (const r of ref) for (const c of r.close) sumRef += c;
  assert.ok(rel(sumOurs, sumRef) < 1e-12);
});

test('same seed, same market; another seed, another market; smaller markets are prefixes', () => {
  const a = syntheticMarket({ seed: 7, assets: 5, days: 60 });
  const b = syntheticMarket({ seed: 7, assets: 5, days: 60 });
  const c = syntheticMarket({ seed: 8, assets: 5, days: 60 });
  assert.deepEqual(Array.from(a.field('close')), Array.from(b.field('close')));
  assert.notDeepEqual(Array.from(a.field('close')), Array.from(c.field('close')));
  const small = syntheticMarket({ seed: 7, assets: 3, days: 40 });
  for (const f of a.fields) {
    for (let t = 0; t < 40; t++) for (let i = 0; i < 3; i++) assert.equal(small.value(f, t, i), a.value(f, t, i));
  }
});

test('business-day calendar: Monday to Friday, a weekend start rolls to Monday', () => {
  const p = syntheticMarket({ seed: 1, assets: 1, days: 15, start: '2021-01-02' }); // a Saturday
  assert.equal(p.dates[0], '2021-01-04');
  assert.deepEqual(p.dates.slice(0, 6), ['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-07', '2021-01-08', '2021-01-11']);
  for (const d of p.dates) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    assert.ok(wd >= 1 && wd <= 5, d);
  }
  assert.equal(p.dates[14], '2021-01-22');
});

test('prices are consistent: low <= open, close <= high, all positive; volume positive integers', () => {
  const p = syntheticMarket({ seed: 3, assets: 8, days: 500 });
  const [o, h, l, c, v] = ['open', 'high', 'low', 'close', 'volume'].map((f) => p.field(f));
  for (let k = 0; k < c.length; k++) {
    assert.ok(l[k] > 0 && l[k] <= Math.min(o[k], c[k]) && Math.max(o[k], c[k]) <= h[k]);
    assert.ok(Number.isInteger(v[k]) && v[k] > 0);
  }
});

test('statistical properties: betas U(0.5, 1.5) recovered by regression, GARCH stationary variance, clustering, fat tails', () => {
  const nA = 20;
  const T = 6000;
  const sim = simulateMarket({ seed: 99, assets: nA, days: T });
  const m = sim.market;
  let mm = 0;
  for (const x of m) mm += x;
  mm /= T;
  let vm = 0;
  for (const x of m) vm += (x - mm) ** 2;
  vm /= T - 1;
  for (let i = 0; i < nA; i++) {
    assert.ok(sim.betas[i] >= 0.5 && sim.betas[i] < 1.5);
    let cov = 0;
    let ri = 0;
    for (let t = 0; t < T; t++) ri += sim.returns[t * nA + i];
    ri /= T;
    for (let t = 0; t < T; t++) cov += (sim.returns[t * nA + i] - ri) * (m[t] - mm);
    const bhat = cov / (T - 1) / vm;
    // OLS standard error ~ sqrt(h_idio / (T h_m)) ~ 0.013 here: allow 5 of them
    assert.ok(Math.abs(bhat - sim.betas[i]) < 0.065, `beta ${i}: ${bhat} vs ${sim.betas[i]}`);
  }
  // E[h] = omega / (1 - alpha E[k^2] - beta) with E[k^2] = 0.95 + 0.05 * 9 = 1.4, and Var(e) = E[k^2] E[h]
  const long = simulateMarket({ seed: 5, assets: 1, days: 200000 }).market;
  const n = long.length;
  let mean = 0;
  for (const x of long) mean += x;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (const x of long) {
    m2 += (x - mean) ** 2;
    m4 += (x - mean) ** 4;
  }
  m2 /= n;
  m4 /= n;
  const stationary = (1.4 * 1e-5) / (1 - 0.05 * 1.4 - 0.9);
  assert.ok(Math.abs(m2 / stationary - 1) < 0.1, `variance ${m2} vs ${stationary}`);
  assert.ok(m4 / (m2 * m2) > 4, `kurtosis ${m4 / (m2 * m2)} should exceed the normal's 3 clearly`);
  // volatility clustering: squared innovations are positively autocorrelated
  let num = 0;
  let den = 0;
  for (let t = 0; t < n; t++) {
    const d = long[t] ** 2 - m2;
    den += d * d;
    if (t > 0) num += d * (long[t - 1] ** 2 - m2);
  }
  assert.ok(num / den > 0.05, `lag-1 autocorrelation of squares ${num / den}`);
});

test('bad arguments are InvalidArgumentErrors', () => {
  assert.throws(() => syntheticMarket({ seed: 1, assets: 0 }), /assets must be a positive integer/);
  assert.throws(() => syntheticMarket({ seed: 1, alpha: 0.2, beta: 0.9 }), /alpha E\[k\^2\] \+ beta < 1/);
  assert.throws(() => syntheticMarket({ seed: NaN }), /seed must be a finite number/);
});
