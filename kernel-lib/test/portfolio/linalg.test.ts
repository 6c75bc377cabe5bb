import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cholesky, choleskySolve, choleskyLogDet, solve, inverse, determinant, symmetricEigen, nearestPsd, matMul,
  matVec, transpose, fromEigen, isPositiveSemidefinite, tryCholesky,
} from '../../src/math/linalg';
import { AlphaFactoryError } from '../../src/errors';
import { fixture, mat, assertClose, assertMatrixClose } from './fixtures';

const F = fixture('linalg.json');

test('cholesky, choleskySolve and log-determinant match numpy', () => {
  const L = cholesky(mat(F.spd));
  assertMatrixClose(L, F.cholesky, 1e-12, 'L');
  assertClose(choleskySolve(L, Float64Array.from(F.b)), F.solve_spd, 1e-11, 'x');
  assert.ok(Math.abs(choleskyLogDet(L) - F.logdet_spd) < 1e-11);
  const I7 = mat(F.spd.map((r: number[], i: number) => r.map((_v, j) => (i === j ? 1 : 0))));
  assertMatrixClose(choleskySolve(L, I7), F.inverse_spd, 1e-10, 'inv via cholesky');
});

test('LU solve, inverse and determinant match numpy', () => {
  const G = mat(F.general);
  assertClose(solve(G, Float64Array.from(F.b)), F.solve_general, 1e-10, 'x');
  assertMatrixClose(inverse(G), F.inverse_general, 1e-10, 'inv');
  assertMatrixClose(inverse(mat(F.spd)), F.inverse_spd, 1e-10, 'inv spd');
  assert.ok(Math.abs(determinant(G) - F.det_general) < 1e-10 * Math.abs(F.det_general));
});

test('matMul and matVec match numpy', () => {
  const C = matMul(mat(F.matmul_a), mat(F.matmul_b));
  assertMatrixClose(C, F.matmul, 1e-12, 'AB');
  const x = matVec(mat(F.general), F.b);
  const xt = matVec(transpose(transpose(mat(F.general))), F.b);
  assertClose(x, xt, 0, 'matVec');
});

test('symmetricEigen matches numpy.linalg.eigh (values ascending, vectors up to sign)', () => {
  const { values, vectors } = symmetricEigen(mat(F.sym));
  assertClose(values, F.eig_values, 1e-12, 'lambda');
  const n = values.length;
  for (let k = 0; k < n; k++) {
    let d = 0;
    for (let i = 0; i < n; i++) d += vectors.data[i * n + k] * F.eig_vectors[i][k];
    assert.ok(Math.abs(Math.abs(d) - 1) < 1e-10, `vector ${k} |cos| = ${Math.abs(d)}`);
  }
  const big = symmetricEigen(mat(F.big_sym));
  assertClose(big.values, F.big_eig_values, 1e-11, 'big lambda');
  // reconstruction
  assertMatrixClose(fromEigen(big.values, big.vectors), F.big_sym, 1e-11, 'V L Vt');
});

test('nearestPsd equals PyPortfolioOpt fix_nonpositive_semidefinite (spectral)', () => {
  const C = mat(F.indefinite);
  assert.equal(isPositiveSemidefinite(C), false);
  const r = nearestPsd(C);
  assert.equal(r.repaired, true);
  assert.ok(Math.abs(r.minEigenvalue - F.indefinite_eigenvalues[0]) < 1e-12);
  assertMatrixClose(r.matrix, F.psd_fixed, 1e-12, 'fixed');
  assert.equal(nearestPsd(mat(F.spd)).repaired, false);
});

test('cholesky of a singular or indefinite matrix throws a typed error', () => {
  assert.equal(tryCholesky(mat([[1, 1], [1, 1]])), null);
  assert.throws(() => cholesky(mat(F.indefinite)), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'not_positive_definite');
  assert.throws(() => solve(mat([[1, 2], [2, 4]]), Float64Array.from([1, 1])), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'singular_matrix');
});
