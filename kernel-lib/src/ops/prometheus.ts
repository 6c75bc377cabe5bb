import { InvalidArgumentError } from '../errors';

type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter' | 'histogram';
  labelNames: readonly string[];
  buckets?: readonly number[];
  /** key = label values joined by \u0000 */
  series: Map<string, { labels: Labels; value: number; counts?: number[]; sum?: number; count?: number }>;
}

/** Escapes a label value for the text format (backslash, double quote, newline). */
function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go-style float formatting used by Prometheus clients: integers without ".0", +Inf, NaN. */
function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return String(x);
}

/**
 * A metrics registry serialised in the Prometheus text exposition format 0.0.4:
 * `# HELP name text`, `# TYPE name gauge|counter|histogram`, then `name{l="v",...} value` lines;
 * histograms give cumulative `name_bucket{le="b"}` lines ending with `le="+Inf"`, then `name_sum`
 * and `name_count`. Counters only go up.
 */
export class MetricsRegistry {
  private families = new Map<string, Family>();

  gauge(name: string, help: string, labelNames: readonly string[] = []): void {
    this.define({ name, help, type: 'gauge', labelNames, series: new Map() });
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): void {
    this.define({ name, help, type: 'counter', labelNames, series: new Map() });
  }

  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): void {
    const b = [...buckets].sort((x, y) => x - y);
    this.define({ name, help, type: 'histogram', labelNames, buckets: b, series: new Map() });
  }

  /** Sets a gauge. */
  set(name: string, labels: Labels, value: number): void {
    const s = this.series(name, labels, 'gauge');
    s.value = value;
  }

  /** Adds `by` (>= 0, default 1) to a counter. */
  inc(name: string, labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new InvalidArgumentError(`counter ${name} can only increase (got ${by})`);
    this.series(name, labels, 'counter').value += by;
  }

  /** Records one observation in a histogram. */
  observe(name: string, labels: Labels, value: number): void {
    const f = this.family(name, 'histogram');
    const s = this.series(name, labels, 'histogram');
    const b = f.buckets!;
    for (let i = 0; i < b.length; i++) if (value <= b[i]) s.counts![i]++;
    s.sum! += value;
    s.count! += 1;
  }

  /** Current value of a gauge or counter series (undefined when never set). */
  value(name: string, labels: Labels = {}): number | undefined {
    const f = this.families.get(name);
    return f?.series.get(this.key(f, labels))?.value;
  }

  /** The whole registry in the text exposition format (families in definition order). */
  expose(): string {
    const out: string[] = [];
    for (const f of this.families.values()) {
      out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`);
      out.push(`# TYPE ${f.name} ${f.type}`);
      for (const s of f.series.values()) {
        const lab = (extra: Labels = {}): string => {
          const all = { ...s.labels, ...extra };
          const parts = Object.entries(all).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
          return parts.length ? `{${parts.join(',')}}` : '';
        };
        if (f.type === 'histogram') {
          f.buckets!.forEach((b, i) => out.push(`${f.name}_bucket${lab({ le: fmt(b) })} ${fmt(s.counts![i])}`));
          out.push(`${f.name}_bucket${lab({ le: '+Inf' })} ${fmt(s.count!)}`);
          out.push(`${f.name}_count${lab()} ${fmt(s.count!)}`);
          out.push(`${f.name}_sum${lab()} ${fmt(s.sum!)}`);
        } else {
          out.push(`${f.name}${lab()} ${fmt(s.value)}`);
        }
      }
    }
    return out.join('\n') + '\n';
  }

  private define(f: Family): void {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(f.name)) throw new InvalidArgumentError(`invalid metric name "${f.name}"`);
    if (this.families.has(f.name)) throw new InvalidArgumentError(`metric "${f.name}" is already defined`);
    this.families.set(f.name, f);
  }

  private family(name: string, type: Family['type']): Family {
    const f = this.families.get(name);
    if (!f) throw new InvalidArgumentError(`metric "${name}" is not defined`);
    if (f.type !== type) throw new InvalidArgumentError(`metric "${name}" is a ${f.type}, not a ${type}`);
    return f;
  }

  private key(f: Family, labels: Labels): string {
    const names = Object.keys(labels);
    if (names.length !== f.labelNames.length || !f.labelNames.every((n) => n in labels)) {
      throw new InvalidArgumentError(`metric "${f.name}" needs labels [${f.labelNames.join(', ')}], got [${names.join(', ')}]`);
    }
    return f.labelNames.map((n) => labels[n]).join('\u0000');
  }

  private series(name: string, labels: Labels, type: Family['type']) {
    const f = this.family(name, type);
    const k = this.key(f, labels);
    let s = f.series.get(k);
    if (!s) {
      const ordered: Labels = {};
      for (const n of f.labelNames) ordered[n] = labels[n];
      s = { labels: ordered, value: 0 };
      if (type === 'histogram') {
        s.counts = f.buckets!.map(() => 0);
        s.sum = 0;
        s.count = 0;
      }
      f.series.set(k, s);
    }
    return s;
  }
}

