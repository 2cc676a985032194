/**
 * SVG output with real `<text>`: Chart.js draws onto svgcanvas's 2D context, which records
 * every call as SVG elements (fillText → `<text>`), instead of cairo's SVG surface, which
 * turns each glyph into an outline path.
 *
 * svgcanvas is written for the browser. In Node it gets a jsdom document to build its tree
 * (and to parse the CSS `font` shorthand, which it does on the global `document`), the DOM
 * geometry classes of node-canvas (DOMMatrix, DOMPoint), and a node-canvas 2D context for
 * `measureText`, so text is laid out with the same font metrics as the PNG and PDF. The
 * globals are set only for the duration of one synchronous render and restored after.
 */
import { createRequire } from 'node:module';
import type { Chart, ChartConfiguration } from 'chart.js';
import type { FigureStyle } from './figureStyle.js';

const require = createRequire(import.meta.url);

type CanvasModule = typeof import('canvas');

/** The little of the DOM used here (the project compiles without the DOM typings). */
interface SvgRoot {
  removeAttribute(name: string): void;
  setAttribute(name: string, value: string): void;
}
interface DomWindow {
  document: unknown;
  XMLSerializer: new () => { serializeToString(node: SvgRoot): string };
}
interface JsdomModule {
  JSDOM: new (html: string) => { window: DomWindow };
}
interface SvgContext {
  canvas: unknown;
  getContext?: () => unknown;
  getSvg(): SvgRoot;
}
interface SvgCanvasModule {
  Context: new (o: {
    width: number;
    height: number;
    document: unknown;
    ctx: unknown;
  }) => SvgContext;
}

interface Env {
  chartJs: typeof Chart;
  dom: { window: DomWindow };
  canvas: CanvasModule;
  svgcanvas: SvgCanvasModule;
}

let env: Env | undefined;

/**
 * Chart.js as loaded by chartjs-node-canvas (each renderer keeps a private copy and clears
 * the require cache after), with the report's plugins registered: render.ts hands over the
 * copy of its first renderer.
 */
function loadEnv(chartJsWithPlugins: () => typeof Chart): Env {
  if (env) return env;
  const chartJs = chartJsWithPlugins();
  const { JSDOM } = require('jsdom') as JsdomModule;
  env = {
    chartJs,
    dom: new JSDOM('<!doctype html><html><body></body></html>'),
    canvas: require('canvas') as CanvasModule,
    svgcanvas: require('svgcanvas') as SvgCanvasModule,
  };
  return env;
}

const GLOBALS = ['document', 'DOMMatrix', 'DOMPoint'] as const;

/** Runs `fn` with the browser globals svgcanvas reads, restoring the previous values after. */
function withBrowserGlobals<T>(e: Env, fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  const saved = GLOBALS.map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const);
  const values: Record<(typeof GLOBALS)[number], unknown> = {
    document: e.dom.window.document,
    DOMMatrix: e.canvas.DOMMatrix,
    DOMPoint: e.canvas.DOMPoint,
  };
  for (const k of GLOBALS) {
    Object.defineProperty(g, k, { value: values[k], configurable: true, writable: true });
  }
  try {
    return fn();
  } finally {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(g, k, d);
      else delete g[k];
    }
  }
}

/** Renders a hydrated Chart.js configuration to a standalone SVG document. */
export function renderSvgText(
  config: ChartConfiguration,
  style: FigureStyle,
  chartJsWithPlugins: () => typeof Chart,
): Buffer {
  const e = loadEnv(chartJsWithPlugins);
  const svg = withBrowserGlobals(e, () => {
    const measure = e.canvas.createCanvas(style.width, style.height).getContext('2d');
    const ctx = new e.svgcanvas.Context({
      width: style.width,
      height: style.height,
      document: e.dom.window.document,
      ctx: measure,
    });
    // Chart.js's platform for non-DOM canvases asks the item for its 2D context.
    ctx.getContext = () => ctx;
    const chart = new e.chartJs(ctx as unknown as ConstructorParameters<typeof Chart>[0], config);
    try {
      const root = ctx.getSvg();
      // The element is already in the SVG namespace; a second, plain xmlns attribute would
      // be serialized twice.
      root.removeAttribute('xmlns');
      root.setAttribute('viewBox', `0 0 ${style.width} ${style.height}`);
      return new e.dom.window.XMLSerializer().serializeToString(root);
    } finally {
      chart.destroy();
    }
  });
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${stableIds(svg)}\n`, 'utf8');
}

/**
 * svgcanvas names clip paths and gradients with random ids; renumbering them in order of
 * appearance makes the same chart give the same bytes (committed examples, diffs).
 */
export function stableIds(svg: string): string {
  const ids = [...new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]))];
  const names = new Map(ids.map((id, i) => [id, `hbsim${i + 1}`]));
  return svg.replace(/\bid="([^"]+)"|#([A-Za-z0-9_-]+)\)/g, (_all, def?: string, ref?: string) => {
    if (def !== undefined) return `id="${names.get(def) ?? def}"`;
    return `#${names.get(ref as string) ?? ref})`;
  });
}
