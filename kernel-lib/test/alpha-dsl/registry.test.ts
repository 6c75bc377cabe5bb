/**
 * User operators: declared once (name, arguments, kind) with a scalar, window or cross-section
 * function, evaluated generically with the same missing-value rules as the built-ins. Each is
 * checked against the pandas fixture of an equivalent built-in formula.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlphaFactoryError } from '../../src/errors';
import { canonicalFormula, evaluateFormula, FormulaEvaluator, listOperators, OperatorRegistry, parseFormula, registerOperator } from '../../src/alpha';
import { assertClosePanel, fixturePanel, readFixture } from './helpers';
import type { OperatorFixture } from './helpers';

const fx = readFixture<OperatorFixture>('operators.json');
const panel = fixturePanel(fx);
const expected = (formula: string): (number | null)[] => {
  const c = fx.cases.find((k) => k.formula === formula);
  assert.ok(c, `fixture case ${formula}`);
  return c.values;
};
const X = { name: 'x', type: 'series' as const };
const Y = { name: 'y', type: 'series' as const };
const D = { name: 'd', type: 'window' as const };

test('a scalar operator: typical price = vwap proxy', () => {
  registerOperator({
    name: 'u_typical',
    kind: 'elementwise',
    args: [X, Y, { name: 'z', type: 'series' }],
    description: '(x + y + z) / 3',
    scalar: (h, l, c) => (h + l + c) / 3,
  });
  assertClosePanel(evaluateFormula(panel, 'u_typical(high, low, close)'), expected('vwap'), panel.nAssets, 'u_typical');
});

test('a window operator gets complete windows oldest -> newest: a two-series range', () => {
  registerOperator({
    name: 'u_spread',
    kind: 'timeseries',
    args: [X, Y, D],
    description: 'max of x over the window minus min of y',
    window: ([hi, lo]) => Math.max(...hi) - Math.min(...lo),
  });
  const fx1 = expected('ts_max(high, 5)');
  const fx2 = expected('ts_min(low, 5)');
  const want = fx1.map((v, k) => (v === null || fx2[k] === null ? null : v - (fx2[k] as number)));
  assertClosePanel(evaluateFormula(panel, 'u_spread(high, low, 5)'), want, panel.nAssets, 'u_spread');
  // window functions see the window in time order: the last element is today
  registerOperator({ name: 'u_last', kind: 'timeseries', args: [X, D], description: 'today', window: ([w]) => w[w.length - 1] });
  registerOperator({ name: 'u_first', kind: 'timeseries', args: [X, D], description: 'd-1 rows back', window: ([w]) => w[0] });
  const close = fx.fields.close;
  const N = panel.nAssets;
  const lagged = expected('delay(close, 3)');
  const want3 = lagged.map((v, k) => {
    const t = Math.floor(k / N);
    if (t < 3) return null;
    for (let j = 0; j < 4; j++) if (close[k - j * N] === null) return null; // the whole window must be present
    return v;
  });
  assertClosePanel(evaluateFormula(panel, 'u_first(close, 4)'), want3, N, 'u_first');
  assertClosePanel(evaluateFormula(panel, 'u_last(close, 1)'), close, N, 'u_last');
});

test('a cross-section operator: rank by sorting', () => {
  registerOperator({
    name: 'u_rank',
    kind: 'crosssectional',
    args: [X],
    description: 'pct rank, ties averaged',
    crossSection: ([row], out) => {
      const vals = [...row].filter((v) => Number.isFinite(v));
      row.forEach((v, i) => {
        if (!Number.isFinite(v)) out[i] = NaN;
        else {
          const less = vals.filter((w) => w < v).length;
          const eq = vals.filter((w) => w === v).length;
          out[i] = (less + (eq + 1) / 2) / vals.length;
        }
      });
    },
  });
  assertClosePanel(evaluateFormula(panel, 'u_rank(close)'), expected('cs_rank(close)'), panel.nAssets, 'u_rank');
});

test('a macro operator expands into other operators and shares their canonical form', () => {
  registerOperator({
    name: 'u_mom',
    kind: 'timeseries',
    args: [X, D],
    description: 'x / delay(x, d) - 1',
    expand: ([x, d]) => ({ kind: 'call', op: 'ts_pct', args: [x, d] }),
  });
  assert.equal(canonicalFormula('u_mom(close, 5)'), canonicalFormula('ts_pct(close, 5)'));
  assertClosePanel(evaluateFormula(panel, 'u_mom(close, 5)'), expected('ts_pct(close, 5)'), panel.nAssets, 'u_mom');
});

test('registration errors: taken names, malformed definitions; replace is explicit and clears caches', () => {
  const reg = new OperatorRegistry();
  reg.register({ name: 'twice', kind: 'elementwise', args: [X], description: '2x', scalar: (v) => 2 * v });
  assert.throws(() => reg.register({ name: 'twice', kind: 'elementwise', args: [X], description: '', scalar: (v) => v }), AlphaFactoryError);
  assert.throws(() => registerOperator({ name: 'x', kind: 'elementwise', args: [X], description: '', aliases: ['Ref'], scalar: (v) => v }), /already registered/);
  assert.throws(() => reg.register({ name: '2bad', kind: 'elementwise', args: [X], description: '', scalar: (v) => v }), /identifier/);
  assert.throws(() => reg.register({ name: 'none', kind: 'elementwise', args: [X], description: '' }), /exactly one/);
  assert.throws(() => reg.register({ name: 'nowin', kind: 'timeseries', args: [X], description: '', window: () => 0 }), /window/);
  assert.throws(
    () => reg.register({ name: 'opt', kind: 'crosssectional', args: [{ name: 'a', type: 'constant', default: 1 }, X], description: '', crossSection: () => undefined }),
    /follows an optional/,
  );
  // a private registry: its operators are unknown to the default one
  assert.throws(() => parseFormula('twice(close)'), (e: unknown) => e instanceof AlphaFactoryError && e.code === 'unknown_operator');
  const ev = new FormulaEvaluator(panel, { registry: reg });
  const before = ev.evaluate('twice(close)');
  reg.register({ name: 'twice', kind: 'elementwise', args: [X], description: '3x now', scalar: (v) => 3 * v }, { replace: true });
  const after = ev.evaluate('twice(close)');
  assert.equal(after[8], 1.5 * before[8]);
});

test('listOperators describes kinds, arguments and aliases', () => {
  const ops = new Map(listOperators().map((o) => [o.name, o]));
  assert.equal(ops.get('cs_rank')?.kind, 'crosssectional');
  assert.equal(ops.get('ts_corr')?.kind, 'timeseries');
  assert.equal(ops.get('group_rank')?.kind, 'group');
  assert.equal(ops.get('add')?.kind, 'elementwise');
  assert.deepEqual(ops.get('ts_corr')?.args.map((a) => a.type), ['series', 'series', 'window']);
  assert.deepEqual(ops.get('delay')?.args.map((a) => a.type), ['series', 'lag']);
  assert.ok(ops.get('delay')?.aliases.includes('Ref'));
  assert.ok(ops.get('cs_rank')?.aliases.includes('rank'));
  assert.equal(ops.get('cs_rank')?.builtin, true);
  assert.equal(ops.get('u_rank')?.builtin, false);
});

test('the DSL README documents every built-in operator', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../src/alpha/dsl/README.md'), 'utf8');
  for (const op of listOperators().filter((o) => o.builtin)) assert.ok(readme.includes(`| \`${op.name}(`), `README lists ${op.name}`);
});
