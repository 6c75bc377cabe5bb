import { vegaLiteToSvg, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './vega';

/**
 * A chart is a vega-lite v5 spec. `show(chart)` sends it interactive to JupyterLab and as
 * SVG for the static HTML report. The builders below cover what the tutorials and engine
 * results need; any hand-written vega-lite spec can be wrapped with `new Chart(spec)`.
 */
export class Chart {
  readonly spec: VegaLiteSpec;

  constructor(spec: VegaLiteSpec) {
    this.spec = { $schema: VEGA_LITE_SCHEMA, ...spec };
  }

  get title(): string {
    const t = this.spec.title;
    if (typeof t === 'string') return t;
    if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string') return (t as { text: string }).text;
    return 'chart';
  }

  /** Static SVG rendition (rendered in-process by vega). */
  toSvg(): string {
    return vegaLiteToSvg(this.spec);
  }

  toString(): string {
    return `Chart(${this.title})`;
  }
}

export function isChart(x: unknown): x is Chart {
  return x instanceof Chart;
}

type Row = Record<string, string | number | null>;

export interface SizeOptions {
  title?: string;
  width?: number;
  height?: number;
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Lines over dates: one line per named series. NaN values are left out (gaps), never drawn as 0.
 * `xFormat` is a d3 time format for the date axis labels (e.g. '%Y' or '%b %Y'); by default
 * vega picks one, which over a few years may show month names without the year.
 */
export function lineChart(
  dates: readonly string[],
  series: Record<string, ArrayLike<number>>,
  opts: SizeOptions & { yTitle?: string; xTitle?: string; xFormat?: string } = {},
): Chart {
  const values: Row[] = [];
  for (const [name, ys] of Object.entries(series)) {
    if (ys.length !== dates.length) {
      throw new RangeError(`lineChart: series "${name}" has ${ys.length} values for ${dates.length} dates`);
    }
    for (let t = 0; t < dates.length; t++) {
      const y = finite(ys[t]);
      if (y !== null) values.push({ date: dates[t], series: name, value: y });
    }
  }
  const multi = Object.keys(series).length > 1;
  return new Chart({
    title: opts.title,
    width: opts.width ?? 640,
    height: opts.height ?? 260,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.25 },
    encoding: {
      x: { field: 'date', type: 'temporal', title: opts.xTitle ?? 'date', ...(opts.xFormat ? { axis: { format: opts.xFormat } } : {}) },
      y: { field: 'value', type: 'quantitative', title: opts.yTitle ?? (multi ? 'value' : Object.keys(series)[0]) },
      ...(multi ? { color: { field: 'series', type: 'nominal', title: null } } : {}),
      tooltip: [
        { field: 'date', type: 'temporal' },
        { field: 'series', type: 'nominal' },
        { field: 'value', type: 'quantitative', format: '.4~g' },
      ],
    },
  });
}

/** Bars for labelled values (e.g. AIC by model). */
export function barChart(
  labels: readonly string[],
  values: ArrayLike<number>,
  opts: SizeOptions & { yTitle?: string; xTitle?: string } = {},
): Chart {
  const rows: Row[] = labels.map((label, i) => ({ label, value: finite(values[i]) }));
  return new Chart({
    title: opts.title,
    width: opts.width ?? 480,
    height: opts.height ?? 240,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      x: { field: 'label', type: 'nominal', sort: null, title: opts.xTitle ?? null },
      y: { field: 'value', type: 'quantitative', title: opts.yTitle ?? 'value' },
      tooltip: [
        { field: 'label', type: 'nominal' },
        { field: 'value', type: 'quantitative', format: '.6~g' },
      ],
    },
  });
}

/**
 * A fan chart: a central line with shaded bands, e.g. forecast quantiles by horizon.
 * `bands` are [lower, upper] pairs drawn from the widest to the narrowest.
 */
export function fanChart(
  x: readonly (string | number)[],
  center: ArrayLike<number>,
  bands: { label: string; lower: ArrayLike<number>; upper: ArrayLike<number> }[],
  opts: SizeOptions & { yTitle?: string; xTitle?: string; xType?: 'temporal' | 'quantitative' | 'ordinal' } = {},
): Chart {
  const xType = opts.xType ?? (typeof x[0] === 'number' ? 'quantitative' : 'temporal');
  const bandRows: Row[] = [];
  for (const b of bands) {
    for (let i = 0; i < x.length; i++) {
      bandRows.push({ x: x[i], band: b.label, lower: finite(b.lower[i]), upper: finite(b.upper[i]) });
    }
  }
  const lineRows: Row[] = x.map((xi, i) => ({ x: xi, value: finite(center[i]) }));
  return new Chart({
    title: opts.title,
    width: opts.width ?? 560,
    height: opts.height ?? 260,
    layer: [
      {
        data: { values: bandRows },
        mark: { type: 'area', opacity: 0.25 },
        encoding: {
          x: { field: 'x', type: xType, title: opts.xTitle ?? 'horizon' },
          y: { field: 'lower', type: 'quantitative', title: opts.yTitle ?? 'value' },
          y2: { field: 'upper' },
          color: { field: 'band', type: 'nominal', title: null },
        },
      },
      {
        data: { values: lineRows },
        mark: { type: 'line', color: 'black' },
        encoding: { x: { field: 'x', type: xType }, y: { field: 'value', type: 'quantitative' } },
      },
    ],
  });
}

/** A heatmap of a labelled matrix (e.g. correlations). */
export function heatmap(
  rowLabels: readonly string[],
  colLabels: readonly string[],
  matrix: ArrayLike<number>,
  opts: SizeOptions & { valueTitle?: string; domain?: [number, number] } = {},
): Chart {
  const rows: Row[] = [];
  for (let i = 0; i < rowLabels.length; i++) {
    for (let j = 0; j < colLabels.length; j++) {
      rows.push({ row: rowLabels[i], col: colLabels[j], value: finite(matrix[i * colLabels.length + j]) });
    }
  }
  return new Chart({
    title: opts.title,
    width: opts.width ?? 360,
    height: opts.height ?? 360,
    data: { values: rows },
    mark: 'rect',
    encoding: {
      x: { field: 'col', type: 'nominal', sort: null, title: null },
      y: { field: 'row', type: 'nominal', sort: null, title: null },
      color: {
        field: 'value',
        type: 'quantitative',
        title: opts.valueTitle ?? 'value',
        scale: opts.domain ? { domain: opts.domain, scheme: 'redblue', reverse: true } : { scheme: 'viridis' },
      },
      tooltip: [
        { field: 'row', type: 'nominal' },
        { field: 'col', type: 'nominal' },
        { field: 'value', type: 'quantitative', format: '.4~g' },
      ],
    },
  });
}
