/**
 * The validation gate: a candidate factor passes when every check passes.
 *
 * | check            | passes when                                   | default |
 * |------------------|-----------------------------------------------|---------|
 * | ic               | mean daily IC >= minIC                        | 0.02    |
 * | t_stat           | t of the daily IC >= minTStat                 | 2.0     |
 * | cost             | costDrag < maxCostShare x grossReturn         | 0.3     |
 * | liquidity        | liquidity score >= minLiquidity               | 0.7     |
 * | zoo_correlation  | max |corr| to active zoo members <= max       | 0.8     |
 *
 * Cost drag and gross return are both fractions of gross capital per day (`economics.ts`).
 * A check whose input is unavailable (no volume data for liquidity) is `skipped`, shown as
 * such, and does not fail the gate; an empty zoo makes zoo_correlation pass with value 0.
 * A NaN input (e.g. no IC could be computed) fails its check.
 */
import { DEFAULT_GATE_THRESHOLDS, type GateThresholds } from './thresholds';
import { InvalidArgumentError } from '../../errors';
import { num } from '../metrics/json';

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface GateCheck {
  name: 'ic' | 't_stat' | 'cost' | 'liquidity' | 'zoo_correlation';
  /** The measured value (for `cost`: the cost drag per day). */
  value: number;
  /** The bound it is compared with (for `cost`: maxCostShare x grossReturn). */
  threshold: number;
  comparison: '>=' | '<' | '<=';
  status: CheckStatus;
  detail: string;
}

export interface GateInput {
  ic: number;
  tStat: number;
  grossReturn: number;
  costDrag: number;
  /** Omit (or NaN) when there is no volume data: the check is skipped. */
  liquidity?: number;
  /** Max |corr| to active zoo members; omit or 0 for an empty zoo. */
  maxZooCorrelation?: number;
}

export class GateResult {
  constructor(
    readonly checks: GateCheck[],
    readonly thresholds: GateThresholds,
  ) {}

  get pass(): boolean {
    return this.checks.every((c) => c.status !== 'fail');
  }

  /** Names of the failed checks. */
  get failures(): string[] {
    return this.checks.filter((c) => c.status === 'fail').map((c) => c.name);
  }

  check(name: GateCheck['name']): GateCheck {
    const c = this.checks.find((k) => k.name === name);
    if (!c) throw new InvalidArgumentError(`gate has no check "${name}"`);
    return c;
  }

  toJSON(): { pass: boolean; checks: { name: string; value: number | null; threshold: number | null; comparison: string; status: CheckStatus; detail: string }[] } {
    return {
      pass: this.pass,
      checks: this.checks.map((c) => ({ ...c, value: num(c.value), threshold: num(c.threshold) })),
    };
  }

  toString(): string {
    const rows = this.checks.map((c) => {
      const v = Number.isFinite(c.value) ? c.value.toPrecision(4) : 'n/a';
      const th = Number.isFinite(c.threshold) ? c.threshold.toPrecision(4) : 'n/a';
      return `  ${c.status.toUpperCase().padEnd(7)} ${c.name.padEnd(16)} ${v} ${c.comparison} ${th}  ${c.detail}`;
    });
    return [`Gate: ${this.pass ? 'PASS' : 'FAIL'}`, ...rows].join('\n');
  }
}

function resolve(thresholds?: Partial<GateThresholds>): GateThresholds {
  const t = { ...DEFAULT_GATE_THRESHOLDS, ...(thresholds ?? {}) };
  for (const [k, v] of Object.entries(t)) {
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`gate threshold ${k} must be a finite number, got ${v}`);
  }
  return t;
}

function status(ok: boolean, value: number): CheckStatus {
  return Number.isFinite(value) && ok ? 'pass' : 'fail';
}

/** Apply the gate to already-measured figures. */
export function validateFactor(input: GateInput, thresholds?: Partial<GateThresholds>): GateResult {
  const th = resolve(thresholds);
  const checks: GateCheck[] = [];
  checks.push({ name: 'ic', value: input.ic, threshold: th.minIC, comparison: '>=', status: status(input.ic >= th.minIC, input.ic), detail: 'mean daily IC' });
  checks.push({
    name: 't_stat',
    value: input.tStat,
    threshold: th.minTStat,
    comparison: '>=',
    status: status(input.tStat >= th.minTStat, input.tStat),
    detail: 't-statistic of the daily IC',
  });
  const bound = th.maxCostShare * input.grossReturn;
  checks.push({
    name: 'cost',
    value: input.costDrag,
    threshold: bound,
    comparison: '<',
    status: status(input.grossReturn > 0 && input.costDrag < bound, input.costDrag),
    detail: `cost drag vs ${th.maxCostShare} x gross return ${Number.isFinite(input.grossReturn) ? input.grossReturn.toExponential(3) : 'n/a'} (per day)`,
  });
  const liq = input.liquidity ?? NaN;
  checks.push({
    name: 'liquidity',
    value: liq,
    threshold: th.minLiquidity,
    comparison: '>=',
    status: Number.isNaN(liq) ? 'skipped' : status(liq >= th.minLiquidity, liq),
    detail: Number.isNaN(liq) ? 'no volume data' : 'share of gross position outside the least liquid fifth',
  });
  const corr = input.maxZooCorrelation ?? 0;
  checks.push({
    name: 'zoo_correlation',
    value: corr,
    threshold: th.maxZooCorrelation,
    comparison: '<=',
    status: status(corr <= th.maxZooCorrelation, corr),
    detail: 'max |corr| to active zoo members',
  });
  return new GateResult(checks, th);
}
