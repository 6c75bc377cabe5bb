"""Writes notebooks/04-multi-strategy-operations.ipynb (kept as a script so the tutorial diff stays readable).

Run with /work/main/.venv/bin/python scripts/notebooks/multi_strategy_operations.py; the notebook is
written without outputs (`alpha-factory report` executes it).
"""
from tutorial import code, md, write_tutorial


CONFIG_YAML = """system:
  total_capital: 100000000   # KRW 100M
  rebalance_hours: 24
  base_currency: KRW

strategies:
  - name: btc_momentum
    type: momentum
    capital_ratio: 0.25
    params:
      symbols: [BTC/KRW]
      lookback_period: 20
      entry_threshold: 0.02
  - name: eth_mean_reversion
    type: mean_reversion
    capital_ratio: 0.20
    params:
      symbols: [ETH/KRW]
      lookback_period: 50
      z_score_entry: 2.0
  - name: cross_exchange_arb
    type: arbitrage
    capital_ratio: 0.20
    params:
      exchanges: [upbit, binance]
      min_spread: 0.003
  - name: btc_market_maker
    type: market_making
    capital_ratio: 0.20
    params:
      symbol: BTC/KRW
      spread: 0.002
      order_levels: 5
  - name: news_event
    type: trend_following
    capital_ratio: 0.15
    params:
      symbols: [BTC/KRW, ETH/KRW, XRP/KRW]
      trend_period: 50

risk_limits:
  max_total_exposure: 0.80
  max_single_strategy_exposure: 0.30
  max_daily_loss: 0.03
  max_weekly_loss: 0.07
  emergency_stop_loss: 0.10

alerts:
  discord_trading:
    webhook_url: "https://discord.com/api/webhooks/YOUR_WEBHOOK"
"""

