/**
 * Interactive charts in the panels, drawn by plotly.js (loaded on first use). A chart is a
 * spec (traces + layout) built from a payload by a pure function (specs.ts); `chartNode`
 * puts it in an element labelled for screen readers, with the theme's colours read from
 * JupyterLab's CSS variables. Tests swap the backend to inspect the specs.
 */
export interface ChartSpec {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

export type ChartBackend = (node: HTMLElement, spec: ChartSpec) => void | Promise<void>;

const plotlyBackend: ChartBackend = async (node, spec) => {
  const Plotly = (await import('plotly.js-dist-min')).default;
  await Plotly.react(node, spec.data, spec.layout, { responsive: true, displaylogo: false });
};

let backend: ChartBackend = plotlyBackend;

/** Replaces the drawing backend (tests); returns the previous one. */
export function setChartBackend(b: ChartBackend): ChartBackend {
  const prev = backend;
  backend = b;
  return prev;
}

function cssVar(doc: Document, name: string, fallback: string): string {
  const view = doc.defaultView;
  const v = view?.getComputedStyle ? view.getComputedStyle(doc.body).getPropertyValue(name).trim() : '';
  return v || fallback;
}

/** Layout colours and fonts of the current JupyterLab theme. */
export function themeLayout(doc: Document): Record<string, unknown> {
  const font = cssVar(doc, '--jp-ui-font-color1', '#222');
  const grid = cssVar(doc, '--jp-border-color2', '#ddd');
  return {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: font, family: cssVar(doc, '--jp-ui-font-family', 'sans-serif'), size: 11 },
    xaxis: { gridcolor: grid, zerolinecolor: grid },
    yaxis: { gridcolor: grid, zerolinecolor: grid },
    legend: { orientation: 'h', y: -0.2 },
    margin: { l: 50, r: 20, t: 36, b: 40 },
    colorway: ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'],
  };
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      typeof v === 'object' && v !== null && !Array.isArray(v) && typeof prev === 'object' && prev !== null && !Array.isArray(prev)
        ? merge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** An element holding the chart; `label` is its accessible name (and the title shown). */
export function chartNode(doc: Document, spec: ChartSpec, label: string, className = 'af-chart'): HTMLElement {
  const node = doc.createElement('div');
  node.className = className;
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', label);
  node.dataset.chart = label;
  const full: ChartSpec = { data: spec.data, layout: merge(merge(themeLayout(doc), { title: { text: label, font: { size: 13 } } }), spec.layout) };
  // draw once attached (plotly measures the element)
  const draw = (): void => {
    Promise.resolve(backend(node, full)).catch((e: unknown) => {
      node.textContent = `Chart could not be drawn: ${(e as Error).message ?? String(e)}`;
    });
  };
  if (doc.defaultView?.requestAnimationFrame) doc.defaultView.requestAnimationFrame(draw);
  else setTimeout(draw, 0);
  return node;
}
