import * as fs from 'node:fs';
import { AlphaFactoryError } from '../errors';
import { riskLimits, type RiskLimits } from '../risk/limits';
import { parseYaml } from './yaml';

/** Strategy types the reference's system knows. */
export const STRATEGY_TYPES = ['momentum', 'mean_reversion', 'arbitrage', 'market_making', 'trend_following'] as const;

const RISK_KEYS: Record<string, keyof RiskLimits> = {
  max_total_exposure: 'maxTotalExposure',
  max_single_strategy_exposure: 'maxStrategyExposure',
  max_daily_loss: 'maxDailyLoss',
  max_weekly_loss: 'maxWeeklyLoss',
  max_correlation_exposure: 'maxCorrelatedExposure',
  max_single_asset_exposure: 'maxAssetExposure',
  emergency_stop_loss: 'emergencyStopLoss',
  correlation_threshold: 'correlationThreshold',
};

export interface OpsConfig {
  system: { totalCapital: number; rebalanceHours: number; baseCurrency: string };
  strategies: { name: string; type: (typeof STRATEGY_TYPES)[number]; capitalRatio: number; params: Record<string, unknown> }[];
  riskLimits: RiskLimits;
  alerts: { name: string; kind: 'discord' | 'telegram'; webhookUrl?: string; botToken?: string; chatId?: string }[];
}

type Json = Record<string, unknown>;

/**
 * Validates a parsed configuration against the rules of schema/ops-config.v1.schema.json (the same
 * required keys, types and ranges, no unknown keys) plus what a JSON Schema cannot say: capital
 * ratios sum to <= 1 and strategy names are unique. Throws `invalid_config` naming the path.
 */
export function validateOpsConfig(raw: unknown, file = 'config'): OpsConfig {
  const fail = (path: string, msg: string): never => {
    throw new AlphaFactoryError('invalid_config', `${path}: ${msg}`, { file });
  };
  const obj = (x: unknown, path: string): Json => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : fail(path, 'must be a mapping'));
  const only = (o: Json, keys: readonly string[], path: string): void => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${path}.${k}`, 'unknown key');
  };
  const num = (x: unknown, path: string, lo: number, hi: number, loOpen = true): number =>
    typeof x === 'number' && Number.isFinite(x) && (loOpen ? x > lo : x >= lo) && x <= hi ? x : fail(path, `must be a number in ${loOpen ? '(' : '['}${lo}, ${hi}]`);
  const str = (x: unknown, path: string): string => (typeof x === 'string' && x.length > 0 ? x : fail(path, 'must be a non-empty string'));

  const root = obj(raw, '$');
  only(root, ['system', 'strategies', 'risk_limits', 'alerts'], '$');
  const sys = obj(root.system ?? fail('$.system', 'is required'), '$.system');
  only(sys, ['total_capital', 'rebalance_hours', 'base_currency'], '$.system');
  const system = {
    totalCapital: num(sys.total_capital ?? fail('$.system.total_capital', 'is required'), '$.system.total_capital', 0, Number.MAX_VALUE),
    rebalanceHours: sys.rebalance_hours === undefined ? 24 : num(sys.rebalance_hours, '$.system.rebalance_hours', 0, 8760),
    baseCurrency: sys.base_currency === undefined ? 'USD' : str(sys.base_currency, '$.system.base_currency'),
  };
  const list = root.strategies ?? fail('$.strategies', 'is required');
  if (!Array.isArray(list) || list.length === 0) fail('$.strategies', 'must be a non-empty list');
  const names = new Set<string>();
  let total = 0;
  const strategies = (list as unknown[]).map((x, i) => {
    const p = `$.strategies[${i}]`;
    const s = obj(x, p);
    only(s, ['name', 'type', 'capital_ratio', 'params'], p);
    const name = str(s.name, `${p}.name`);
    if (names.has(name)) fail(`${p}.name`, `duplicate strategy name "${name}"`);
    names.add(name);
    const type = str(s.type, `${p}.type`) as OpsConfig['strategies'][number]['type'];
    if (!STRATEGY_TYPES.includes(type)) fail(`${p}.type`, `unknown strategy type "${type}" (known: ${STRATEGY_TYPES.join(', ')})`);
    const capitalRatio = num(s.capital_ratio, `${p}.capital_ratio`, 0, 1);
    total += capitalRatio;
    const params = s.params === undefined ? {} : obj(s.params, `${p}.params`);
    return { name, type, capitalRatio, params };
  });
  if (total > 1 + 1e-9) fail('$.strategies', `capital ratios sum to ${total.toFixed(4)} > 1`);
  const limits: Partial<RiskLimits> = {};
  if (root.risk_limits !== undefined) {
    const rl = obj(root.risk_limits, '$.risk_limits');
    only(rl, Object.keys(RISK_KEYS), '$.risk_limits');
    for (const [k, v] of Object.entries(rl)) limits[RISK_KEYS[k]] = num(v, `$.risk_limits.${k}`, 0, 1);
  }
  const alerts: OpsConfig['alerts'] = [];
  if (root.alerts !== undefined) {
    const al = obj(root.alerts, '$.alerts');
    for (const [name, v] of Object.entries(al)) {
      const p = `$.alerts.${name}`;
      const a = obj(v, p);
      if ('webhook_url' in a) {
        only(a, ['webhook_url'], p);
        alerts.push({ name, kind: 'discord', webhookUrl: str(a.webhook_url, `${p}.webhook_url`) });
      } else if ('bot_token' in a) {
        only(a, ['bot_token', 'chat_id'], p);
        alerts.push({ name, kind: 'telegram', botToken: str(a.bot_token, `${p}.bot_token`), chatId: String(a.chat_id ?? fail(`${p}.chat_id`, 'is required')) });
      } else fail(p, 'needs webhook_url (Discord) or bot_token and chat_id (Telegram)');
    }
  }
  return { system, strategies, riskLimits: riskLimits(limits), alerts };
}

/** Reads a YAML (or JSON) operations configuration file and validates it. */
export function loadOpsConfig(path: string): OpsConfig {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    throw new AlphaFactoryError('file_not_found', `cannot read configuration file`, { file: path });
  }
  const raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, path);
  return validateOpsConfig(raw, path);
}
