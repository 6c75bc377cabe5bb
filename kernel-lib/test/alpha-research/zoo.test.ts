/**
 * Factor zoo: AlphaForge admission thresholds (exact), add-alpha economics and the
 * fundamental law against the reference's worked numbers, statuses, search, persistence
 * round trip (Arrow + JSON) and the payload schema.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  addAlphaEconomics,
  checkAdmission,
  FactorZoo,
  finiteRatio,
  loadZoo,
  portfolioIR,
  saveZoo,
  seriesCorrelation,
  uniqueness,
  zooEntryFromFactor,
  ZOO_SERIES,
} from '../../src/alpha/zoo';
import { evaluateFactor, forwardReturnFromPrices } from '../../src/alpha/metrics';
import { validateFactor } from '../../src/alpha/gate';
import { arr, readFixture, schemaValidator } from './helpers';

const ok = { ic: 0.05, icir: 0.5, finiteRatio: 0.95, uniqueness: 0.5, maxCorrelation: 0.1 };

test('fundamental law reproduces the reference IR examples', () => {
  assert.ok(Math.abs(portfolioIR([0.1]) - 0.1) < 1e-15);
  assert.ok(Math.abs(portfolioIR(new Array(100).fill(0.02)) - 0.2) < 1e-12);
  assert.ok(Math.abs(portfolioIR(new Array(10000).fill(0.005)) - 0.5) < 1e-12);
  assert.ok(Math.abs(0.1 * Math.sqrt(1000) - 3.1622776601683795) < 1e-12);
});

test('add-alpha economics: effective IC, combined IR, net gain (closed form)', () => {
  // IR 0.8, IC 0.5, rho 0.2: effIC 0.4, combined sqrt(0.8) = 0.894427191, net 0.084427191 -> add
  const a = addAlphaEconomics({ ic: 0.5, correlation: 0.2, currentIR: 0.8 });
  assert.ok(Math.abs(a.effectiveIC - 0.4) < 1e-15);
  assert.ok(Math.abs(a.combinedIR - 0.894427190999916) < 1e-12);
  assert.ok(Math.abs(a.net - 0.084427190999916) < 1e-12);
  assert.equal(a.add, true);
  // IC 0.1, rho 0.5: effIC 0.05, combined sqrt(0.6425) = 0.80156097709, improvement 0.00156 < cost -> reject
  const b = addAlphaEconomics({ ic: 0.1, correlation: 0.5, currentIR: 0.8 });
  assert.ok(Math.abs(b.combinedIR - 0.8015609770940699) < 1e-12);
  assert.equal(b.add, false);
});

test('AlphaForge admission fires exactly at its thresholds', () => {
  assert.equal(checkAdmission(ok).admitted, true);
  assert.equal(checkAdmission({ ...ok, ic: 0.03 }).admitted, false, '|IC| must exceed 0.03');
  assert.equal(checkAdmission({ ...ok, ic: -0.031 }).admitted, true, 'negative IC counts by magnitude');
  assert.equal(checkAdmission({ ...ok, icir: 0.1 }).admitted, true);
  assert.equal(checkAdmission({ ...ok, icir: 0.0999 }).admitted, false);
  assert.equal(checkAdmission({ ...ok, finiteRatio: 0.8 }).admitted, true);
  assert.equal(checkAdmission({ ...ok, finiteRatio: 0.7999 }).admitted, false);
  assert.equal(checkAdmission({ ...ok, uniqueness: 0.01 }).admitted, true);
  assert.equal(checkAdmission({ ...ok, uniqueness: 0.0099 }).admitted, false);
  assert.equal(checkAdmission({ ...ok, maxCorrelation: 0.7 }).admitted, true);
  const r = checkAdmission({ ...ok, maxCorrelation: 0.7001, closestMember: 'abc' });
  assert.equal(r.admitted, false);
  assert.match(r.reasons[0], /correlation 0\.7001 \(with abc\) > 0\.7/);
  assert.equal(checkAdmission({ ...ok, ic: NaN }).admitted, false);
});

test('finite ratio, uniqueness and series correlation (closed form)', () => {
  const label = Float64Array.from([1, 2, NaN, 4, 5]);
  const f = Float64Array.from([1, NaN, 3, 3, 3]);
  assert.equal(finiteRatio(f, label), 3 / 4);
  assert.equal(uniqueness(f), 2 / 4);
  const a = [1, 2, 3, NaN, 5];
  assert.ok(Math.abs(seriesCorrelation(a, [3, 5, 7, 1, 11]) - 1) < 1e-15);
  assert.ok(Math.abs(seriesCorrelation(a, [-1, -2, -3, 0, -5]) + 1) < 1e-15);
});

interface Case {
  name: string;
  nDates: number;
  nAssets: number;
  horizon: number;
  factor: (number | null)[];
  close: (number | null)[];
  other?: (number | null)[];
}
const fx = readFixture<{ cases: Case[] }>('metrics.json');
const real = fx.cases.find((c) => c.other)!;
const dates = Array.from({ length: real.nDates }, (_, t) => `2013-01-${String(1 + (t % 28)).padStart(2, '0')}#${t}`);

function buildZoo(): FactorZoo {
  const N = real.nAssets;
  const label = forwardReturnFromPrices(arr(real.close), N, real.horizon);
  const zoo = new FactorZoo(dates);
  const rev = zooEntryFromFactor('-(close / delay(close, 10) - 1)', arr(real.factor), label, N, {
    name: 'reversal10',
    tags: ['reversal'],
    provenance: { seed: 7, source: 'manual', createdAt: '2026-01-01T00:00:00Z' },
  });
  zoo.add({ ...rev, status: 'active' });
  const mom = zooEntryFromFactor('close / delay(close, 5) - 1', arr(real.other!), label, N, { name: 'momentum5', tags: ['momentum'] });
  zoo.add(mom);
  return zoo;
}

test('zoo: duplicates refused by canonical formula, statuses, search', () => {
  const zoo = buildZoo();
  assert.equal(zoo.size, 2);
  assert.throws(
    () => zoo.add({ formula: '-(close/delay(close,10)-1)', metrics: zoo.list()[0].metrics }),
    /already holds this formula/,
  );
  const rev = zoo.findFormula('-( close / delay(close, 10) - 1 )')!;
  assert.equal(rev.name, 'reversal10');
  assert.equal(zoo.search({ status: 'active' }).length, 1);
  assert.equal(zoo.search({ text: 'MOMENTUM' })[0].name, 'momentum5');
  assert.equal(zoo.search({ tag: 'reversal' })[0].id, rev.id);
  zoo.setStatus(rev.id, 'decaying', 'rolling Sharpe < 0.5', '2026-02-01');
  zoo.setStatus(rev.id, 'retired', 'expired', '2026-03-01');
  assert.deepEqual(zoo.counts(), { candidate: 1, active: 0, decaying: 0, retired: 1 });
  assert.deepEqual(rev.history.map((h) => h.to), ['active', 'decaying', 'retired']);
  assert.throws(() => zoo.setStatus(rev.id, 'zombie' as never, 'x'), /unknown factor status/);
  assert.throws(() => zoo.get('nope'), /no factor "nope"/);
});

test('zoo: consider() rejects a candidate whose factor-return series copies a member', () => {
  const zoo = buildZoo();
  const N = real.nAssets;
  const label = forwardReturnFromPrices(arr(real.close), N, real.horizon);
  // 2 x reversal + 1 has the same daily factor-return series up to scale: |corr| = 1
  const scaled = arr(real.factor).map((v) => 2 * v + 1);
  const cand = zooEntryFromFactor('2 * -(close / delay(close, 10) - 1) + 1', scaled, label, N);
  const r = zoo.consider({ ...cand, metrics: { ...cand.metrics, ic: 0.05, icir: 0.5 } });
  assert.equal(r.admitted, false);
  assert.ok(Math.abs(r.maxCorrelation - 1) < 1e-9);
  assert.equal(r.closestMember, zoo.findFormula('-(close / delay(close, 10) - 1)')!.id);
});

test('zoo: save to an experiment folder (Arrow + JSON) and load back unchanged', () => {
  const zoo = buildZoo();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoo-'));
  try {
    const files = saveZoo(zoo, dir);
    assert.ok(fs.existsSync(files.json) && fs.existsSync(path.join(dir, ZOO_SERIES)));
    const back = loadZoo(dir);
    assert.deepEqual(back.dates, zoo.dates);
    for (const e of zoo.list()) {
      const b = back.get(e.id);
      assert.deepEqual(b, e);
      const s0 = zoo.series(e.id)!;
      const s1 = back.series(e.id)!;
      assert.deepEqual(Array.from(s1.rankIC), Array.from(s0.rankIC));
      assert.deepEqual(Array.from(s1.factorReturn), Array.from(s0.factorReturn));
    }
    assert.throws(() => loadZoo(path.join(dir, 'missing')), /no zoo.json/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('zoo and factor-report payloads validate against their schemas', () => {
  const zoo = buildZoo();
  schemaValidator('zoo.v1.schema.json')(zoo.toPayload());
  assert.match(zoo.toString(), /FactorZoo: 2 factors/);
  const N = real.nAssets;
  const label = forwardReturnFromPrices(arr(real.close), N, real.horizon);
  const rep = evaluateFactor(arr(real.factor), label, N, { horizon: real.horizon, name: 'reversal10', dates });
  rep.gate = validateFactor({ ic: rep.ic.mean, tStat: rep.ic.tStat, grossReturn: 0.001, costDrag: 0.0001 }).toJSON();
  const p = rep.toPayload();
  schemaValidator('factor-report.v1.schema.json')(p);
  assert.equal(p.gate?.pass, false);
});