/** Latency buckets of `order_latency_seconds` (seconds). */
export const ORDER_LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0] as const;

/**
 * The reference's exporter metrics, all of them updated by `StrategyMetricsExporter`:
 * gauges strategy_pnl_total{strategy}, strategy_exposure_ratio{strategy,direction},
 * strategy_drawdown{strategy}, strategy_allocation_ratio{strategy}; counters
 * strategy_orders_total{strategy,side,status}, risk_events_total{event_type,strategy}; histogram
 * order_latency_seconds{strategy}.
 */
export class StrategyMetricsExporter {
  readonly registry = new MetricsRegistry();
  constructor() {
    const r = this.registry;
    r.gauge('strategy_pnl_total', 'Total PnL per strategy', ['strategy']);
    r.gauge('strategy_exposure_ratio', 'Exposure as a fraction of allocated capital', ['strategy', 'direction']);
    r.gauge('strategy_drawdown', 'Current drawdown per strategy', ['strategy']);
    r.gauge('strategy_allocation_ratio', 'Capital allocation ratio per strategy', ['strategy']);
    r.counter('strategy_orders_total', 'Orders per strategy, side and status', ['strategy', 'side', 'status']);
    r.counter('risk_events_total', 'Risk events per type and strategy', ['event_type', 'strategy']);
    r.histogram('order_latency_seconds', 'Order latency in seconds', ['strategy'], ORDER_LATENCY_BUCKETS);
  }

  /** Updates the strategy gauges. */
  updateStrategy(m: { strategy: string; pnl: number; longExposure: number; shortExposure: number; drawdown: number; allocation: number }): void {
    const r = this.registry;
    r.set('strategy_pnl_total', { strategy: m.strategy }, m.pnl);
    r.set('strategy_exposure_ratio', { strategy: m.strategy, direction: 'long' }, m.longExposure);
    r.set('strategy_exposure_ratio', { strategy: m.strategy, direction: 'short' }, m.shortExposure);
    r.set('strategy_drawdown', { strategy: m.strategy }, m.drawdown);
    r.set('strategy_allocation_ratio', { strategy: m.strategy }, m.allocation);
  }

  /** Counts an order and records its latency. */
  recordOrder(strategy: string, side: 'buy' | 'sell', status: string, latencySeconds?: number): void {
    this.registry.inc('strategy_orders_total', { strategy, side, status });
    if (latencySeconds !== undefined) this.registry.observe('order_latency_seconds', { strategy }, latencySeconds);
  }

  /** Counts a risk event (e.g. from PreTradeRiskManager.auditLog). */
  recordRiskEvent(eventType: string, strategy: string): void {
    this.registry.inc('risk_events_total', { event_type: eventType, strategy });
  }

  expose(): string {
    return this.registry.expose();
  }
}
