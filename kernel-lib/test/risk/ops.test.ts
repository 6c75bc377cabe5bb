import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import * as ops from '../../src/ops';
import { ManualClock } from '../../src/risk/clock';
import { Rng } from '../../src/math/rng';
import { AlphaFactoryError } from '../../src/errors';
import { close, fixture, schemaValidator } from './helpers';

const fx = fixture('ops.json');
const EXAMPLE = path.resolve(__dirname, '../../../test/fixtures/risk/ops-config.example.yaml');

describe('A/B test statistics against scipy.stats', () => {
  for (const c of fx.tests) {
    it(c.name, () => {
      const s = ops.studentTTest(c.a, c.b);
      close(s.statistic, c.student.statistic, 1e-10, 'student t');
      close(s.pValue, c.student.p_value, 1e-10, 'student p');
      assert.equal(s.df, c.student.df);
      const w = ops.welchTTest(c.a, c.b);
      close(w.statistic, c.welch.statistic, 1e-10, 'welch t');
      close(w.df!, c.welch.df, 1e-9, 'welch df');
      close(w.pValue, c.welch.p_value, 1e-10, 'welch p');
      const m = ops.mannWhitneyU(c.a, c.b);
      assert.equal(m.statistic, c.mann_whitney.statistic);
      close(m.pValue, c.mann_whitney.p_value, 1e-10, 'mann-whitney p');
    });
  }
});

describe('A/B test manager', () => {
  it('needs min trades, decides at p < 0.05 and waits for the duration', () => {
    const clock = new ManualClock('2024-01-01T00:00:00Z');
    const m = new ops.ABTestManager(new Rng(1), clock.clock);
    const { id, capital } = m.createTest('mom-v2', 'mom', 'mom_v2');
    assert.match(id, /^[0-9a-f]{8}$/);
    assert.deepEqual(capital, { control: 0.5, treatment: 0.5 });
    const c = fx.tests[0];
    (c.b as number[]).slice(0, 40).forEach((x) => m.recordTrade(id, 'control', x));
    (c.a as number[]).forEach((x) => m.recordTrade(id, 'treatment', x));
    assert.equal(m.evaluate(id).status, 'insufficient_data');
    (c.b as number[]).slice(40).forEach((x) => m.recordTrade(id, 'control', x));
    const e = m.evaluate(id);
    assert.equal(e.status, 'in_progress');
    close(e.pValue, c.student.p_value, 1e-10, 'decides by Student');
    clock.advanceDays(14);
    const done = m.evaluate(id);
    assert.equal(done.status, 'completed');
    assert.equal(done.significant, c.student.p_value < 0.05);
    assert.equal(done.tests.length, 3);
    assert.throws(() => m.evaluate('nope'), AlphaFactoryError);
  });
});

