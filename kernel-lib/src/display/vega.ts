/**
 * Vega-Lite v5 specs rendered to SVG inside the kernel, synchronously.
 *
 * nbconvert's HTML export keeps only SVG/PNG/HTML, so every chart output carries an
 * `image/svg+xml` rendition next to its interactive vega-lite spec. vega's own
 * `View.toSVG()` is asynchronous only because it waits for the dataflow; with inline data
 * `view.run()` completes synchronously, and the headless SVG string renderer then draws the
 * scenegraph exactly as `toSVG()` would (same width/height/origin computation), so `show()`
 * can stay synchronous in a notebook cell.
 */
export type VegaLiteSpec = Record<string, unknown>;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

interface VegaViewLike {
  run(): unknown;
  padding(): { left: number; right: number; top: number; bottom: number };
  background(): string;
  scenegraph(): { root: unknown };
  loader(): unknown;
  finalize(): void;
  _viewWidth: number;
  _viewHeight: number;
  _origin: [number, number];
}

/** Compile a vega-lite spec and render it to an SVG string. Throws on an invalid spec. */
export function vegaLiteToSvg(spec: VegaLiteSpec): string {
  const vl = require('vega-lite') as { compile(s: unknown): { spec: unknown } };
  const vega = require('vega') as {
    View: new (runtime: unknown, opts: unknown) => VegaViewLike;
    parse(spec: unknown): unknown;
    renderModule(type: string): { headless: new (loader: unknown) => SvgRendererLike };
  };
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    view.run();
    const pad = view.padding();
    const width = Math.max(0, view._viewWidth + pad.left + pad.right);
    const height = Math.max(0, view._viewHeight + pad.top + pad.bottom);
    const Renderer = vega.renderModule('svg').headless;
    const r = new Renderer(view.loader());
    r.initialize(null, width, height, [pad.left + view._origin[0], pad.top + view._origin[1]], 1);
    r.background(view.background());
    r.render(view.scenegraph().root);
    return r.svg();
  } finally {
    view.finalize();
  }
}

interface SvgRendererLike {
  initialize(el: null, w: number, h: number, origin: [number, number], scale: number): SvgRendererLike;
  background(bg: string): SvgRendererLike;
  render(scene: unknown): SvgRendererLike;
  svg(): string;
}
