import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as m from '../../src/metrics';
import * as risk from '../../src/risk';
import * as regime from '../../src/regime';
import { Rng } from '../../src/math/rng';
import { close, fixture } from './helpers';

describe('Sharpe tiers, drawdown limit and the HMM regime filter', () => {
  it('Sharpe tier boundaries 1.0, 2.0, 3.0', () => {
    assert.equal(m.sharpeTier(0.99), 'below threshold');
    assert.equal(m.sharpeTier(1.0), 'consider');
    assert.equal(m.sharpeTier(2.0), 'consider');
    assert.equal(m.sharpeTier(2.01), 'hedge-fund grade');
    assert.equal(m.sharpeTier(3.01), 'elite');
  });

  it('drawdown limit triggers at the configured level', () => {
    const r = [0.1, -0.1, -0.1, 0.05]; // peak 1.1, then 0.99 (-10 %), 0.891 (-19 %)
    assert.equal(risk.drawdownLimitBreach(r, 0.15)!.index, 2);
    close(risk.drawdownLimitBreach(r, 0.15)!.drawdown, 0.891 / 1.1 - 1, 1e-12, 'dd');
    assert.equal(risk.drawdownLimitBreach(r, 0.2), null);
  });

  it('filtered probabilities at t equal the smoothed ones at the last date; the filter blocks the turbulent state', () => {
    const fx = fixture('hmm.json');
    const p0 = fx.models[0].params;
    const p = regime.hmmParams({ startProb: p0.startprob, transMat: p0.transmat, means: p0.means, variances: p0.covars });
    const x: number[] = fx.x;
    const f = regime.forwardFilter(x, p);
    const last = fx.models[0].posterior_rows[String(x.length - 1)];
    close(f[(x.length - 1) * 2], last[0], 1e-9, 'filter = posterior at T');
    // look-ahead free: filtering a prefix gives the same probabilities
    const g = regime.forwardFilter(x.slice(0, 1000), p);
    close(g[999 * 2 + 1], f[999 * 2 + 1], 1e-15, 'prefix');
    // simulated: the filter reduces the max drawdown when the high-variance state carries the crashes
    const rng = new Rng(2);
    const xs: number[] = [];
    let s = 0;
    for (let t = 0; t < 3000; t++) {
      xs.push(s === 0 ? 0.0006 + 0.006 * rng.normal() : -0.004 + 0.03 * rng.normal());
      if (rng.uniform() < (s === 0 ? 0.01 : 0.05)) s = 1 - s;
    }
    const fit = regime.fitGaussianHmm(xs, { states: 2, rng: new Rng(1), restarts: 2 });
    const { allowed } = regime.regimeFilter(xs, fit.params);
    const filtered = xs.map((v, t) => (t > 0 && allowed[t - 1] ? v : 0));
    assert.ok(m.maxDrawdown(filtered) > m.maxDrawdown(xs), `${m.maxDrawdown(filtered)} vs ${m.maxDrawdown(xs)}`);
  });
});
