/**
 * DccResult.correlationPath: the conditional correlations R_t must reproduce the independent numpy
 * reference log-likelihood (scripts/fixtures/vol.py `dcc_loglik_ref`) when the likelihood
 * -1/2 sum_t [ln|R_t| + z_t' R_t^-1 z_t - z_t' z_t] is rebuilt here from the path alone
 * (3 x 3 determinant and inverse by cofactors, written for this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DccResult } from '../../src/vol/multivariate/dcc';
import { loadFixture, relErr } from './helpers';

const fx = loadFixture('dcc.json');
const z: Float64Array[] = fx.z.map((s: number[]) => Float64Array.from(s));
const T = z[0].length;

function resultAt(a: number, b: number, g: number): DccResult {
  return new DccResult(['A', 'B', 'C'], [], z, a, b, g, NaN, NaN, true, 'fixed');
}

test('correlation paths rebuild the numpy reference likelihood at fixed (a, b[, g])', () => {
  for (const f of fx.fixed) {
    const r = resultAt(f.a, f.b, f.g);
    const r01 = r.correlationPath(0, 1);
    const r02 = r.correlationPath(0, 2);
    const r12 = r.correlationPath(1, 2);
    assert.equal(r01.length, T);
    let ll = 0;
    for (let t = 0; t < T; t++) {
      const [p, q, s] = [r01[t], r02[t], r12[t]]; // R = [[1, p, q], [p, 1, s], [q, s, 1]]
      const det = 1 + 2 * p * q * s - p * p - q * q - s * s;
      // adjugate of the symmetric R
      const i00 = 1 - s * s, i11 = 1 - q * q, i22 = 1 - p * p;
      const i01 = q * s - p, i02 = p * s - q, i12 = p * q - s;
      const [x, y, w] = [z[0][t], z[1][t], z[2][t]];
      const quad = (i00 * x * x + i11 * y * y + i22 * w * w + 2 * (i01 * x * y + i02 * x * w + i12 * y * w)) / det;
      ll += -0.5 * (Math.log(det) + quad - (x * x + y * y + w * w));
    }
    assert.ok(relErr(ll, f.loglik) < 1e-9, `(${f.a}, ${f.b}, ${f.g}): from the path ${ll}, reference ${f.loglik}`);
  }
});

test('correlation path: unit diagonal, symmetric, inside (-1, 1), and bad indices are errors', () => {
  const r = resultAt(fx.fit.a, fx.fit.b, 0);
  const d = r.correlationPath(1, 1);
  assert.ok(d.every((v) => Math.abs(v - 1) < 1e-12));
  const ab = r.correlationPath(0, 2);
  const ba = r.correlationPath(2, 0);
  assert.ok(ab.every((v, t) => Math.abs(v - ba[t]) < 1e-12));
  assert.ok(ab.every((v) => v > -1 && v < 1));
  assert.throws(() => r.correlationPath(0, 3), /j must be a series index in \[0, 3\)/);
  assert.throws(() => r.correlationPath(-1, 0), /i must be a series index/);
});
