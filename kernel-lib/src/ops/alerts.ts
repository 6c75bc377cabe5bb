import { InvalidArgumentError } from '../errors';
import { systemClock, type Clock } from '../risk/clock';

export type AlertLevel = 'info' | 'warning' | 'critical';

/** Emoji per level, as the reference maps them. */
export const ALERT_EMOJI: Readonly<Record<AlertLevel, string>> = Object.freeze({ info: 'ℹ️', warning: '⚠️', critical: '☠️' });

export interface Alert {
  strategy: string;
  level: AlertLevel;
  message: string;
  time: number;
  rule?: string;
}

/** The metrics alert rules read (the reference's MetricsCollector record, flattened). */
export interface AlertMetrics {
  strategy: string;
  /** Current drawdown, positive fraction. */
  currentDrawdown?: number;
  fillRate?: number;
  /** Time of the last heartbeat (ms). */
  lastHeartbeat?: number;
  [key: string]: unknown;
}

export interface AlertRule {
  name: string;
  level: AlertLevel;
  /** True when the rule fires; `now` is the manager's clock. */
  when: (m: AlertMetrics, now: number) => boolean;
  message: (m: AlertMetrics, now: number) => string;
}

/** The reference's three rules: drawdown > 10 % critical, fill rate < 80 % warning, heartbeat older than 300 s critical. */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  { name: 'drawdown', level: 'critical', when: (m) => (m.currentDrawdown ?? 0) > 0.1, message: (m) => `drawdown warning: ${((m.currentDrawdown ?? 0) * 100).toFixed(1)}%` },
  { name: 'fill_rate', level: 'warning', when: (m) => m.fillRate !== undefined && m.fillRate < 0.8, message: (m) => `low fill rate: ${((m.fillRate ?? 0) * 100).toFixed(1)}%` },
  { name: 'heartbeat', level: 'critical', when: (m, now) => m.lastHeartbeat !== undefined && (now - m.lastHeartbeat) / 1000 > 300, message: () => 'strategy unresponsive (5 min+)' },
];

/** A channel's request, built but not sent (sending is the caller's transport). */
export interface ChannelRequest {
  channel: string;
  url: string;
  body: Record<string, unknown>;
}

export interface AlertsPayload {
  kind: 'alerts';
  version: 1;
  cooldown_seconds: number;
  suppressed: number;
  alerts: { time: string; strategy: string; level: AlertLevel; message: string; rule: string | null }[];
}

/**
 * Alert rules and delivery with a per-key cooldown: an alert whose key `strategy:message` was sent
 * less than `cooldownSeconds` (300) ago is suppressed (counted, not sent). Channels are Discord
 * webhooks (`{content}`) and Telegram bots (POST `https://api.telegram.org/bot<token>/sendMessage`
 * with `{chat_id, text, parse_mode: 'Markdown'}`); `send` builds one request per channel and hands
 * it to `transport`; a failing channel is recorded and the others still get the alert.
 */
export class AlertManager {
  private lastSent = new Map<string, number>();
  private sent: Alert[] = [];
  private channels: { name: string; build: (text: string) => ChannelRequest }[] = [];
  suppressed = 0;
  readonly failures: { channel: string; error: string; time: number }[] = [];

  constructor(
    private readonly clock: Clock = systemClock,
    readonly cooldownSeconds = 300,
    readonly rules: readonly AlertRule[] = DEFAULT_ALERT_RULES,
    private readonly transport: (r: ChannelRequest) => void = () => undefined,
  ) {
    if (!(cooldownSeconds >= 0)) throw new InvalidArgumentError(`cooldownSeconds must be >= 0, got ${cooldownSeconds}`);
  }

  addDiscordWebhook(name: string, url: string): void {
    this.channels.push({ name, build: (text) => ({ channel: name, url, body: { content: text } }) });
  }

  addTelegramBot(name: string, token: string, chatId: string): void {
    this.channels.push({ name, build: (text) => ({ channel: name, url: `https://api.telegram.org/bot${token}/sendMessage`, body: { chat_id: chatId, text, parse_mode: 'Markdown' } }) });
  }

  /** The message text: `<emoji> **strategy** - LEVEL\nmessage\ntime: ISO`. */
  static format(a: Alert): string {
    return `${ALERT_EMOJI[a.level]} **${a.strategy}** - ${a.level.toUpperCase()}\n${a.message}\ntime: ${new Date(a.time).toISOString()}`;
  }

  /** Runs every rule on the metrics and sends what fires; returns the alerts actually sent. */
  evaluate(m: AlertMetrics): Alert[] {
    const now = this.clock();
    const out: Alert[] = [];
    for (const r of this.rules) {
      if (!r.when(m, now)) continue;
      const a: Alert = { strategy: m.strategy, level: r.level, message: r.message(m, now), time: now, rule: r.name };
      if (this.send(a)) out.push(a);
    }
    return out;
  }

  /** Sends an alert unless its key is cooling down; returns whether it was sent. */
  send(alert: Omit<Alert, 'time'> & { time?: number }): boolean {
    const now = alert.time ?? this.clock();
    const a: Alert = { ...alert, time: now };
    const key = `${a.strategy}:${a.message}`;
    const prev = this.lastSent.get(key);
    if (prev !== undefined && now - prev < this.cooldownSeconds * 1000) {
      this.suppressed++;
      return false;
    }
    this.lastSent.set(key, now);
    this.sent.push(a);
    const text = AlertManager.format(a);
    for (const ch of this.channels) {
      try {
        this.transport(ch.build(text));
      } catch (err) {
        this.failures.push({ channel: ch.name, error: err instanceof Error ? err.message : String(err), time: now });
      }
    }
    return true;
  }

  /** Sent alerts, oldest first. */
  get history(): Alert[] {
    return this.sent.slice();
  }

  toPayload(maxAlerts = 200): AlertsPayload {
    return {
      kind: 'alerts',
      version: 1,
      cooldown_seconds: this.cooldownSeconds,
      suppressed: this.suppressed,
      alerts: this.sent.slice(-maxAlerts).map((a) => ({ time: new Date(a.time).toISOString(), strategy: a.strategy, level: a.level, message: a.message, rule: a.rule ?? null })),
    };
  }

  toString(): string {
    return [`Alerts: ${this.sent.length} sent, ${this.suppressed} suppressed by the ${this.cooldownSeconds} s cooldown`, ...this.sent.slice(-10).map((a) => `  ${new Date(a.time).toISOString()} ${a.level.toUpperCase().padEnd(8)} ${a.strategy}: ${a.message}`)].join('\n');
  }
}
