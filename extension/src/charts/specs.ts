/**
 * Chart specs from payloads: pure functions, no numbers computed beyond reshaping what the
 * kernel sent (rows to columns, nulls to gaps).
 */
import type { Payload } from '../payload/parse';
import type { ChartSpec } from './chart';

type Series = (number | null)[];

function series(v: unknown): Series {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'number' && Number.isFinite(x) ? x : null)) : [];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

function xAxis(dates: unknown, n: number): (string | number)[] {
  const d = strings(dates);
  return d.length === n ? d : Array.from({ length: n }, (_, i) => i);
}

/** Weights over time (combination payload): one stacked area per factor from the first weighted date. */
export function weightsChart(p: Payload): ChartSpec {
  const rows = Array.isArray(p.weights) ? (p.weights as unknown[]).map(series) : [];
  const names = strings(p.names);
  const first = typeof p.firstWeighted === 'number' && p.firstWeighted >= 0 ? p.firstWeighted : 0;
  const x = xAxis(p.dates, rows.length).slice(first);
  const data = names.map((name, k) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x,
    y: rows.slice(first).map((r) => r[k] ?? null),
    stackgroup: 'weights',
  }));
  return { data, layout: { yaxis: { title: { text: 'weight' } }, hovermode: 'x unified' } };
}

/** Daily RankIC of the dynamic mega-alpha against the fixed-weight baseline (combination payload). */
export function megaVsBaselineChart(p: Payload): ChartSpec {
  const mega = series((p.mega as Record<string, unknown> | undefined)?.dailyRankIC);
  const base = series((p.baseline as Record<string, unknown> | undefined)?.dailyRankIC);
  const n = Math.max(mega.length, base.length);
  const x = xAxis(p.dates, n);
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'mega-alpha (dynamic weights)', x, y: mega },
      { type: 'scatter', mode: 'lines', name: 'fixed-weight baseline', x, y: base },
    ],
    layout: { yaxis: { title: { text: 'daily RankIC' } } },
  };
}

/** Cumulative net return of signal backtests, one line per strategy. */
export function cumulativeChart(items: { name: string; payload: Payload }[]): ChartSpec {
  return {
    data: items.map(({ name, payload }) => {
      const y = series(payload.cumulativeCompounded);
      return { type: 'scatter', mode: 'lines', name, x: xAxis(payload.dates, y.length), y };
    }),
    layout: { yaxis: { title: { text: 'cumulative return' }, tickformat: '.0%' } },
  };
}

/** A square matrix table (first column = row label) as a heatmap in [-1, 1]. */
export function correlationHeatmap(t: { columns: string[]; rows: unknown[][] }): ChartSpec {
  const labels = t.columns.slice(1);
  const z = t.rows.map((r) => series(r.slice(1)));
  return {
    data: [{ type: 'heatmap', x: labels, y: t.rows.map((r) => String(r[0])), z, zmin: -1, zmax: 1, colorscale: 'RdBu', reversescale: true }],
    layout: { yaxis: { autorange: 'reversed', type: 'category' }, xaxis: { type: 'category' } },
  };
}

/** Equity and drawdown (equity payload) on two stacked axes. */
export function equityChart(p: Payload): ChartSpec {
  const eq = series(p.equity);
  const dd = series(p.drawdown);
  const x = xAxis(p.dates, eq.length);
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'equity', x, y: eq, yaxis: 'y' },
      { type: 'scatter', mode: 'lines', name: 'drawdown', x, y: dd, yaxis: 'y2', fill: 'tozeroy' },
    ],
    layout: { grid: { rows: 2, columns: 1, pattern: 'independent' }, yaxis: { title: { text: 'equity' } }, yaxis2: { title: { text: 'drawdown' }, tickformat: '.0%' } },
  };
}

/** Current vs target allocation with cash (allocation payloads). */
export function allocationChart(current: Payload | null, target: Payload | null): ChartSpec {
  const bars = (label: string, p: Payload | null): Record<string, unknown> | null => {
    if (!p) return null;
    const assets = [...strings(p.assets), 'cash'];
    return { type: 'bar', name: label, x: assets, y: [...series(p.weights), typeof p.cash === 'number' ? p.cash : null] };
  };
  return {
    data: [bars('current', current), bars('target', target)].filter((b): b is Record<string, unknown> => b !== null),
    layout: { barmode: 'group', yaxis: { title: { text: 'weight' }, tickformat: '.0%' } },
  };
}
