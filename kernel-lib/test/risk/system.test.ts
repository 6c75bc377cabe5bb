import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as ops from '../../src/ops';
import { ManualClock } from '../../src/risk/clock';

const EXAMPLE = path.resolve(__dirname, '../../../test/fixtures/risk/ops-config.example.yaml');

describe('MultiStrategySystem (simulated)', () => {
  it('wires risk checks, alerts, Prometheus metrics, lifecycle and the daily report', () => {
    const clock = new ManualClock('2024-03-04T09:00:00Z');
    const sent: ops.ChannelRequest[] = [];
    const sys = new ops.MultiStrategySystem(ops.loadOpsConfig(EXAMPLE), clock.clock, (r) => sent.push(r));
    assert.equal(sys.strategies.size, 5);
    assert.equal(sys.strategies.get('btc_momentum')!.allocatedCapital, 25_000_000);
    const buy = { strategy: 'btc_momentum', symbol: 'BTC/KRW', side: 'buy' as const, quantity: 0.2, price: 50_000_000 };
    assert.equal(sys.submit(buy).approved, false); // not started: blocked
    sys.start();
    assert.equal(sys.submit(buy).approved, true); // 10M of 100M
    // 0.21 more would take the strategy to 20.5 % but the asset to 20.5 % > 20 %
    const d = sys.submit({ ...buy, quantity: 0.21 });
    assert.equal(d.failedCheck, 'asset_exposure');
    // a loss of 3 % of capital in a day stops new orders that day
    clock.set('2024-03-04T16:00:00Z');
    sys.endOfDay({ btc_momentum: -3_000_000 });
    assert.equal(sys.submit({ ...buy, quantity: 0.01 }).failedCheck, 'daily_loss');
    // five more losing days: emergency stop at -10 % net, a critical alert to both channels
    let alerts: ops.Alert[] = [];
    for (let k = 0; k < 7; k++) {
      clock.advanceDays(1);
      alerts = alerts.concat(sys.endOfDay({ btc_momentum: -1_000_000 }));
    }
    assert.equal(sys.risk.emergencyStopped, true);
    assert.ok(alerts.some((a) => a.strategy === 'SYSTEM' && a.level === 'critical'));
    assert.ok(alerts.some((a) => a.strategy === 'btc_momentum' && /drawdown warning/.test(a.message)));
    assert.ok(sent.some((r) => r.channel === 'telegram_alerts') && sent.some((r) => r.channel === 'discord_trading'));
    assert.equal(sys.submit({ ...buy, quantity: 0.01 }).failedCheck, 'emergency_stop');
    const text = sys.exporter.expose();
    for (const name of ['strategy_pnl_total', 'strategy_exposure_ratio', 'strategy_drawdown', 'strategy_allocation_ratio', 'strategy_orders_total', 'risk_events_total', 'order_latency_seconds']) {
      assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'));
    }
    assert.match(text, /strategy_orders_total\{strategy="btc_momentum",side="buy",status="rejected"\} 2/);
    assert.match(text, /strategy_pnl_total\{strategy="btc_momentum"\} -10000000/);
    const rep = sys.dailyReport();
    assert.equal(rep.totalPnl, -10_000_000);
    assert.equal(rep.strategies.length, 5);
    // lifecycle: DEVELOPMENT never moves automatically; heartbeats older than 24 h are issues
    assert.deepEqual(sys.evaluateLifecycle(), []);
    assert.ok(rep.issues.length >= 4);
    const perf = sys.stagePerformance('btc_momentum');
    assert.equal(perf.consecutiveLossDays, 8);
    assert.equal(perf.trades, 1);
  });
});
