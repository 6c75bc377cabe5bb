/**
 * Bad formulas raise AlphaFactoryError with a code and the 0-based position of the culprit
 * (counted by hand below), never a raw TypeError or a silent NaN.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AlphaFactoryError } from '../../src/errors';
import { Panel } from '../../src/data/panel';
import { evaluateFormula, parseFormula } from '../../src/alpha';

function fails(formula: string, code: string, position: number, message?: RegExp, run: () => unknown = () => parseFormula(formula)): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof AlphaFactoryError, `${formula}: ${String(err)}`);
    assert.equal(err.code, code, `${formula}: code (${err.message})`);
    assert.equal(err.location.position, position, `${formula}: position (${err.message})`);
    assert.equal(err.location.formula, formula);
    if (message) assert.match(err.message, message);
    return true;
  });
}

test('syntax errors point at the offending character', () => {
  fails('close +', 'formula_syntax', 7, /end of the formula/);
  fails('(close', 'formula_syntax', 6, /expected "\)"/);
  fails('close )', 'formula_syntax', 6, /unbalanced/);
  fails('close = open', 'formula_syntax', 6, /==/);
  fails('close # 2', 'formula_syntax', 6, /unexpected character "#"/);
  fails('ts_mean(close 5)', 'formula_syntax', 14, /"," or "\)"/);
  fails('a > b ? close', 'formula_syntax', 13, /":"/);
  fails('2x', 'formula_syntax', 1);
  fails('', 'formula_syntax', 0);
  fails('$', 'formula_syntax', 0);
});

test('unknown operators and fields are named, with a suggestion', () => {
  fails('1 + ts_meen(close, 5)', 'unknown_operator', 4, /"ts_meen".*did you mean "ts_mean"/);
  fails('close / clsoe', 'unknown_field', 8, /"clsoe".*did you mean "close"/);
  fails('rank(pe_ratio)', 'unknown_field', 5);
  fails('close(1)', 'unknown_operator', 0, /is a field/);
});

test('wrong arity names the signature', () => {
  fails('ts_mean(close)', 'arity', 0, /ts_mean takes 2 arguments, ts_mean\(x, d\); got 1/);
  fails('abs(close, open)', 'arity', 0, /takes 1 argument/);
  fails('scale(close, 1, 2)', 'arity', 0, /1 to 2/);
  fails('Ref($close)', 'arity', 0, /alias of delay/);
});

test('windows: literal numbers only, >= 1 (>= 2 for std/var/corr/cov, 3 skew, 4 kurt)', () => {
  fails('ts_mean(close, 0)', 'window', 15, /window of ts_mean must be >= 1, got 0/);
  fails('ts_sum(close, -3)', 'window', 14);
  fails('ts_std(close, 1)', 'window', 14, />= 2/);
  fails('ts_corr(close, open, 1)', 'window', 21);
  fails('ts_skew(close, 2)', 'window', 15, />= 3/);
  fails('ts_kurt(close, 3)', 'window', 15, />= 4/);
  fails('ts_mean(close, volume)', 'window', 15, /must be a number/);
  fails('delay(close, 1 + 1)', 'window', 13, /must be a number/);
  fails('ts_quantile(close, 5, 1.5)', 'constant', 22, /<= 1/);
});

test('the formula language never runs JavaScript', () => {
  fails('constructor.constructor("return process")()', 'formula_syntax', 24);
  fails('__proto__', 'unknown_field', 0);
  fails('toString(close)', 'unknown_operator', 0);
  fails('hasOwnProperty(close)', 'unknown_operator', 0);
});

test('evaluation on a panel: missing fields are reported at their position; derived fields need their inputs', () => {
  const panel = new Panel({
    dates: ['2020-01-01', '2020-01-02'],
    assets: ['A', 'B'],
    fields: { close: new Float64Array([1, 2, 3, 4]), volume: new Float64Array([5, 6, 7, 8]) },
  });
  fails('close + open', 'unknown_field', 8, /"open"/, () => evaluateFormula(panel, 'close + open'));
  fails('close - vwap', 'unknown_field', 8, /high, low/, () => evaluateFormula(panel, 'close - vwap'));
  // a panel that carries vwap uses it instead of the proxy
  const withVwap = panel.withField('vwap', new Float64Array([9, 9, 9, 9]));
  assert.deepEqual([...evaluateFormula(withVwap, 'vwap - close')], [8, 7, 6, 5]);
  // returns are derived from close: close/delay(close,1)-1 = [NaN, NaN, 3/1-1, 4/2-1]
  const r = evaluateFormula(panel, 'returns');
  assert.ok(Number.isNaN(r[0]) && Number.isNaN(r[1]));
  assert.deepEqual([...r.subarray(2)], [2, 1]);
});
