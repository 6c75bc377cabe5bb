import { chartNode } from '../../../charts/chart';
import { cumulativeChart, megaVsBaselineChart, weightsChart } from '../../../charts/specs';
import { COMBINATION_METHODS } from '../../../codegen/actions';
import { dataTable, el, section } from '../../../render/dom';
import { actionStatus, button, fixed, kpiCard, numberField, pct, selectField, textField } from '../../form';
import type { AlphaFactoryModel } from '../model';

/** Combination tab: parameters -> generated runCombination + backtest cell; charts, KPIs, strategies, report. */
export function combinationTab(
  doc: Document,
  model: AlphaFactoryModel,
  currentNotebook: () => string | null,
): { form: HTMLElement; results: () => HTMLElement } {
  const set = <K extends keyof typeof model.combinationParams>(k: K) => (v: (typeof model.combinationParams)[K]): void => {
    model.combinationParams = { ...model.combinationParams, [k]: v };
  };
  const c = model.combinationParams;
  const form = el(doc, 'form', 'af-form af-form-grid');
  form.setAttribute('aria-label', 'Combination and backtest');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void model.combine();
  });
  form.appendChild(textField(doc, 'Start date', c.start, set('start'), { id: 'af-comb-start', type: 'date' }));
  form.appendChild(textField(doc, 'End date', c.end, set('end'), { id: 'af-comb-end', type: 'date' }));
  form.appendChild(numberField(doc, 'Window (dates, 0 = expanding)', c.window, set('window'), { id: 'af-comb-window', min: 0, step: 1 }));
  form.appendChild(numberField(doc, 'Top N factors', c.topN, set('topN'), { id: 'af-comb-topn', min: 1, step: 1 }));
  form.appendChild(selectField(doc, 'Weighting method', c.method, COMBINATION_METHODS, set('method'), { id: 'af-comb-method' }));
  form.appendChild(numberField(doc, 'Label horizon (days)', c.horizon, set('horizon'), { id: 'af-comb-horizon', min: 1, step: 1 }));
  form.appendChild(textField(doc, 'Strategy name', c.name, set('name'), { id: 'af-comb-name' }));
  const buttons = form.appendChild(el(doc, 'div', 'af-buttons'));
  buttons.appendChild(button(doc, 'Run combination and backtest', () => void model.combine(), { id: 'af-comb-run', primary: true }));
  buttons.appendChild(
    button(doc, 'Export report', () => {
      const nb = currentNotebook();
      if (nb) void model.exportReport(nb);
      else {
        model.report.error = 'Open the notebook to export first.';
        model.emit('combination');
      }
    }, { id: 'af-export-report', title: 'Execute the notebook and write its HTML report (alpha-factory report)' }),
  );

  const results = (): HTMLElement => {
    const root = el(doc, 'div', 'af-results');
    root.appendChild(actionStatus(doc, model.combinationRun, 'Combining the factors and backtesting…'));
    const bt = model.backtest;
    if (bt) {
      const k = (bt.kpis ?? {}) as Record<string, unknown>;
      const cards = root.appendChild(el(doc, 'div', 'af-kpis'));
      cards.id = 'af-comb-kpis';
      cards.appendChild(kpiCard(doc, 'Cumulative return', pct(k.cumulativeCompounded)));
      cards.appendChild(kpiCard(doc, 'Sharpe', fixed(k.sharpe)));
      cards.appendChild(kpiCard(doc, 'Max drawdown', pct(k.maxDrawdown)));
      cards.appendChild(kpiCard(doc, 'Annual return', pct(k.annualReturn)));
    }
    const comb = model.combination;
    if (comb) {
      const charts = root.appendChild(el(doc, 'div', 'af-charts'));
      charts.appendChild(chartNode(doc, weightsChart(comb), 'Factor weights over time', 'af-chart af-weights-chart'));
      charts.appendChild(chartNode(doc, megaVsBaselineChart(comb), 'Mega-alpha vs fixed-weight baseline: daily RankIC', 'af-chart af-mega-chart'));
    }
    if (bt) root.appendChild(chartNode(doc, cumulativeChart([{ name: model.combinationParams.name, payload: bt }]), 'Backtest: cumulative net return', 'af-chart'));
    if (model.strategies.length > 0) {
      const cols = ['strategy', 'cumulative', 'Sharpe', 'max drawdown', 'annual return', 'turnover'];
      const rows = model.strategies.map((s) => [s.name, pct(s.kpis.cumulativeCompounded), fixed(s.kpis.sharpe), pct(s.kpis.maxDrawdown), pct(s.kpis.annualReturn), fixed(s.kpis.meanTurnover, 3)]);
      root.appendChild(section(doc, 'Saved strategies', dataTable(doc, cols, rows))).id = 'af-strategies';
    }
    root.appendChild(actionStatus(doc, model.report, 'Executing the notebook and writing the HTML report…'));
    if (model.reportMessage) root.appendChild(el(doc, 'p', 'af-note af-report-message', model.reportMessage));
    if (!comb && !model.combinationRun.running && !model.combinationRun.error) {
      root.appendChild(el(doc, 'p', 'af-empty', 'Select factors in the Factors tab (or none for all), then run the combination.'));
    }
    return root;
  };
  return { form, results };
}
