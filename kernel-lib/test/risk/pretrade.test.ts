import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as risk from '../../src/risk';
import { AlphaFactoryError } from '../../src/errors';
import { schemaValidator } from './helpers';

const CAP = 1_000_000;
const order = (o: Partial<risk.Order> = {}): risk.Order => ({ strategy: 'a', symbol: 'BTC', side: 'buy', quantity: 1, price: 10_000, ...o });
const empty = (): risk.PortfolioState => ({ totalExposure: 0, strategyExposures: {}, strategyPositions: {}, correlatedGroups: [] });


describe('PreTradeRiskManager', () => {
  it('approves a small order and logs it', () => {
    const m = new risk.PreTradeRiskManager(CAP, {}, new risk.ManualClock('2024-03-04T10:00:00Z').clock);
    assert.deepEqual(m.validateOrder(order(), empty()), { approved: true });
    assert.equal(m.auditLog[0].type, 'APPROVED');
  });

  it('total exposure projected to 0.81 is rejected with reason "total exposure"', () => {
    const m = new risk.PreTradeRiskManager(CAP);
    const s = { ...empty(), totalExposure: 800_000 };
    const d = m.validateOrder(order({ quantity: 1 }), s);
    assert.equal(d.approved, false);
    assert.equal(d.failedCheck, 'total_exposure');
    assert.match(d.reason!, /total exposure 81\.00% > 80\.00%/);
    // exactly at the limit passes (projected > limit rejects)
    assert.equal(m.validateOrder(order({ quantity: 1 }), { ...empty(), totalExposure: 790_000 }).approved, true);
  });

  it('checks run in the documented order: the first failing check is reported', () => {
    const clock = new risk.ManualClock('2024-03-06T10:00:00Z'); // a Wednesday
    const m = new risk.PreTradeRiskManager(CAP, {}, clock.clock);
    const s: risk.PortfolioState = {
      totalExposure: 500_000,
      strategyExposures: { a: 295_000, b: 200_000 },
      strategyPositions: { a: { BTC: 195_000 }, b: { BTC: 10_000 } },
      correlatedGroups: [['a', 'b']],
    };
    // strategy: (295k + 10k)/1M = 0.305 > 0.30
    assert.equal(m.validateOrder(order(), s).failedCheck, 'strategy_exposure');
    s.strategyExposures.a = 280_000;
    // asset: 195k + 10k + 10k = 0.215 > 0.20
    assert.equal(m.validateOrder(order(), s).failedCheck, 'asset_exposure');
    s.strategyPositions!.a.BTC = 100_000;
    // correlated group: 280k + 200k + 10k = 0.49 -> passes; raise b
    assert.equal(m.validateOrder(order(), s).approved, true);
    s.strategyExposures.b = 215_000;
    assert.equal(m.validateOrder(order(), s).failedCheck, 'correlated_exposure');
    // weekly loss: 2.5% on Monday + 2.5% Tuesday + 2% Wednesday = 7% this week (daily 2% < 3%)
    const m2 = new risk.PreTradeRiskManager(CAP, {}, clock.clock);
    clock.set('2024-03-04T12:00:00Z');
    m2.recordPnl(-25_000);
    clock.set('2024-03-05T12:00:00Z');
    m2.recordPnl(-25_000);
    clock.set('2024-03-06T12:00:00Z');
    m2.recordPnl(-19_999);
    assert.equal(m2.validateOrder(order(), empty()).approved, true);
    m2.recordPnl(-1);
    assert.equal(m2.validateOrder(order(), empty()).failedCheck, 'weekly_loss');
    // next Monday the weekly window restarts
    clock.set('2024-03-11T09:00:00Z');
    assert.equal(m2.validateOrder(order(), empty()).approved, true);
  });

  it('a daily loss of 3% rejects every order until the next UTC day', () => {
    const clock = new risk.ManualClock('2024-03-04T10:00:00Z');
    const m = new risk.PreTradeRiskManager(CAP, {}, clock.clock);
    m.recordPnl(-30_000);
    const d = m.validateOrder(order({ quantity: 0.001 }), empty());
    assert.equal(d.failedCheck, 'daily_loss');
    clock.set('2024-03-05T00:00:01Z');
    assert.equal(m.validateOrder(order(), empty()).approved, true);
  });

  it('a 10% cumulative loss latches the emergency stop until an explicit reset', () => {
    const clock = new risk.ManualClock('2024-03-04T10:00:00Z');
    const m = new risk.PreTradeRiskManager(CAP, {}, clock.clock);
    for (let day = 0; day < 5; day++) {
      m.recordPnl(-20_000);
      clock.advanceDays(1);
    }
    assert.equal(m.emergencyStopped, true);
    clock.advanceDays(30);
    const d = m.validateOrder(order(), empty());
    assert.equal(d.failedCheck, 'emergency_stop');
    assert.equal(m.auditLog.at(-1)!.type, 'BLOCKED');
    assert.ok(m.auditLog.some((e) => e.type === 'EMERGENCY_STOP'));
    assert.throws(() => m.reset(''), AlphaFactoryError);
    m.reset('reviewed by risk desk');
    assert.equal(m.validateOrder(order(), empty()).approved, true);
    assert.deepEqual(m.auditLog.map((e) => e.type).slice(-2), ['RESET', 'APPROVED']);
  });

  it('net gains offset losses for the emergency stop (the reference counted gross losses)', () => {
    const m = new risk.PreTradeRiskManager(CAP);
    m.recordPnl(-60_000);
    m.recordPnl(+50_000);
    m.recordPnl(-60_000);
    assert.equal(m.emergencyStopped, false); // net loss 7%
  });

  it('kill switch blocks one strategy; bad orders and limits are typed errors', () => {
    const m = new risk.PreTradeRiskManager(CAP);
    m.kill('a', 'manual');
    assert.equal(m.validateOrder(order(), empty()).failedCheck, 'kill_switch');
    assert.equal(m.validateOrder(order({ strategy: 'b' }), empty()).approved, true);
    assert.throws(() => m.validateOrder(order({ quantity: -1 }), empty()), AlphaFactoryError);
    assert.throws(() => new risk.PreTradeRiskManager(CAP, { maxTotalExposure: 1.5 }), AlphaFactoryError);
  });

  it('utilisation and the risk-limits payload validate against the schema', () => {
    const clock = new risk.ManualClock('2024-03-04T10:00:00Z');
    const m = new risk.PreTradeRiskManager(CAP, {}, clock.clock);
    m.recordPnl(-15_000);
    const s: risk.PortfolioState = { totalExposure: 400_000, strategyExposures: { a: 250_000, b: 150_000 }, strategyPositions: { a: { BTC: 120_000 } }, correlatedGroups: [['a', 'b']] };
    const u = Object.fromEntries(m.utilisation(s).map((x) => [x.name, x]));
    assert.equal(u.total_exposure.value, 0.4);
    assert.equal(u.total_exposure.utilisation, 0.5);
    assert.equal(u.daily_loss.value, 0.015);
    assert.equal(u.correlated_exposure.value, 0.4);
    m.validateOrder(order(), s);
    schemaValidator('risk-limits.v1.schema.json')(m.toPayload(s));
    // show(x) calls toPayload() without arguments: the last book checked is used
    assert.equal(m.toPayload().limits[0].value, 0.4);
    schemaValidator('risk-limits.v1.schema.json')(new risk.PreTradeRiskManager(CAP).toPayload());
  });
});

