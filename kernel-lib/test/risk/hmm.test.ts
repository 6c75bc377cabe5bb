import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as regime from '../../src/regime';
import { Rng } from '../../src/math/rng';
import { AlphaFactoryError } from '../../src/errors';
import { close, fixture, schemaValidator } from './helpers';

const fx = fixture('hmm.json');
const x: number[] = fx.x;

describe('Gaussian HMM against hmmlearn 0.3.3', () => {
  for (const m of fx.models) {
    const p = regime.hmmParams({ startProb: m.params.startprob, transMat: m.params.transmat, means: m.params.means, variances: m.params.covars });
    it(`${m.states} states: log-likelihood at fixed parameters equals score() to 1e-8`, () => {
      const ll = regime.hmmLogLikelihood(x, p);
      assert.ok(Math.abs(ll - m.score) <= 1e-8, `ours ${ll} hmmlearn ${m.score}`);
      const fb = regime.forwardBackward(x, p);
      assert.ok(Math.abs(fb.logLikelihood - m.score) <= 1e-8);
      for (const [t, row] of Object.entries(m.posterior_rows as Record<string, number[]>)) {
        row.forEach((v, i) => close(fb.gamma[Number(t) * m.states + i], v, 1e-9, `posterior[${t}][${i}]`));
      }
    });
    it(`${m.states} states: Viterbi path and log-probability equal hmmlearn's decode()`, () => {
      const v = regime.viterbi(x, p);
      close(v.logProb, m.viterbi_logprob, 1e-12, 'viterbi logprob');
      let diff = 0;
      for (let t = 0; t < x.length; t++) if (v.states[t] !== m.viterbi[t]) diff++;
      assert.equal(diff, 0);
    });
    it(`${m.states} states: fitted log-likelihood >= best of 20 hmmlearn fits - 1e-6`, () => {
      const fit = regime.fitGaussianHmm(x, { states: m.states, rng: new Rng(11) });
      assert.ok(fit.logLikelihood >= m.fitted.log_likelihood - 1e-6, `ours ${fit.logLikelihood} hmmlearn ${m.fitted.log_likelihood}`);
      assert.ok(fit.converged);
      // the reported LL is the LL of the reported parameters
      close(regime.hmmLogLikelihood(x, fit.params), fit.logLikelihood, 1e-9, 'self-consistency');
      // states sorted by variance, parameters agree with the best hmmlearn fit
      for (let i = 1; i < m.states; i++) assert.ok(fit.params.variances[i] > fit.params.variances[i - 1]);
      m.fitted.variances.forEach((v: number, i: number) => close(fit.params.variances[i], v, 1e-3, `variance ${i}`));
      m.fitted.means.forEach((v: number, i: number) => close(fit.params.means[i], v, 1e-3, `mean ${i}`));
      const pl = fit.toPayload();
      assert.equal(pl.states.length, x.length);
      schemaValidator('regime.v1.schema.json')(pl);
      assert.match(fit.toString(), /state 0: mean/);
    });
  }

  it('recovers the parameters of a simulated 2-state series', () => {
    const rng = new Rng(5);
    const A = [[0.97, 0.03], [0.06, 0.94]];
    const mu = [0.05, -0.1];
    const sd = [0.5, 2];
    const xs: number[] = [];
    let s = 0;
    for (let t = 0; t < 4000; t++) {
      xs.push(mu[s] + sd[s] * rng.normal());
      s = rng.uniform() < A[s][s] ? s : 1 - s;
    }
    const fit = regime.fitGaussianHmm(xs, { states: 2, rng: new Rng(1) });
    close(Math.sqrt(fit.params.variances[0]), 0.5, 0.05, 'sd 0');
    close(Math.sqrt(fit.params.variances[1]), 2, 0.1, 'sd 1');
    close(fit.params.transMat[0], 0.97, 0.02, 'a00');
    close(fit.params.transMat[3], 0.94, 0.03, 'a11');
  });

  it('bad input is a typed error', () => {
    assert.throws(() => regime.fitGaussianHmm(new Array(100).fill(1)), AlphaFactoryError);
    assert.throws(() => regime.fitGaussianHmm(x, { states: 9 }), AlphaFactoryError);
    assert.throws(() => regime.fitGaussianHmm([1, 2, NaN, ...x.slice(0, 50)]), AlphaFactoryError);
    assert.throws(() => regime.hmmParams({ startProb: [0.5, 0.6], transMat: [1, 0, 0, 1], means: [0, 0], variances: [1, 1] }), AlphaFactoryError);
  });
});