cells = [
    md("""# Running several strategies: allocation, limits, lifecycle, alerts

A desk rarely runs one strategy. It runs several, moves capital between them as they do well or
badly, stops them before a bad week becomes a bad year, promotes new ones carefully and retires
worn-out ones. This tutorial walks through the operational layer of `@alpha-factory/kernel` that
does this, on **five simulated strategies**:

1. the configuration file and its validation;
2. the **score-based dynamic allocator** moving capital between strategies over time;
3. the **drawdown guard ladder** that cuts a losing strategy's capital step by step;
4. the **pre-trade risk manager**: every limit firing in turn, the **emergency latch** and its reset;
5. the **seven-stage lifecycle** with automatic promotion and demotion;
6. an **A/B test** between two versions of a strategy;
7. **alerts** with a per-key cooldown;
8. the whole system together: **Prometheus** metrics and the **daily report**.

Nothing here trades: time comes from an injectable `ManualClock` (so a year runs in a second and
the results do not depend on when you run the notebook) and every random draw comes from a seeded
`Rng`. The design follows the multi-strategy operations reference (its example configuration, its
limits and its lifecycle), with its defects fixed: allocations that respect their bounds and still
sum to one, an emergency stop that stays latched until someone resets it, alerts that do not spam.

**Conventions.** Returns are simple daily returns; annualised figures use 252 periods. The Sharpe
ratio is empyrical's: mean / sample standard deviation (ddof 1) x sqrt(252), risk-free rate 0.
Drawdowns are positive fractions of the running peak here (0.12 = 12 % below the peak), as the
operational rules read them (empyrical's `max_drawdown` returns the same number negative)."""),
    code("""import { ops, risk, portfolio, metrics, Rng, show, Table, Chart, lineChart, barChart, experiment } from '@alpha-factory/kernel';

const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;
const krw = (x: number): string => `${(x / 1e6).toFixed(2)}M`;
const DAY = 86_400_000;"""),
    md("""## 1. The configuration

The system is described by a YAML file (the reference's example: KRW 100M of capital, five crypto
strategies with capital ratios, risk limits and alert channels). `validateOpsConfig` checks it
against the rules of `schema/ops-config.v1.schema.json` (required keys, types, ranges, no unknown
keys) plus what a schema cannot say: the capital ratios sum to at most 1 and names are unique. An
error names the offending path. Limits the file does not set keep their defaults (per asset 0.20,
correlated group 0.50)."""),
    code(f"""const configYaml = `{CONFIG_YAML}`;
const config = ops.validateOpsConfig(ops.parseYaml(configYaml, 'ops.yaml'), 'ops.yaml');
const names = config.strategies.map((s) => s.name);
show(Table.fromRecords(config.strategies.map((s) => ({{ strategy: s.name, type: s.type, capital_ratio: s.capitalRatio, capital: krw(s.capitalRatio * config.system.totalCapital) }})), 'Strategies'));
show(Table.fromRecords(Object.entries(config.riskLimits).map(([limit, value]) => ({{ limit, value }})), 'Risk limits (fractions of capital)'));
try {{
  ops.validateOpsConfig(ops.parseYaml(configYaml.replace('capital_ratio: 0.15', 'capital_ratio: 0.45'), 'bad.yaml'), 'bad.yaml');
}} catch (e) {{
  console.log(`rejected: ${{(e as Error).message}}`);
}}"""),
    md("""## 2. Five simulated strategies

Each strategy's daily return is `r = μ + β m + σ ε`, with a common market factor `m` and its own
noise `ε`, both standard normal draws from one seeded `Rng`:

| strategy | character |
|---|---|
| `btc_momentum` | trend follower, high market beta |
| `eth_mean_reversion` | small edge, mostly its own noise |
| `cross_exchange_arb` | small steady gains, no market exposure |
| `btc_market_maker` | steady spread capture |
| `news_event` | strong at first, **its edge disappears after day 150** and it bleeds |

`btc_momentum` and `news_event` share the market factor, so their returns are correlated above 0.7:
the risk manager will treat them as one correlated group."""),
    code("""const T = 240;
const spec: Record<string, { mu: number; beta: number; idio: number; breakAt?: number; muAfter?: number; tradesPerDay: number }> = {
  btc_momentum: { mu: 0.0016, beta: 1.0, idio: 0.006, tradesPerDay: 6 },
  eth_mean_reversion: { mu: 0.0002, beta: 0.2, idio: 0.010, tradesPerDay: 10 },
  cross_exchange_arb: { mu: 0.0012, beta: 0.0, idio: 0.003, tradesPerDay: 25 },
  btc_market_maker: { mu: 0.0010, beta: 0.1, idio: 0.004, tradesPerDay: 40 },
  news_event: { mu: 0.0020, beta: 1.0, idio: 0.006, breakAt: 150, muAfter: -0.004, tradesPerDay: 4 },
};
const simRng = new Rng(42);
const R: Record<string, Float64Array> = {};
for (const n of names) R[n] = new Float64Array(T);
for (let t = 0; t < T; t++) {
  const market = 0.012 * simRng.normal();
  for (const n of names) {
    const s = spec[n];
    const mu = s.breakAt !== undefined && t >= s.breakAt ? (s.muAfter as number) : s.mu;
    R[n][t] = mu + s.beta * market + s.idio * simRng.normal();
  }
}
const start = Date.parse('2024-01-01T00:00:00Z');
const simDates = Array.from({ length: T }, (_, t) => new Date(start + t * DAY).toISOString().slice(0, 10));
show(Table.fromRecords(names.map((n) => ({
  strategy: n,
  sharpe: Number(metrics.sharpe(R[n]).toFixed(2)),
  annual_volatility: pct(metrics.annualVolatility(R[n])),
  max_drawdown: pct(metrics.maxDrawdown(R[n])),
  win_rate: pct(metrics.winRate(R[n])),
  profit_factor: Number(metrics.profitFactor(R[n]).toFixed(2)),
})), 'Simulated strategies over 240 days (empyrical conventions)'));
const wealthRows = names.flatMap((n) => Array.from(metrics.cumulativeReturns(R[n], 1), (w, t) => ({ date: simDates[t], strategy: n, wealth: w })));
show(new Chart({
  title: 'Growth of 1 per strategy',
  width: 640,
  height: 260,
  data: { values: wealthRows },
  mark: { type: 'line', strokeWidth: 1.25 },
  encoding: {
    x: { field: 'date', type: 'temporal', title: null },
    y: { field: 'wealth', type: 'quantitative', title: 'wealth', scale: { zero: false } },
    color: { field: 'strategy', type: 'nominal', sort: names, title: null },
  },
}));"""),
    md("""## 3. Score-based dynamic allocation

Once a day (the configuration's `rebalance_hours: 24`; here once a week to keep the chart readable)
each strategy gets a score from its recent record:

`score = 0.5 · max(Sharpe₃₀, 0) + 0.3 · win rate₃₀ - 0.2 · (2 · current drawdown)`, floored at 0.01,

where Sharpe and win rate use the last 30 days. Scores are normalised into target weights and
projected onto the bounds **[0.05, 0.40]** per strategy, keeping the sum at 1 (a proper Euclidean
projection; the reference's clamp-then-renormalise can push weights back out of their bounds).
A rebalance then moves each weight **at most 0.10** towards its target, again keeping the sum at 1,
so capital follows performance gradually rather than chasing noise.

Prefer it to a fixed split when strategies' edges come and go; prefer a risk-based split (ERC across
strategies, see the portfolio tutorial) when their recent Sharpe ratios are too noisy to rank."""),
    code("""const allocClock = new risk.ManualClock(start);
const allocator = new portfolio.DynamicAllocator({ rebalanceIntervalMs: 7 * DAY, clock: allocClock.clock });
let current: Record<string, number> = Object.fromEntries(config.strategies.map((s) => [s.name, s.capitalRatio]));
const allocationPath: Record<string, Float64Array> = {};
for (const n of names) allocationPath[n] = new Float64Array(T).fill(NaN);

function recentPerformance(n: string, t: number): portfolio.StrategyPerformance {
  const all = R[n].subarray(0, t + 1);
  const recent = all.subarray(Math.max(0, t + 1 - 30));
  const dd = metrics.drawdownSeries(all);
  return {
    name: n,
    sharpe: recent.length >= 30 ? metrics.sharpe(recent) : 0,
    winRate: metrics.winRate(recent),
    currentDrawdown: -dd[dd.length - 1],
    currentAllocation: current[n],
  };
}

let lastRebalance: portfolio.RebalanceRecord | undefined;
for (let t = 29; t < T; t++) {
  allocClock.set(start + t * DAY);
  if (allocator.shouldRebalance()) {
    lastRebalance = allocator.rebalance(names.map((n) => recentPerformance(n, t)));
    current = Object.fromEntries(names.map((n) => [n, lastRebalance!.allocations[n].new]));
  }
  for (const n of names) allocationPath[n][t] = current[n];
}
const allocationRows = simDates.flatMap((date, t) => (t < 29 ? [] : names.map((n, k) => ({ date: date, strategy: n, order: k, share: allocationPath[n][t] }))));
show(new Chart({
  title: 'Capital allocation over time (weekly score-based rebalance)',
  width: 640,
  height: 260,
  data: { values: allocationRows },
  mark: { type: 'area', interpolate: 'step-after' },
  encoding: {
    x: { field: 'date', type: 'temporal', title: null },
    y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'share of capital', scale: { domain: [0, 1] } },
    color: { field: 'strategy', type: 'nominal', sort: names, title: null },
    order: { field: 'order', type: 'quantitative' },
    tooltip: [{ field: 'date', type: 'temporal' }, { field: 'strategy' }, { field: 'share', type: 'quantitative', format: '.3f' }],
  },
}));
show(Table.fromRecords(names.map((n) => {
  const a = lastRebalance!.allocations[n];
  return { strategy: n, previous: Number(a.previous.toFixed(4)), target: Number(a.target.toFixed(4)), new: Number(a.new.toFixed(4)), change: Number(a.change.toFixed(4)) };
}), `Last rebalance (${new Date(lastRebalance!.timestamp).toISOString().slice(0, 10)}), ${allocator.history.length} rebalances in all`));
show(portfolio.rebalanceAllocation(lastRebalance!));"""),
    md("""The arbitrage book, with the best recent Sharpe ratio, sits at the 0.40 cap most of the time and the
market maker climbs there in the summer; after day 150 (late May) `news_event` loses its score
(negative Sharpe, growing drawdown) and is walked down to the 0.05 floor, at most 10 points per
rebalance. The bands always stack up to 1: every rebalance is fully invested and inside the bounds.

## 4. The drawdown guard ladder

The allocator reacts to scores over weeks; the drawdown guard reacts to losses at once. It scales a
strategy's capital by the step of the ladder its drawdown (from its running peak) has reached:

| drawdown | scale | status |
|---|---|---|
| < 5 % | 1.00 | normal |
| ≥ 5 % | 0.80 | warning |
| ≥ 10 % | 0.50 | warning |
| ≥ 15 % | 0.25 | critical |
| ≥ 20 % | 0 (stop) | stopped: manual review before a restart |

A ladder is cruder than a volatility target but it is transparent, and it caps how much a broken
strategy can lose while people find out what happened. The guard is a function of the *current*
drawdown, so it gives capital back as a strategy recovers; the stop, however, asks for a manual
review before a restart."""),
    code("""const guard = new portfolio.DrawdownGuard();
show(Table.fromRecords([0, 0.04, 0.05, 0.08, 0.1, 0.12, 0.15, 0.19, 0.2, 0.3].map((d) => {
  const g = guard.evaluate('example', d, 0.2);
  return { drawdown: pct(d, 0), scaling_factor: g.scalingFactor, allocation_from_20pct: Number(g.adjustedAllocation.toFixed(3)), status: g.status, recommendation: g.recommendation };
}), 'Drawdown guard ladder (current allocation 20%)'));
const newsDrawdown = metrics.drawdownSeries(R.news_event).map((d) => -d);
const newsScale = newsDrawdown.map((d) => guard.scalingFactor(d));
show(lineChart(simDates, { drawdown: newsDrawdown, 'guard scale': newsScale }, { title: 'news_event: drawdown and the guard scaling factor', yTitle: 'fraction' }));
const firstStop = newsScale.findIndex((s) => s === 0);
`news_event: first warning on ${simDates[newsScale.findIndex((s) => s < 1)]}, stopped on ${firstStop >= 0 ? simDates[firstStop] : 'never'}`"""),
    md("""## 5. The pre-trade risk manager

Every order goes through `validateOrder` before it may be sent. The checks run **in this order**
and the first failure rejects the order (limits are fractions of total capital):

1. **emergency latch**: once latched, every order is blocked until an explicit reset;
2. kill switch of the strategy;
3. **total exposure** after the order > 0.80;
4. **strategy exposure** > 0.30;
5. **daily loss** (UTC day) ≥ 0.03;
6. **weekly loss** (ISO week) ≥ 0.07;
7. **asset exposure** (the symbol summed over strategies) > 0.20;
8. **correlated group** exposure > 0.50, for groups of strategies whose returns correlate ≥ 0.7.

`recordPnl` latches the **emergency stop** when the net loss since the start (or the last reset)
reaches 0.10 of capital. Every decision goes to an audit log. The scenario below makes each limit
fire in turn. First the correlated groups, from the simulated returns:"""),
    code("""const returnsTable = portfolio.fromColumns(R);
const corr = portfolio.correlationFromCovariance(portfolio.sampleCov(returnsTable).matrix);
const groups = risk.correlatedGroups(names, corr.data, config.riskLimits.correlationThreshold);
show(new Chart({
  title: 'Correlation of daily strategy returns',
  width: 300,
  height: 300,
  data: { values: names.flatMap((a, i) => names.map((b, j) => ({ a, b, corr: corr.data[i * names.length + j] }))) },
  layer: [
    { mark: 'rect', encoding: { x: { field: 'b', type: 'nominal', sort: null, title: null }, y: { field: 'a', type: 'nominal', sort: null, title: null }, color: { field: 'corr', type: 'quantitative', scale: { domain: [-1, 1], scheme: 'redblue', reverse: true } } } },
    { mark: { type: 'text', fontSize: 10 }, encoding: { x: { field: 'b', type: 'nominal', sort: null }, y: { field: 'a', type: 'nominal', sort: null }, text: { field: 'corr', type: 'quantitative', format: '.2f' } } },
  ],
}));
`correlated groups (corr >= ${config.riskLimits.correlationThreshold}): ${JSON.stringify(groups)}`"""),
    md("""Now the book. A small helper keeps the state the risk manager reads (gross exposure in total and
per strategy, position value per strategy and symbol) and fills approved orders. The clock starts on
a Monday at 09:00 UTC.

(`submit` here is the desk's order path; `fill = false` runs the checks without trading, a what-if
probe used below.)"""),
    code("""const riskClock = new risk.ManualClock('2024-03-04T09:00:00Z');
const capital = config.system.totalCapital;
const rm = new risk.PreTradeRiskManager(capital, config.riskLimits, riskClock.clock);
const book: risk.PortfolioState = { totalExposure: 0, strategyExposures: {}, strategyPositions: {}, correlatedGroups: groups };
const decisions: Record<string, string | number | boolean>[] = [];
const PRICE: Record<string, number> = { 'BTC/KRW': 50_000_000, 'ETH/KRW': 3_000_000, 'XRP/KRW': 700, 'SOL/KRW': 150_000, 'DOGE/KRW': 200 };

function submit(strategy: string, symbol: string, notional: number, note: string, fill = true): risk.RiskDecision {
  const order: risk.Order = { strategy: strategy, symbol: symbol, side: 'buy', quantity: notional / PRICE[symbol], price: PRICE[symbol] };
  const d = rm.validateOrder(order, book);
  if (d.approved && fill) {
    book.totalExposure += notional;
    book.strategyExposures[strategy] = (book.strategyExposures[strategy] ?? 0) + notional;
    const pos = (book.strategyPositions![strategy] ??= {});
    pos[symbol] = (pos[symbol] ?? 0) + notional;
  }
  decisions.push({
    time: new Date(riskClock.now()).toISOString().slice(0, 16).replace('T', ' '),
    strategy: strategy, order: `buy ${symbol} ${krw(notional)}`, approved: d.approved, check: d.failedCheck ?? '', reason: d.reason ?? note,
  });
  return d;
}

submit('btc_momentum', 'BTC/KRW', 15e6, 'opens 15% in BTC');
submit('btc_momentum', 'BTC/KRW', 20e6, '');          // 35% of capital in one strategy
submit('btc_market_maker', 'BTC/KRW', 10e6, '');      // BTC would be 25% of capital
submit('btc_momentum', 'ETH/KRW', 10e6, 'momentum adds ETH');
submit('news_event', 'XRP/KRW', 18e6, 'news_event opens XRP');
submit('news_event', 'ETH/KRW', 6e6, 'group at 49%');
submit('news_event', 'XRP/KRW', 2e6, '');             // the correlated group would reach 51%
submit('cross_exchange_arb', 'SOL/KRW', 15e6, 'arb opens SOL');
submit('btc_market_maker', 'DOGE/KRW', 15e6, 'market maker opens DOGE');
submit('eth_mean_reversion', 'ETH/KRW', 2e6, '');     // total exposure would pass 80%
show(Table.fromRecords(decisions, 'Orders and decisions'));"""),
    md("""Each rejection names the check and the numbers. Note what the order of the checks means: an
order that breaks several limits is reported with the *first* one.

Now losses. The clock moves through the week; the desk loses money every day, and after each
day's PnL a small order probes the limits."""),
    code("""const lossRows: Record<string, string | number | boolean>[] = [];
function lossDay(day: string, pnl: number): void {
  riskClock.set(`${day}T16:00:00Z`);
  rm.recordPnl(pnl, 'SYSTEM');
  const l = rm.losses();
  const d = submit('eth_mean_reversion', 'ETH/KRW', 1e6, 'probe (not filled)', false);
  lossRows.push({ day: day, pnl: krw(pnl), daily_loss: pct(l.daily, 2), weekly_loss: pct(l.weekly, 2), since_reset: pct(l.sinceReset, 2), latched: rm.emergencyStopped, next_order: d.approved ? 'approved' : `rejected: ${d.failedCheck}` });
}
lossDay('2024-03-04', -3.2e6);   // Monday: 3.2% in a day
lossDay('2024-03-05', -1.9e6);   // Tuesday: a new day, but 5.1% this week
lossDay('2024-03-06', -2.0e6);   // Wednesday: 7.1% this week
lossDay('2024-03-07', -3.0e6);   // Thursday: 10.1% since the start: emergency stop
lossDay('2024-03-11', 0.5e6);    // next Monday: the week is new, the latch is not
show(Table.fromRecords(lossRows, 'A losing week'));"""),
    md("""The daily limit resets at midnight UTC and the weekly one on Monday, but the **emergency latch
does not reset by itself**: a new week with a small profit still finds every order blocked. Only an
explicit `reset(reason)` clears it, and the reason goes to the audit log, so someone has to look at
what happened first."""),
    code("""riskClock.set('2024-03-11T17:00:00Z');
rm.reset('risk committee: losses reviewed, news_event paused, trading resumes');
const afterReset = submit('eth_mean_reversion', 'ETH/KRW', 1e6, 'after the reset');
show(rm);
show(Table.fromRecords(rm.utilisation(book).map((u) => ({ limit: u.name, limit_value: u.limit, value: Number(u.value.toFixed(4)), utilisation: pct(u.utilisation), breached: u.breached })), 'Limit utilisation now'));
show(barChart(rm.utilisation(book).map((u) => u.name), rm.utilisation(book).map((u) => u.utilisation), { title: 'Limit utilisation (1 = at the limit)', yTitle: 'value / limit', width: 520, height: 220 }));
show(Table.fromRecords(rm.auditLog.filter((e) => e.type !== 'PNL' && e.type !== 'APPROVED').map((e) => ({ time: new Date(e.time).toISOString().slice(0, 16), type: e.type, strategy: e.strategy, check: e.check ?? '', reason: e.reason })), 'Audit log (rejections, blocks, latch and reset)'));
`after the reset: ${afterReset.approved ? 'approved' : afterReset.reason}`"""),
    md("""## 6. The strategy lifecycle

A strategy moves through seven stages, and only along the allowed transitions:

`DEVELOPMENT → PAPER_TRADING → INCUBATION → PRODUCTION ⇄ DEGRADED → SUSPENDED → RETIRED`

(plus the way back from PAPER_TRADING to DEVELOPMENT and from INCUBATION to PAPER_TRADING,
PRODUCTION ⇄ SUSPENDED and DEGRADED → RETIRED; RETIRED is final). Moves out of development are manual; after that
`autoEvaluate` applies the criteria every day:

| move | criteria (defaults) |
|---|---|
| PAPER_TRADING → INCUBATION | ≥ 30 days, Sharpe ≥ 1.5, ≥ 100 trades, max drawdown ≤ 10 % |
| INCUBATION → PRODUCTION | ≥ 14 days, Sharpe ≥ 1.0, profit factor ≥ 1.5, max drawdown ≤ 8 % |
| PRODUCTION → DEGRADED | rolling 30-day Sharpe < 0.5, or ≥ 5 losing days in a row, or drawdown > 15 % |
| DEGRADED → PRODUCTION | ≥ 7 days, Sharpe ≥ 1.0, drawdown ≤ 8 %, fewer than 5 losing days in a row |

The clock is injected, so "30 days" are 30 simulated days. Statistics are measured since the
strategy entered its current stage; trades are simulated at a fixed number per day."""),
    code("""function runLifecycle(criteria: Partial<ops.LifecycleCriteria>): { manager: ops.StrategyLifecycleManager; changes: Record<string, string | number>[] } {
  const clock = new risk.ManualClock(start);
  const manager = new ops.StrategyLifecycleManager(clock.clock, criteria);
  const stageStart: Record<string, number> = {};
  const changes: Record<string, string | number>[] = [];
  for (const n of names) {
    manager.register(n, { type: spec[n] });
    manager.transition(n, 'PAPER_TRADING', 'backtest and code review passed');
    stageStart[n] = 0;
  }
  for (let t = 0; t < T; t++) {
    clock.set(start + (t + 1) * DAY);
    for (const n of names) {
      if (manager.stage(n) === 'RETIRED') continue;
      const inStage = R[n].subarray(stageStart[n], t + 1);
      const recent = R[n].subarray(Math.max(0, t + 1 - 30), t + 1);
      const dd = metrics.drawdownSeries(inStage);
      let lossDays = 0;
      for (let i = t; i >= 0 && R[n][i] < 0; i--) lossDays++;
      const change = manager.autoEvaluate(n, {
        sharpe: recent.length >= 30 ? metrics.sharpe(recent) : 0,
        maxDrawdown: -metrics.maxDrawdown(inStage),
        currentDrawdown: -dd[dd.length - 1],
        trades: inStage.length * spec[n].tradesPerDay,
        profitFactor: metrics.profitFactor(inStage),
        consecutiveLossDays: lossDays,
      });
      if (change) {
        stageStart[n] = t + 1;
        changes.push({ date: simDates[t], strategy: n, from: change.previous ?? '', to: change.stage, reason: change.reason });
      }
    }
  }
  return { manager, changes };
}
const byDefault = runLifecycle({});
show(Table.fromRecords(names.map((n) => ({ strategy: n, transitions: byDefault.manager.history(n).length - 1, final_stage: byDefault.manager.stage(n) })), 'Default criteria: transitions per strategy in 240 days'));"""),
    md("""With the default demotion rule the good strategies **flap** between PRODUCTION and DEGRADED. The
reason is statistical: a Sharpe ratio estimated on 30 daily returns has a standard error of about
`sqrt(252 / 30) ≈ 2.9` (annualised), so a strategy with a true Sharpe of 2 falls below 0.5 in a
month quite often by chance alone. Either measure over a longer window, or demote only on evidence
that is unlikely under a healthy strategy. Here we keep the 30-day window and demote on a rolling
Sharpe below -1, 7 losing days in a row, or a drawdown over 15 %:"""),
    code("""const tuned = runLifecycle({ productionToDegraded: { rollingSharpeBelow: -1, consecutiveLossDays: 7, drawdownExceeds: 0.15 } });
const lifecycle = tuned.manager;
show(Table.fromRecords(tuned.changes, 'Automatic stage changes (tuned demotion rule)'));
show(Table.fromRecords(names.map((n) => ({ strategy: n, transitions: lifecycle.history(n).length - 1, final_stage: lifecycle.stage(n) })), 'Tuned criteria: transitions per strategy'));
const illegal = lifecycle.transition('cross_exchange_arb', 'DEVELOPMENT', 'not allowed from PRODUCTION');
`PRODUCTION -> DEVELOPMENT allowed? ${illegal} (the table has no such move; nothing changed: ${lifecycle.stage('cross_exchange_arb')})`"""),
    md("""Fewer false alarms, not none: a healthy strategy is still demoted now and then, and recovers
automatically after 7 good days. `news_event`, whose edge disappeared at day 150, is demoted in
mid-June and never recovers. The desk decides to **retire** it.
`retireStrategy` does it in the reference's four steps: pause the strategy, close every position
with a limit order at its current price (the `execute` callback would send them; here it records
them), take the capital back, and move the lifecycle to RETIRED (through SUSPENDED when coming from
PRODUCTION). A strategy still in development or testing cannot be retired: there is no path."""),
    code("""const newsStatus: ops.StrategyStatus = {
  name: 'news_event', type: 'trend_following', state: 'RUNNING', allocatedCapital: 15e6, allocation: 0.15, realizedPnl: -4.1e6,
  positions: [{ symbol: 'XRP/KRW', quantity: 18e6 / 700, currentPrice: 650 }, { symbol: 'ETH/KRW', quantity: 2, currentPrice: 2_900_000 }],
  lastHeartbeat: start + T * DAY,
};
const closeOrders: risk.Order[] = [];
const retirement = ops.retireStrategy(newsStatus, lifecycle, 'edge gone since day 150; drawdown beyond 20%', (o) => { closeOrders.push(o); }, { clock: () => start + T * DAY });
show(Table.fromRecords(retirement.positionsClosed.map((p) => ({ symbol: p.symbol, quantity: Number(p.quantity.toFixed(2)), price: p.price, scheduled_at: p.scheduledAt, ok: p.ok })), `Retirement of news_event: capital recovered ${krw(retirement.recoveredCapital)}, final stage ${retirement.stage}`));
show(lifecycle);
show(Table.fromRecords(lifecycle.statusReport().map((r) => ({ strategy: r.strategy, stage: r.stage, days_in_stage: r.daysInStage, age_days: r.totalAgeDays, transitions: r.transitions })), 'Lifecycle status'));"""),
    md("""## 7. A/B testing a new version

Before a new version replaces the old one, both run side by side on split capital (`trafficSplit`
0.5) and every closed trade's PnL is recorded per arm. `evaluate` refuses to decide before each arm
has `minTrades` trades, reports *in progress* until `durationDays` have passed, and computes three
two-sample tests on per-trade PnL:

- **Student's t** (pooled variance; scipy's `ttest_ind`): the reference's choice;
- **Welch's t**: no equal-variance assumption; the safer default when the versions differ in risk;
- **Mann-Whitney U**: rank-based; robust to the fat tails of trade PnL.

The decision uses the test named in `decideBy` at level `alpha` (0.05)."""),
    code("""const abClock = new risk.ManualClock(start);
const ab = new ops.ABTestManager(new Rng(7), abClock.clock);
const test = ab.createTest('momentum v2: volatility-scaled entries', 'btc_momentum', 'btc_momentum_v2', { trafficSplit: 0.5, durationDays: 14, minTrades: 50, decideBy: 'welch' });
const tradeRng = new Rng(99);
const snapshots: Record<string, string | number | boolean>[] = [];
for (let day = 1; day <= 21; day++) {
  abClock.set(start + day * DAY);
  for (let k = 0; k < 8; k++) {
    ab.recordTrade(test.id, 'control', 50_000 + 120_000 * tradeRng.normal());
    ab.recordTrade(test.id, 'treatment', 85_000 + 140_000 * tradeRng.normal());
  }
  if (day === 3 || day === 7 || day === 21) {
    const e = ab.evaluate(test.id);
    const p = (name: string): number | string => { const x = e.tests.find((r) => r.test === name); return x ? Number(x.pValue.toFixed(4)) : ''; };
    snapshots.push({ day: day, status: e.status, trades_per_arm: e.control.tradeCount, control_avg_pnl: Math.round(e.control.avgPnl), treatment_avg_pnl: Math.round(e.treatment.avgPnl), student_p: p('student'), welch_p: p('welch'), mann_whitney_p: p('mann-whitney'), significant: e.significant });
    console.log(`day ${day}: ${e.recommendation}`);
  }
}
show(Table.fromRecords(snapshots, `A/B test ${test.id}`));"""),
    md("""On day 3 there is not enough data. On day 7 the p-values are already below 0.05 but the test is
still *in progress*: stopping as soon as a p-value first dips below 0.05 inflates false positives
(the "peeking" problem), which is why the duration is fixed in advance. Compare also the improvement
the recommendation quotes on day 7 with the one on day 21: early estimates of a winner's edge are
typically too good. The three tests agree here; when trade PnL has fat tails or the arms differ in
risk, trust Welch and Mann-Whitney over Student.

## 8. Alerts with a cooldown

`AlertManager` evaluates rules on each strategy's metrics: the reference's three are drawdown above
10 % (critical), fill rate below 80 % (warning) and no heartbeat for 5 minutes (critical). An alert
is sent to every channel (Discord webhooks, Telegram bots; here a transport that records the
requests instead of sending them) unless the same `strategy:message` was sent less than the
**cooldown** (300 s) ago: then it is counted as suppressed. Without a cooldown a rule evaluated
every minute sends the same alert sixty times an hour."""),
    code("""const alertClock = new risk.ManualClock('2024-08-28T14:00:00Z');
const requests: ops.ChannelRequest[] = [];
const alerts = new ops.AlertManager(alertClock.clock, 300, ops.DEFAULT_ALERT_RULES, (r) => { requests.push(r); });
alerts.addDiscordWebhook('discord_trading', 'https://discord.com/api/webhooks/YOUR_WEBHOOK');
const heartbeat = alertClock.now();
const perMinute: Record<string, number | string>[] = [];
for (let minute = 0; minute <= 12; minute++) {
  alertClock.set(Date.parse('2024-08-28T14:00:00Z') + minute * 60_000);
  const sent = [
    ...alerts.evaluate({ strategy: 'news_event', currentDrawdown: minute < 6 ? 0.12 : 0.13 }),
    ...alerts.evaluate({ strategy: 'btc_market_maker', fillRate: 0.72, lastHeartbeat: heartbeat + (minute < 4 ? minute * 60_000 : 3 * 60_000) }),
  ];
  perMinute.push({ minute: minute, sent: sent.map((a) => `${a.strategy}: ${a.message}`).join(' | '), suppressed_so_far: alerts.suppressed });
}
show(Table.fromRecords(perMinute, 'Rules evaluated every minute'));
show(alerts);
console.log(ops.AlertManager.format(alerts.history[0]));
console.log(JSON.stringify(requests[0]));"""),
    md("""The drawdown alert goes out at minute 0, again when its message changes (12 % to 13 %, a new key)
and then only every 5 minutes; the stale heartbeat of the market maker (its last heartbeat at
minute 3) fires once it is more than 300 s old.

## 9. The whole system: Prometheus metrics and the daily report

`MultiStrategySystem` wires everything above around the strategies of the configuration: orders of
a strategy that is not RUNNING are blocked, every order goes through the risk manager and is
counted, `endOfDay` books each strategy's PnL, updates the gauges, runs the alert rules and raises a
critical alert when the emergency stop latches, and `evaluateLifecycle` applies the lifecycle rules.

Its exporter keeps every metric in the **Prometheus text exposition format** (what a `/metrics`
endpoint returns for Prometheus to scrape and Grafana to chart): PnL, long/short exposure,
drawdown and allocation per strategy (gauges), orders by side and status and risk events
(counters), order latency (histogram)."""),
    code("""const sysClock = new risk.ManualClock('2024-09-02T09:00:00Z');
const sent: ops.ChannelRequest[] = [];
const system = new ops.MultiStrategySystem(config, sysClock.clock, (r) => { sent.push(r); });
system.start();
const opening: [string, string, number][] = [
  ['btc_momentum', 'BTC/KRW', 0.3], ['eth_mean_reversion', 'ETH/KRW', 5], ['cross_exchange_arb', 'SOL/KRW', 80],
  ['btc_market_maker', 'BTC/KRW', 0.1], ['news_event', 'XRP/KRW', 15_000], ['news_event', 'XRP/KRW', 40_000],
];
for (const [strategy, symbol, quantity] of opening) system.submit({ strategy: strategy, symbol: symbol, side: 'buy', quantity: quantity, price: PRICE[symbol] });
for (let day = 0; day < 10; day++) {
  sysClock.set(Date.parse('2024-09-02T16:00:00Z') + day * DAY);
  const pnl: Record<string, number> = {};
  for (const s of config.strategies) pnl[s.name] = Math.round(R[s.name][150 + day] * s.capitalRatio * capital);
  for (const s of system.strategies.values()) if (s.name !== 'news_event') s.lastHeartbeat = sysClock.now(); // news_event has gone quiet
  system.endOfDay(pnl, { btc_market_maker: 0.93 });
}
const exposition = system.exporter.expose();
console.log(exposition.split('\\n').filter((line) => !line.startsWith('order_latency_seconds_bucket')).join('\\n'));"""),
    code("""show(system.risk);
show(system.alerts);
console.log(ops.formatDailyReport(system.dailyReport()));"""),
    md("""`news_event` stopped sending heartbeats after the first morning: the heartbeat rule raised a
critical alert at every end-of-day check (a day is far longer than the cooldown), and the daily health check lists it as an
issue. The daily report lists each strategy's state, PnL (realised plus unrealised), positions and
allocation, and the health check's issues (a strategy in ERROR, or without a heartbeat for 24
hours). In production the report goes to the alert channels once a day and Prometheus scrapes the
exposition every few seconds; here both are plain values you can test, store or print.

**Where to go next**
- the portfolio tutorial (`03-portfolio-and-risk`) builds the allocations inside one strategy;
- `portfolio.multiStrategyKelly` sizes strategies by fractional Kelly from their daily returns, and
  `portfolio.regimeOverlay` tilts them by market regime;
- `ops.loadOpsConfig(path)` loads the same configuration from a file.

## Reproducibility

The last cell records the experiment manifest: the seeds of every `Rng` used above (the simulation,
the A/B test ids and trades), the data files read (none here: everything is simulated) and the
software versions."""),
]
write_tutorial(cells, "04-multi-strategy-operations.ipynb")