describe('correlated groups and order netting', () => {
  it('groups strategies at corr >= 0.7 as connected components', () => {
    const c = [1, 0.8, 0.1, 0.8, 1, 0.2, 0.1, 0.2, 1];
    assert.deepEqual(risk.correlatedGroups(['x', 'y', 'z'], c), [['x', 'y']]);
    assert.deepEqual(risk.correlatedGroups(['x', 'y', 'z'], c, 0.81), []);
  });
  it('buy 1 + sell 1 -> nothing; buy 3 + sell 1 -> one buy of 2; net sell on the sell side', () => {
    const o = (strategy: string, side: 'buy' | 'sell', quantity: number): risk.Order => ({ strategy, symbol: 'BTC', side, quantity, price: 100 });
    const [c1] = risk.detectConflicts([o('a', 'buy', 1), o('b', 'sell', 1)]);
    assert.deepEqual(risk.resolveConflict(c1), []);
    const [c2] = risk.detectConflicts([o('a', 'buy', 3), o('b', 'sell', 1)]);
    const r2 = risk.resolveConflict(c2);
    assert.equal(r2.length, 1);
    assert.equal(r2[0].side, 'buy');
    assert.equal(r2[0].quantity, 2);
    // the sell-side strategy has the top priority but the net is a buy: the buy side must trade
    const r3 = risk.resolveConflict(c2, { b: 10, a: 1 });
    assert.equal(r3[0].side, 'buy');
    assert.equal(r3[0].strategy, 'a');
    const [c4] = risk.detectConflicts([o('a', 'buy', 1), o('b', 'sell', 2), o('c', 'sell', 2)]);
    const r4 = risk.resolveConflict(c4);
    assert.equal(r4[0].side, 'sell');
    assert.equal(r4[0].quantity, 3);
    assert.deepEqual(r4[0].attribution, { b: 1.5, c: 1.5 });
    assert.equal(risk.netOrders([o('a', 'buy', 1), { ...o('a', 'buy', 2), symbol: 'ETH' }]).length, 2);
  });
});
