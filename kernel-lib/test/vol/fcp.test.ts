/**
 * The FCP GARCH benchmark (Fiorentini, Calzolari & Panattoni 1996; McCullough & Renfro 1998;
 * Brooks, Burke & Persand 2001) on the Bollerslev-Ghysels DEM/GBP returns (data/dem2gbp.csv,
 * 1,974 obs): GARCH(1,1) with a constant mean in `sample` start-up mode gives log-likelihood
 * -1106.608 and omega .0107613, alpha .153134, beta .805974 (published values).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitGarch } from '../../src/vol/fit';
import { DATA, relErr } from './helpers';

test('FCP benchmark: DEM/GBP GARCH(1,1) in sample mode', () => {
  const y = readFileSync(join(DATA, 'dem2gbp.csv'), 'utf8').trim().split('\n').slice(1).map(Number);
  assert.equal(y.length, 1974);
  const r = fitGarch(y, { vol: 'garch', dist: 'normal' }, { backcast: 'sample' });
  assert.ok(r.converged, r.reason);
  assert.ok(Math.abs(r.loglik - -1106.608) < 2e-3, `loglik ${r.loglik}`);
  // at least 4 correct significant digits
  assert.ok(relErr(r.params.omega, 0.0107613) < 5e-4, `omega ${r.params.omega}`);
  assert.ok(relErr(r.params['alpha[1]'], 0.153134) < 5e-4, `alpha ${r.params['alpha[1]']}`);
  assert.ok(relErr(r.params['beta[1]'], 0.805974) < 5e-4, `beta ${r.params['beta[1]']}`);
});
