import { Widget } from '@lumino/widgets';
import { chartNode } from '../../charts/chart';
import { allocationChart, equityChart } from '../../charts/specs';
import type { Payload } from '../../payload/parse';
import { dataTable, el, section } from '../../render/dom';
import type { PayloadRendererRegistry } from '../../render/registry';
import { fixed, kpiCard, pct } from '../form';
import type { PortfolioModel } from './model';

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function withId(node: HTMLElement, id: string): HTMLElement {
  node.id = id;
  return node;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** KPI cards from an equity payload's metrics (empyrical names), else a signal backtest's KPIs. */
function kpis(doc: Document, equity: Payload | null, backtest: Payload | null): HTMLElement | null {
  const m = rec(equity?.metrics);
  const k = rec(backtest?.kpis);
  if (!equity && !backtest) return null;
  const cards = el(doc, 'div', 'af-kpis');
  cards.id = 'af-portfolio-kpis';
  if (equity) {
    cards.appendChild(kpiCard(doc, 'Cumulative return', pct(m.cumulative_return ?? m.total_return)));
    cards.appendChild(kpiCard(doc, 'CAGR', pct(m.cagr ?? m.annual_return)));
    cards.appendChild(kpiCard(doc, 'Sharpe', fixed(m.sharpe)));
    cards.appendChild(kpiCard(doc, 'Sortino', fixed(m.sortino)));
    cards.appendChild(kpiCard(doc, 'Calmar', fixed(m.calmar)));
    cards.appendChild(kpiCard(doc, 'Max drawdown', pct(m.max_drawdown), 'bad'));
    if (m.win_rate !== undefined) cards.appendChild(kpiCard(doc, 'Win rate', pct(m.win_rate)));
  } else {
    cards.appendChild(kpiCard(doc, 'Cumulative return', pct(k.cumulativeCompounded)));
    cards.appendChild(kpiCard(doc, 'Sharpe', fixed(k.sharpe)));
    cards.appendChild(kpiCard(doc, 'Max drawdown', pct(k.maxDrawdown), 'bad'));
  }
  return cards;
}

/** Risk limits: the emergency-stop banner and one utilisation gauge per limit. */
function riskLimits(doc: Document, p: Payload): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (p.emergency_stopped === true) {
    const banner = el(doc, 'div', 'af-emergency', 'EMERGENCY STOP: every order is blocked until an explicit reset.');
    banner.setAttribute('role', 'alert');
    banner.id = 'af-emergency-stop';
    out.push(banner);
  }
  const killed = arr(p.killed).map(String);
  if (killed.length > 0) out.push(el(doc, 'p', 'af-warning', `Kill switch on: ${killed.join(', ')}`));
  const list = el(doc, 'div', 'af-gauges');
  for (const l of arr(p.limits)) {
    const r = rec(l);
    const row = list.appendChild(el(doc, 'div', `af-gauge${r.breached === true ? ' af-breached' : ''}`));
    const name = String(r.name ?? '');
    row.appendChild(el(doc, 'span', 'af-gauge-label', name.replace(/_/g, ' ')));
    const meter = row.appendChild(el(doc, 'meter', 'af-gauge-meter'));
    const u = typeof r.utilisation === 'number' ? r.utilisation : 0;
    meter.min = 0;
    meter.max = 1;
    meter.low = 0.7;
    meter.high = 0.9;
    meter.optimum = 0;
    meter.value = Math.max(0, Math.min(1, u));
    meter.setAttribute('aria-label', `${name} utilisation`);
    row.appendChild(el(doc, 'span', 'af-gauge-value', `${pct(r.utilisation)} of ${pct(r.limit)}${r.breached === true ? ' (breached)' : ''}`));
  }
  out.push(section(doc, 'Risk limits', list));
  return out;
}

/** The Portfolio sidebar: a dashboard of the followed notebook's latest payloads of each kind. */
export class PortfolioView extends Widget {
  constructor(
    private readonly model: PortfolioModel,
    private readonly renderers: PayloadRendererRegistry,
  ) {
    super();
    this.addClass('af-sidebar');
    this.addClass('af-portfolio');
    model.changed.connect(this.render, this);
    this.render();
  }

