import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as regime from '../../src/regime';
import { Rng } from '../../src/math/rng';
import { close, fixture, schemaValidator } from './helpers';

const fx = fixture('gmm.json');

describe('regime features, Gaussian mixture (scikit-learn) and regime-conditional correlation (scipy)', () => {
  const F = regime.regimeFeatures(fx.closes);
  it('five regime features equal the numpy formulas', () => {
    assert.equal(F.length, fx.n_features_rows);
    for (const [i, row] of Object.entries(fx.feature_rows as Record<string, number[]>)) {
      row.forEach((v, j) => close(F[Number(i)][j], v, 1e-9, `feature[${i}][${j}]`));
    }
  });

  for (const m of fx.models) {
    const X: number[][] = m.name === 'features_3' ? F : (fx.returns as number[]).map((v) => [v]);
    it(`${m.name}: log-likelihood at fixed parameters equals scikit-learn's score x n`, () => {
      const d = X[0].length;
      const p: regime.GaussianMixtureParams = {
        weights: Float64Array.from(m.fixed.weights),
        means: Float64Array.from((m.fixed.means as number[][]).flat()),
        covariances: Float64Array.from((m.fixed.covariances as number[][][]).flat(2)),
        dim: d,
      };
      const ll = regime.mixtureLogLikelihood(X, p);
      close(ll, m.fixed.log_likelihood, 1e-9, 'fixed LL');
    });
    it(`${m.name}: fitted log-likelihood >= scikit-learn's (n_init 10) - 1e-6`, () => {
      const fit = regime.fitGaussianMixture(X, { components: m.components, rng: new Rng(3), restarts: 3, sortByColumn: X[0].length > 1 ? 1 : 0 });
      assert.ok(fit.logLikelihood >= m.fitted_log_likelihood - 1e-6 * Math.abs(m.fitted_log_likelihood), `ours ${fit.logLikelihood} sklearn ${m.fitted_log_likelihood}`);
      const col = X[0].length > 1 ? 1 : 0;
      const d = fit.params.dim;
      for (let k = 1; k < fit.nComponents; k++) assert.ok(fit.params.covariances[k * d * d + col * d + col] >= fit.params.covariances[(k - 1) * d * d + col * d + col]);
      schemaValidator('regime.v1.schema.json')(fit.toPayload());
    });
  }

  it('tercile regime correlations and p-values equal scipy.stats.pearsonr', () => {
    const c = fx.correlation;
    const got = regime.regimeConditionalCorrelation(c.a, c.b, c.market);
    assert.deepEqual(got.map((g) => g.regime), c.regimes.map((g: { regime: string }) => g.regime));
    got.forEach((g, i) => {
      close(g.correlation, c.regimes[i].correlation, 1e-12, `${g.regime} r`);
      close(g.pValue, c.regimes[i].p_value, 1e-9, `${g.regime} p`);
      assert.equal(g.sampleCount, c.regimes[i].sample_count);
    });
  });
});
