/**
 * The alpha library: every formula parses, names and canonical forms are unique (no feature is a
 * duplicate of another), and on the fixture panel each formula's values match pandas evaluating
 * the same text with its own parser and operators (scripts/fixtures/alpha_dsl.py).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { alpha158, ALPHA101, alphaLibrary, BASIC_ALPHAS, canonicalFormula, FormulaEvaluator, libraryAlpha } from '../../src/alpha';
import { assertClosePanel, fixturePanel, readFixture } from './helpers';
import type { OperatorFixture } from './helpers';

interface LibraryFixture extends OperatorFixture {
  library_fields: Record<string, (number | null)[]>;
  library: { name: string; formula: string; values: (number | null)[] }[];
}

const fx = readFixture<LibraryFixture>('operators.json');
/** A panel with continuous prices and volumes (the operator fixture's panel is full of ties on purpose). */
const panel = fixturePanel({ ...fx, fields: fx.library_fields });

/**
 * Alphas whose value is ill-conditioned on any panel: they rank rolling covariances or
 * correlations of ranks (alpha013, 015, 016; alpha094 a time-series rank of one), or 2-day
 * correlations (alpha045), which take a
 * handful of values equal in exact arithmetic (+-1, +-0.5, ...), so the order of those ties is
 * decided by rounding noise, differently in any two implementations.
 */
const ILL_CONDITIONED = new Set(['alpha013', 'alpha015', 'alpha016', 'alpha045', 'alpha094']);

test('library sizes and names', () => {
  assert.equal(BASIC_ALPHAS.length, 5);
  assert.deepEqual(
    BASIC_ALPHAS.map((a) => a.name),
    ['momentum_5d', 'momentum_20d', 'mean_reversion', 'volume_spike', 'volatility_breakout'],
  );
  assert.equal(alpha158().length, 158);
  assert.ok(ALPHA101.length >= 50);
  const names = alphaLibrary().map((a) => a.name);
  assert.equal(new Set(names).size, names.length, 'unique names');
  assert.equal(libraryAlpha('ROC20')?.formula, 'Ref($close, 20)/$close');
});

test('no two library alphas share a canonical form', () => {
  const seen = new Map<string, string>();
  for (const a of alphaLibrary()) {
    const c = canonicalFormula(a.formula);
    assert.ok(!seen.has(c), `${a.name} duplicates ${seen.get(c)}: ${c}`);
    seen.set(c, a.name);
  }
});

test('library formulas match pandas on the fixture panel', () => {
  const ev = new FormulaEvaluator(panel);
  const byName = new Map(alphaLibrary().map((a) => [a.name, a.formula]));
  assert.ok(fx.library.length >= 100);
  let compared = 0;
  for (const c of fx.library) {
    assert.equal(byName.get(c.name), c.formula, `fixture formula of ${c.name} is the library's`);
    if (ILL_CONDITIONED.has(c.name)) continue;
    assertClosePanel(ev.evaluate(c.formula), c.values, panel.nAssets, `${c.name}: ${c.formula}`);
    compared++;
  }
  assert.ok(compared >= 95, `compared ${compared} library formulas`);
});