  dispose(): void {
    this.model.changed.disconnect(this.render, this);
    super.dispose();
  }

  private render(): void {
    const doc = this.node.ownerDocument;
    const m = this.model;
    const nodes: HTMLElement[] = [el(doc, 'h2', 'af-sidebar-title', 'Portfolio')];
    const source = m.source;
    nodes.push(
      el(doc, 'p', 'af-following', source ? `Following ${source.name}` : 'No notebook is active. Open a notebook to follow its Alpha Factory outputs.'),
    );
    const risk = m.latestOf('risk-limits');
    if (risk) nodes.push(...riskLimits(doc, risk));
    const equity = m.latestOf('equity');
    const card = kpis(doc, equity, m.latestOf('signal-backtest'));
    if (card) nodes.push(card);
    const regime = m.latestOf('regime');
    if (regime) {
      const states = arr(regime.states);
      const cur = states.length ? states[states.length - 1] : null;
      const probs = arr(regime.last_probabilities).map((x) => pct(x)).join(' / ');
      const r = el(doc, 'p', 'af-regime', `Current regime: state ${cur === null ? '–' : String(cur)} (${String(regime.model ?? '')}; probabilities ${probs})`);
      r.id = 'af-regime';
      nodes.push(r);
    }
    const allocation = m.latestOf('allocation');
    if (allocation || equity) {
      const current = equity && Array.isArray(equity.final_weights) ? ({ kind: 'allocation', version: 1, assets: equity.assets, weights: equity.final_weights, cash: null } as Payload) : null;
      if (allocation || current) nodes.push(chartNode(doc, allocationChart(current, allocation), 'Allocation: current vs target (with cash)', 'af-chart af-allocation-chart'));
    }
    const v = m.latestOf('var');
    if (v) {
      const rows = arr(v.estimates).map((e) => [String(rec(e).method ?? ''), pct(rec(e).var), pct(rec(e).cvar)]);
      nodes.push(withId(section(doc, `VaR / CVaR at ${pct(v.confidence)}`, dataTable(doc, ['method', 'VaR', 'CVaR'], rows)), 'af-var'));
    }
    if (equity) nodes.push(chartNode(doc, equityChart(equity), 'Equity and drawdown', 'af-chart af-equity-chart'));
    const life = m.latestOf('lifecycle');
    if (life) {
      const rows = arr(life.strategies).map((s) => [String(rec(s).name ?? ''), String(rec(s).stage ?? ''), rec(s).days_in_stage ?? null]);
      nodes.push(withId(section(doc, 'Strategy lifecycle', dataTable(doc, ['strategy', 'stage', 'days in stage'], rows)), 'af-lifecycle'));
    }
    const alerts = m.latestOf('alerts');
    if (alerts) {
      const ul = el(doc, 'ul', 'af-alerts');
      for (const a of arr(alerts.alerts).slice().reverse().slice(0, 50)) {
        const r = rec(a);
        const li = ul.appendChild(el(doc, 'li', `af-alert af-alert-${String(r.level ?? 'info').replace(/[^a-z]/g, '')}`));
        li.appendChild(el(doc, 'span', 'af-alert-time', String(r.time ?? '')));
        li.appendChild(el(doc, 'span', 'af-alert-level', String(r.level ?? '')));
        li.appendChild(el(doc, 'span', 'af-alert-text', `${String(r.strategy ?? '')}: ${String(r.message ?? '')}`));
      }
      nodes.push(withId(section(doc, 'Alerts', ul), 'af-alerts'));
    }
    const latest = m.latest;
    if (latest) {
      const holder = el(doc, 'div', 'af-latest-payload');
      holder.setAttribute('aria-live', 'polite');
      holder.appendChild(this.renderers.render(latest.payload, doc));
      nodes.push(section(doc, 'Latest output', holder));
    } else if (source) {
      nodes.push(el(doc, 'p', 'af-empty', 'No Alpha Factory output in this notebook yet. Run a cell that calls show(...) on an engine object.'));
    }
    this.node.replaceChildren(...nodes);
  }
}
