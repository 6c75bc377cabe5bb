/**
 * The formula language: precedence and associativity (as stated in dsl/syntax.ts), literals,
 * aliases from Qlib / Alpha101 / AlphaForge, printing and round trips, canonical forms.
 * Expected trees are written by hand from the grammar, not produced by the parser.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { call, canonicalFormula, field, formatFormula, num, parseFormula, sameFormula } from '../../src/alpha';
import type { FormulaNode } from '../../src/alpha';
import { readFixture } from './helpers';
import type { OperatorFixture } from './helpers';

const FIELDS = ['open', 'high', 'low', 'close', 'volume', 'industry', 'a', 'b', 'c', 'd', 'e', 'f', 'x', 'y'];
const parse = (s: string): FormulaNode => parseFormula(s, { fields: FIELDS });
const [a, b, c, d, e, f, x] = ['a', 'b', 'c', 'd', 'e', 'f', 'x'].map(field);
const close = field('close');

function same(text: string, expected: FormulaNode): void {
  const got = parse(text);
  assert.ok(sameFormula(got, expected), `${text}: got ${formatFormula(got)}, expected ${formatFormula(expected)}`);
}

test('precedence: * / over + -, comparisons below arithmetic, && over ||, ternary loosest', () => {
  same('1 + 2 * 3', call('add', num(1), call('mul', num(2), num(3))));
  same('a / b * c', call('mul', call('div', a, b), c));
  same('a - b - c', call('sub', call('sub', a, b), c));
  same('a + b > c * d', call('gt', call('add', a, b), call('mul', c, d)));
  same('a || b && c', call('or', a, call('and', b, c)));
  same('a | b & c', call('or', a, call('and', b, c)));
  same('a > b ? c : d ? e : f', call('where', call('gt', a, b), c, call('where', d, e, f)));
  same('a ? b ? c : d : e', call('where', a, call('where', b, c, d), e));
  same('(a + b) * c', call('mul', call('add', a, b), c));
});

test('power binds tighter than unary minus and is right-associative; the exponent may be signed', () => {
  same('-x ^ 2', call('neg', call('pow', x, num(2))));
  same('(-x) ^ 2', call('pow', call('neg', x), num(2)));
  same('2 ^ 3 ^ 2', call('pow', num(2), call('pow', num(3), num(2))));
  same('x ** 2', call('pow', x, num(2)));
  same('x ^ -2', call('pow', x, num(-2)));
  same('a * -b', call('mul', a, call('neg', b)));
  same('!a', call('not', a));
  same('+a', a);
});

test('numeric literals: integers, decimals, leading/trailing dot, exponents; a minus folds into a literal', () => {
  same('.5 + 2. + 1e-3 + 2.5E+2', call('add', call('add', call('add', num(0.5), num(2)), num(0.001)), num(250)));
  same('-3', num(-3));
  same('-(3)', num(-3));
  same('delay(close, -21)', call('delay', close, num(-21)));
  same('delay(close, - 21)', call('delay', close, num(-21)));
});

test('the issue examples parse', () => {
  same('-(close / delay(close, 10) - 1)', call('neg', call('sub', call('div', close, call('delay', close, num(10))), num(1))));
  same('cs_rank(volume) > 0.5 ? close : open', call('where', call('gt', call('cs_rank', field('volume')), num(0.5)), close, field('open')));
  same('x ^ 2', call('pow', x, num(2)));
});

test('aliases: Qlib $fields and operators, Alpha101 names, AlphaForge names resolve to canonical operators', () => {
  same('Ref($close, 5)', call('delay', close, num(5)));
  same('Ref($vwap, -21) / Ref($vwap, -1) - 1', call('sub', call('div', call('delay', field('vwap'), num(-21)), call('delay', field('vwap'), num(-1))), num(1)));
  same('Mean($close, 5)', call('ts_mean', close, num(5)));
  same('Std($close, 5)', call('ts_std', close, num(5)));
  same('Greater($close, $open)', call('max2', close, field('open')));
  same('Less($close, $open)', call('min2', close, field('open')));
  same('IdxMax($high, 5)', call('ts_argmax', field('high'), num(5)));
  same('Rank($close, 5)', call('ts_rank', close, num(5))); // Qlib's Rank is a rolling rank ...
  same('rank(close)', call('cs_rank', close)); // ... Alpha101's rank is cross-sectional
  same('Ts_Rank(close, 5)', call('ts_rank', close, num(5)));
  same('correlation(open, volume, 10)', call('ts_corr', field('open'), field('volume'), num(10)));
  same('decay_linear(close, 4)', call('ts_wma', close, num(4)));
  same('SignedPower(x, 2)', call('signed_power', x, num(2)));
  same('IndNeutralize(close, IndClass.industry)', call('group_neutralize', close, field('industry')));
  same('adv20', call('adv', num(20)));
  same('scale(x)', call('cs_scale', x, num(1))); // default argument filled in
  same('S_log1p(Inv(x))', call('slog1p', call('inv', x)));
  same('ts_pctchange(close, 3)', call('ts_pct', close, num(3)));
  same('ts_med(close, 3)', call('ts_median', close, num(3)));
  same('If(a > b, c, d)', call('where', call('gt', a, b), c, d));
});

test('fractional windows are floored (Alpha101 convention)', () => {
  same('ts_max(close, 2.7)', call('ts_max', close, num(2)));
  same('correlation(open, volume, 6.17)', call('ts_corr', field('open'), field('volume'), num(6)));
});

const ROUND_TRIP = [
  'a - (b - c)', 'a - b - c', '(a - b) * c', 'a / (b * c)', 'a ^ (b ^ c)', '(a ^ b) ^ c', '-(a + b)', '-a ^ 2',
  '(-a) ^ 2', '(-2) ^ 2', 'a - -1', '-(-a)', '(a > b) > c', 'a > (b > c)', '(a ? b : c) ? d : e', 'a ? b : (c ? d : e)',
  'a || b && c', '(a || b) && c', '!(a > b)', 'x ^ -2', 'ts_mean(a + b, 5) * -1', '-1 * x', 'delay(close, -21) / close - 1',
];

test('printing: fewest parentheses, and parse(format(t)) == t', () => {
  const fx = readFixture<OperatorFixture>('operators.json');
  for (const s of [...ROUND_TRIP, ...fx.cases.map((k) => k.formula)]) {
    const t = parse(s);
    const printed = formatFormula(t);
    assert.ok(sameFormula(parse(printed), t), `${s} printed as ${printed} does not parse back`);
  }
  assert.equal(formatFormula(parse('((a + b)) * (c)')), '(a + b) * c');
  assert.equal(formatFormula(parse('a - (b + c)')), 'a - (b + c)');
  assert.equal(formatFormula(parse('(a - b) + c')), 'a - b + c');
  assert.equal(formatFormula(parse('Ref($close,1)')), 'delay(close, 1)');
  assert.equal(formatFormula(parse('(returns < 0) ? stddev(returns, 20) : close')), 'returns < 0 ? ts_std(returns, 20) : close');
});

test('canonical form: same text for formulas that differ only in spelling', () => {
  const eq = (p: string, q: string): void =>
    assert.equal(canonicalFormula(p, { fields: FIELDS }), canonicalFormula(q, { fields: FIELDS }), `${p} vs ${q}`);
  eq('close + open', 'open + close');
  eq('a + (b + c)', '(c + a) + b');
  eq('a * b * c', 'c * (b * a)');
  eq('Ref($close, 1)', 'delay(close, 1)');
  eq('-1 * x', '-x');
  eq('x * -1', '-(x)');
  eq('--x', 'x');
  eq('a < b', 'b > a');
  eq('a <= b', 'b >= a');
  eq('a == b', 'b == a');
  eq('correlation(x, y, 5)', 'Corr(y, x, 5)');
  eq('adv20', 'ts_mean(volume, 20)');
  eq('scale(x)', 'cs_scale(x, 1)');
  eq('Greater(a, b)', 'max2(b, a)');
  eq('ts_div(x, 5)', 'x / ts_mean(x, 5)');
  const ne = (p: string, q: string): void =>
    assert.notEqual(canonicalFormula(p, { fields: FIELDS }), canonicalFormula(q, { fields: FIELDS }), `${p} vs ${q}`);
  ne('a - b', 'b - a');
  ne('a / b', 'b / a');
  ne('delay(x, 1)', 'delay(x, 2)');
  ne('ts_corr(x, y, 5)', 'ts_corr(x, y, 6)');
  ne('ts_cov(x, delay(y, 1), 5)', 'ts_cov(delay(x, 1), y, 5)');
  ne('a > b', 'a >= b');
  ne('rank(x)', 'Rank(x, 5)');
});