describe('lifecycle', () => {
  it('allows only the transitions of the table', () => {
    const clock = new ManualClock('2024-01-01T00:00:00Z');
    const lc = new ops.StrategyLifecycleManager(clock.clock);
    lc.register('s');
    assert.equal(lc.stage('s'), 'DEVELOPMENT');
    assert.equal(lc.transition('s', 'PRODUCTION', 'skip'), false);
    assert.equal(lc.stage('s'), 'DEVELOPMENT');
    assert.equal(lc.transition('s', 'PAPER_TRADING', 'ok'), true);
    let legal = 0;
    for (const from of ops.LIFECYCLE_STAGES) for (const to of ops.LIFECYCLE_STAGES) if (ops.StrategyLifecycleManager.canTransition(from, to)) legal++;
    assert.equal(legal, 12); // 1 + 2 + 2 + 2 + 3 + 2 arrows in the reference table
    for (const to of ops.LIFECYCLE_STAGES) assert.equal(ops.StrategyLifecycleManager.canTransition('RETIRED', to), false);
    assert.throws(() => lc.transition('unknown', 'PAPER_TRADING', 'x'), AlphaFactoryError);
  });

  it('promotes and demotes automatically on every criterion', () => {
    const clock = new ManualClock('2024-01-01T00:00:00Z');
    const lc = new ops.StrategyLifecycleManager(clock.clock);
    lc.register('s');
    lc.transition('s', 'PAPER_TRADING', 'start paper');
    const good: ops.StagePerformance = { sharpe: 1.6, maxDrawdown: 0.05, currentDrawdown: 0.01, trades: 120, profitFactor: 1.8, consecutiveLossDays: 0 };
    clock.advanceDays(29);
    assert.equal(lc.autoEvaluate('s', good), null); // 29 days < 30
    clock.advanceDays(1);
    assert.equal(lc.autoEvaluate('s', { ...good, trades: 99 }), null); // trades
    assert.equal(lc.autoEvaluate('s', { ...good, sharpe: 1.49 }), null); // Sharpe
    assert.equal(lc.autoEvaluate('s', { ...good, maxDrawdown: 0.11 }), null); // drawdown
    assert.equal(lc.autoEvaluate('s', good)!.stage, 'INCUBATION');
    clock.advanceDays(14);
    assert.equal(lc.autoEvaluate('s', { ...good, profitFactor: 1.49 }), null); // profit factor
    assert.equal(lc.autoEvaluate('s', { ...good, maxDrawdown: 0.081 }), null);
    assert.equal(lc.autoEvaluate('s', { ...good, sharpe: 1.0, maxDrawdown: 0.08, profitFactor: 1.5 })!.stage, 'PRODUCTION');
    assert.equal(lc.autoEvaluate('s', good), null);
    assert.match(lc.autoEvaluate('s', { ...good, consecutiveLossDays: 5 })!.reason, /5 consecutive loss days/);
    assert.equal(lc.stage('s'), 'DEGRADED');
    clock.advanceDays(7);
    assert.equal(lc.autoEvaluate('s', good)!.stage, 'PRODUCTION');
    assert.equal(lc.autoEvaluate('s', { ...good, sharpe: 0.49 })!.stage, 'DEGRADED');
    lc.transition('s', 'PRODUCTION', 'manual');
    assert.equal(lc.autoEvaluate('s', { ...good, currentDrawdown: 0.151 })!.stage, 'DEGRADED');
    const p = lc.toPayload();
    assert.equal(p.strategies[0].history.length, 9);
    schemaValidator('lifecycle.v1.schema.json')(p);
  });

  it('retirement pauses, closes positions, recovers capital and ends RETIRED', () => {
    const clock = new ManualClock('2024-01-01T00:00:00Z');
    const lc = new ops.StrategyLifecycleManager(clock.clock);
    lc.register('s');
    const s: ops.StrategyStatus = {
      name: 's', state: 'RUNNING', allocatedCapital: 25e6, allocation: 0.25, realizedPnl: 1e5, lastHeartbeat: clock.now(),
      positions: [{ symbol: 'BTC/KRW', quantity: 0.5, currentPrice: 5e7 }, { symbol: 'ETH/KRW', quantity: -2, currentPrice: 3e6 }, { symbol: 'XRP/KRW', quantity: 100, currentPrice: 700 }],
    };
    assert.throws(() => ops.retireStrategy(s, lc, 'no', () => undefined), AlphaFactoryError); // DEVELOPMENT cannot retire
    for (const st of ['PAPER_TRADING', 'INCUBATION', 'PRODUCTION'] as const) lc.transition('s', st, 'x');
    const sent: string[] = [];
    const rec = ops.retireStrategy(s, lc, 'alpha decay', (o) => {
      if (o.symbol === 'ETH/KRW') throw new Error('exchange down');
      sent.push(`${o.side} ${o.quantity} ${o.symbol} @ ${o.price} ${o.type}`);
    }, { clock: clock.clock });
    assert.deepEqual(sent, ['sell 0.5 BTC/KRW @ 50000000 limit', 'sell 100 XRP/KRW @ 700 limit']);
    assert.equal(rec.positionsClosed[1].ok, false);
    assert.equal(rec.positionsClosed[2].scheduledAt, '2024-01-01T00:00:02.000Z');
    assert.equal(rec.recoveredCapital, 25e6);
    assert.equal(s.allocatedCapital, 0);
    assert.equal(s.state, 'IDLE');
    assert.equal(rec.stage, 'RETIRED');
    assert.deepEqual(lc.history('s').map((h) => h.stage).slice(-2), ['SUSPENDED', 'RETIRED']);
  });
});

