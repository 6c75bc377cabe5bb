/**
 * Kill switch: health figures against empyrical/numpy/scipy (scripts/fixtures/alpha_killswitch.py),
 * thresholds firing at their defaults, gradual ramp-down, audit log and zoo retirement.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assessHealth, KillSwitch, type MonitoredAlpha } from '../../src/alpha/killswitch';
import { FactorZoo } from '../../src/alpha/zoo';
import { assertNum, readFixture } from './helpers';

interface Fx {
  window: number;
  expectedSharpe: number;
  series: Record<string, number[]>;
  expected: Record<string, { sharpe: number; drawdown: number; maxCorrelation: number; pValue: number }>;
}
const fx = readFixture<Fx>('killswitch.json');
const alphas = (): MonitoredAlpha[] =>
  Object.entries(fx.series).map(([id, r]) => ({ id, returns: Float64Array.from(r), expectedSharpe: fx.expectedSharpe }));
const T = fx.series.A.length;

test('health figures match empyrical Sharpe / max drawdown, numpy corr, scipy p-value', () => {
  const reps = assessHealth(alphas(), T - 1);
  for (const r of reps) {
    const e = fx.expected[r.id];
    assertNum(r.sharpe, e.sharpe, 1e-9, `${r.id} sharpe`);
    assertNum(r.drawdown, e.drawdown, 1e-12, `${r.id} drawdown`);
    assertNum(r.maxCorrelation, e.maxCorrelation, 1e-9, `${r.id} corr`);
    assertNum(r.pValue, e.pValue, 1e-9, `${r.id} p`);
  }
  const by = Object.fromEntries(reps.map((r) => [r.id, r.reasons]));
  assert.deepEqual(by.A, ['correlation_spike']);
  assert.deepEqual(by.B, ['low_sharpe']); // Sharpe -1.10 < 0.5 but p = 0.186 >= 0.05
  assert.deepEqual(by.C, ['correlation_spike']);
  assert.deepEqual(by.D, ['low_sharpe', 'high_drawdown', 'underperformance']);
});

test('thresholds are the reference defaults and fire exactly at them', () => {
  const e = fx.expected;
  const at = (th: object) => Object.fromEntries(assessHealth(alphas(), T - 1, undefined, th).map((r) => [r.id, r.reasons]));
  // drawdown of D is 24.99%: limit just above passes, just below fires
  assert.ok(!at({ maxDrawdown: -e.D.drawdown + 1e-12 }).D.includes('high_drawdown'));
  assert.ok(at({ maxDrawdown: -e.D.drawdown - 1e-12 }).D.includes('high_drawdown'));
  assert.ok(!at({ maxCorrelation: e.A.maxCorrelation }).A.includes('correlation_spike'));
  assert.ok(at({ minSharpe: e.A.sharpe + 1e-9 }).A.includes('low_sharpe'));
  assert.ok(!at({ significance: e.D.pValue - 1e-12 }).D.includes('underperformance'));
  assert.ok(at({ significance: e.D.pValue + 1e-12 }).D.includes('underperformance'));
  const exp = assessHealth([{ id: 'X', returns: Float64Array.from(fx.series.A), expiresAt: '2024-06-30' }], T - 1, '2024-06-30');
  assert.deepEqual(exp[0].reasons, ['expired']);
});

test('kill switch ramps weights down gradually, retires, logs and updates the zoo', () => {
  const zoo = new FactorZoo();
  const m = { ic: 0.05, icir: 0.5, rankIC: 0.05, rankICIR: 0.5, tStat: 3, turnover: 0.2 };
  const ids: Record<string, string> = {};
  for (const id of Object.keys(fx.series)) ids[id] = zoo.add({ formula: `alpha_${id}`, metrics: m, status: 'active' }).id;
  const monitored = alphas().map((a) => ({ ...a, id: ids[a.id] }));
  const alerts: string[] = [];
  const ks = new KillSwitch({ rampDays: 4, zoo, onAlert: (s) => alerts.push(s), thresholds: { maxCorrelation: 0.999 } });
  const mult = ks.run(monitored, T - 1, T - 1 + 0, undefined);
  // D is killed on the last date: multiplier 1 - 1/4
  const jD = Object.keys(fx.series).indexOf('D');
  assert.equal(mult[(T - 1) * monitored.length + jD], 0.75);
  assert.equal(ks.multiplier(ids.D, T), 0.5);
  assert.equal(ks.multiplier(ids.D, T + 2), 0);
  assert.equal(zoo.get(ids.D).status, 'decaying');
  // keep stepping with the same data: retirement after the ramp
  for (let t = T; t <= T + 2; t++) ks.step(monitored.map((a) => ({ ...a, returns: Float64Array.from([...a.returns, ...new Array(t - T + 1).fill(0.001)]) })), t, `d${t}`);
  assert.equal(ks.isRetired(ids.D), true);
  assert.equal(zoo.get(ids.D).status, 'retired');
  const entries = ks.auditLog.filter((e) => e.id === ids.D);
  assert.deepEqual(entries.map((e) => e.action), ['kill', 'retire']);
  assert.deepEqual(entries[0].reasons, ['low_sharpe', 'high_drawdown', 'underperformance']);
  assert.ok(alerts.some((s) => s.includes('retired')));
  assert.match(zoo.get(ids.D).history.at(-1)!.reason, /kill switch: low_sharpe, high_drawdown, underperformance/);
});
