/**
 * The one-pass fused kernels (fused/garch11.ts, fused/egarch11.ts) against the general path
 * (process recursion + distribution + score assembly, `fused: false`): log-likelihood, gradient,
 * per-observation scores and their outer product at parameters away from the optimum; and the
 * fused gradient against central finite differences of the general log-likelihood.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArchModel } from '../../src/vol/model';
import { buildDist, buildMean, buildVol } from '../../src/vol/spec';
import type { GarchSpec } from '../../src/vol/spec';
import { sp500Returns } from './helpers';

const y = sp500Returns().subarray(0, 2500);

function specs(): GarchSpec[] {
  const out: GarchSpec[] = [];
  for (const mean of ['constant', 'zero'] as const) {
    for (const dist of ['normal', 't'] as const) for (const vol of ['garch', 'gjr'] as const) out.push({ mean, vol, dist });
    for (const dist of ['normal', 't', 'skewt'] as const) for (const o of [0, 1]) out.push({ mean, vol: 'egarch', o, dist });
  }
  return out;
}

function models(spec: GarchSpec): [ArchModel, ArchModel] {
  const make = (fused: boolean): ArchModel => new ArchModel(y, buildMean(spec), buildVol(spec), buildDist(spec), { fused });
  return [make(true), make(false)];
}

function maxRel(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d / scale;
}

test('fused kernels give the general path\'s log-likelihood, gradient, scores and outer product', () => {
  for (const spec of specs()) {
    const [fm, gm] = models(spec);
    const K = fm.K;
    const sv = gm.startingValues();
    for (const shift of [-0.04, 0.03]) {
      const th = Float64Array.from(sv, (v, i) => v * (1 + shift * ((i % 3) - 1)));
      const gF = new Float64Array(K);
      const gG = new Float64Array(K);
      const llF = fm.evaluate(th, gF, null);
      const llG = gm.evaluate(th, gG, null);
      const label = `${JSON.stringify(spec)} shift ${shift}`;
      assert.ok(Number.isFinite(llG), label);
      assert.ok(Math.abs(llF - llG) < 1e-11 * Math.abs(llG), `${label}: ll ${llF} vs ${llG}`);
      assert.ok(maxRel(gF, gG) < 1e-10, `${label}: gradient ${gF} vs ${gG}`);
      const sF = new Float64Array(fm.n * K);
      const sG = new Float64Array(gm.n * K);
      fm.evaluate(th, null, sF);
      gm.evaluate(th, null, sG);
      assert.ok(maxRel(sF, sG) < 1e-10, `${label}: scores`);
      const oF = new Float64Array(K * K);
      const oG = new Float64Array(K * K);
      fm.evaluate(th, null, null, oF);
      gm.evaluate(th, null, null, oG);
      assert.ok(maxRel(oF, oG) < 1e-10, `${label}: outer product`);
    }
  }
});

test('fused gradients match central finite differences of the general log-likelihood', () => {
  for (const spec of specs()) {
    const [fm, gm] = models(spec);
    const th = gm.startingValues();
    const g = new Float64Array(fm.K);
    fm.evaluate(th, g, null);
    const fd = new Float64Array(fm.K);
    for (let k = 0; k < fm.K; k++) {
      const h = 1e-6 * Math.max(Math.abs(th[k]), 1e-2);
      const p = Float64Array.from(th);
      p[k] += h;
      const up = gm.loglik(p);
      p[k] -= 2 * h;
      fd[k] = (up - gm.loglik(p)) / (2 * h);
    }
    // the truncation + rounding error of the differences is ~1e-6 of the largest component
    assert.ok(maxRel(g, fd) < 1e-5, `${JSON.stringify(spec)}: ${Array.from(g)} vs ${Array.from(fd)}`);
  }
});