describe('alerts', () => {
  it('fires the reference rules and suppresses a repeat within 300 s per key', () => {
    const clock = new ManualClock('2024-01-01T00:00:00Z');
    const sent: ops.ChannelRequest[] = [];
    const am = new ops.AlertManager(clock.clock, 300, ops.DEFAULT_ALERT_RULES, (r) => {
      if (r.channel === 'broken') throw new Error('timeout');
      sent.push(r);
    });
    am.addDiscordWebhook('broken', 'https://x');
    am.addDiscordWebhook('discord', 'https://discord.example/webhook');
    am.addTelegramBot('tg', 'TOKEN', '42');
    const hb = clock.now() - 301_000;
    const fired = am.evaluate({ strategy: 'a', currentDrawdown: 0.12, fillRate: 0.79, lastHeartbeat: hb });
    assert.deepEqual(fired.map((a) => a.level), ['critical', 'warning', 'critical']);
    assert.equal(am.evaluate({ strategy: 'a', lastHeartbeat: clock.now() - 300_000 }).length, 0); // exactly 300 s is not stale
    clock.advance(299_000);
    assert.equal(am.evaluate({ strategy: 'a', currentDrawdown: 0.12 }).length, 0);
    assert.equal(am.suppressed, 1);
    assert.equal(am.evaluate({ strategy: 'b', currentDrawdown: 0.12 }).length, 1); // other key
    clock.advance(1_000);
    assert.equal(am.evaluate({ strategy: 'a', currentDrawdown: 0.12 }).length, 1); // cooldown over
    assert.equal(am.failures.length, 5);
    const tg = sent.find((r) => r.channel === 'tg')!;
    assert.equal(tg.url, 'https://api.telegram.org/botTOKEN/sendMessage');
    assert.equal(tg.body.parse_mode, 'Markdown');
    assert.match(String(sent[0].body.content), /^☠️ \*\*a\*\* - CRITICAL\ndrawdown warning: 12\.0%\ntime: 2024-01-01T00:00:00.000Z$/);
    schemaValidator('alerts.v1.schema.json')(am.toPayload());
  });
});

/** Samples of a text exposition as "name{sorted labels}" -> value, plus HELP/TYPE lines. */
function parseExposition(text: string): { meta: string[]; samples: Map<string, number> } {
  const meta: string[] = [];
  const samples = new Map<string, number>();
  for (const line of text.trim().split('\n')) {
    if (line.startsWith('#')) {
      meta.push(line);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line)!;
    assert.ok(m, `bad sample line ${line}`);
    const labels = (m[3] ?? '').split(',').filter(Boolean).map((kv) => {
      const [k, v] = kv.split('=');
      const val = v.slice(1, -1);
      return k === 'le' && val !== '+Inf' ? `${k}=${Number(val)}` : `${k}=${val}`;
    }).sort();
    samples.set(`${m[1]}{${labels.join(',')}}`, Number(m[4]));
  }
  return { meta, samples };
}

describe('Prometheus exposition', () => {
  it('matches prometheus_client for the same updates', () => {
    const ex = new ops.StrategyMetricsExporter();
    for (const [kind, name, labels, v] of fx.prometheus.scenario as [string, string, Record<string, string>, number][]) {
      if (kind === 'gauge') ex.registry.set(name, labels, v);
      else if (kind === 'counter') ex.registry.inc(name, labels, v);
      else ex.registry.observe(name, labels, v);
    }
    const ours = parseExposition(ex.expose());
    const peer = parseExposition(fx.prometheus.text);
    assert.deepEqual(ours.meta, peer.meta);
    assert.deepEqual([...ours.samples.keys()].sort(), [...peer.samples.keys()].sort());
    for (const [k, v] of peer.samples) close(ours.samples.get(k)!, v, 1e-12, k);
    assert.throws(() => ex.registry.inc('strategy_orders_total', { strategy: 'a', side: 'buy', status: 'x' }, -1), AlphaFactoryError);
    assert.throws(() => ex.registry.set('strategy_drawdown', { wrong: 'a' }, 1), AlphaFactoryError);
  });
});

describe('configuration and daily report', () => {
  it('the reference example loads (our YAML reader equals PyYAML) and validates against the schema', () => {
    const { parseYaml } = ops;
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    assert.deepEqual(parseYaml(text), fx.config);
    const ajv = new Ajv2020({ strict: false });
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../schema/ops-config.v1.schema.json'), 'utf8'));
    const validate = ajv.compile(schema);
    assert.ok(validate(fx.config), JSON.stringify(validate.errors));
    const cfg = ops.loadOpsConfig(EXAMPLE);
    assert.equal(cfg.strategies.length, 5);
    close(cfg.strategies.reduce((a, s) => a + s.capitalRatio, 0), 1, 1e-12, 'ratios');
    assert.equal(cfg.riskLimits.maxTotalExposure, 0.8);
    assert.equal(cfg.riskLimits.maxAssetExposure, 0.2); // omitted -> default
    assert.equal(cfg.riskLimits.maxCorrelatedExposure, 0.5);
    assert.deepEqual(cfg.alerts.map((a) => a.kind), ['discord', 'telegram']);
    // bad configurations fail in both the schema and the loader
    type Cfg = { system: Record<string, unknown>; strategies: Record<string, unknown>[]; risk_limits: Record<string, unknown> };
    const bad = (mutate: (c: Cfg) => void, msg: RegExp, schemaCatches = true): void => {
      const c = JSON.parse(JSON.stringify(fx.config));
      mutate(c);
      assert.equal(validate(c), !schemaCatches);
      assert.throws(() => ops.validateOpsConfig(c), (e: unknown) => e instanceof AlphaFactoryError && msg.test((e as Error).message));
    };
    bad((c) => (c.strategies[0].type = 'magic'), /unknown strategy type/);
    bad((c) => (c.risk_limits.max_daily_loss = 1.5), /max_daily_loss/);
    bad((c) => (c.risk_limits.max_daily_loss = 0), /max_daily_loss/);
    bad((c) => (c.strategies[0].capital_ratio = 0.5), /sum to 1\.2500 > 1/, false);
    bad((c) => (c.strategies[1].name = 'btc_momentum'), /duplicate/, false);
    bad((c) => (c.system.foo = 1), /unknown key/);
    assert.throws(() => ops.parseYaml('a: 1\n  b: 2\n', 'x.yaml'), (e: unknown) => e instanceof AlphaFactoryError && (e as AlphaFactoryError).location.row === 2);
  });

  it('daily report and health check', () => {
    const clock = new ManualClock('2024-03-05T09:00:00Z');
    const now = clock.now();
    const s = (name: string, state: ops.StrategyState, hb: number): ops.StrategyStatus => ({ name, state, allocatedCapital: 1, allocation: 0.2, realizedPnl: 100, lastHeartbeat: hb, positions: [{ symbol: 'X', quantity: 1, currentPrice: 10, unrealizedPnl: -5 }] });
    const r = ops.dailyReport([s('a', 'RUNNING', now), s('b', 'ERROR', now), s('c', 'RUNNING', now - 24 * 3_600_000)], clock.clock);
    assert.equal(r.date, '2024-03-05');
    assert.equal(r.totalPnl, 285);
    assert.deepEqual(r.issues, ['b: in ERROR state', 'c: no signal for 24.0 hours']);
    assert.match(ops.formatDailyReport(r), /daily check: 2 issue\(s\) found/);
  });
});
