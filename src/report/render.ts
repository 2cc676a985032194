/**
 * Server-side rendering of chart specs: PNG and PDF with chartjs-node-canvas (cairo), SVG
 * through an SVG 2D context (svgRender.ts).
 *
 * chartjs-node-canvas loads a private copy of Chart.js (CommonJS) per renderer instance, so
 * plugins must be registered on that copy: the callback below loads the plugin modules
 * afresh while that copy is in the require cache (their `require('chart.js')` then binds to
 * it). Each renderer is created once, lazily, and registers the plugins once.
 */
import { createRequire } from 'node:module';
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import type { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartConfigJson, ChartSpec } from './chartSpec.js';
import { applyFigureStyle, type FigureStyle, SCREEN_STYLE } from './figureStyle.js';
import { renderSvgText } from './svgRender.js';
import { FONT, FONT_FAMILY, PNG_PIXEL_RATIO, TEXT_COLOR } from './style.js';

const require = createRequire(import.meta.url);

type NodeCanvasModule = typeof import('chartjs-node-canvas');
type ErrorBarsModule = typeof import('chartjs-chart-error-bars');
type BoxPlotModule = typeof import('@sgratzl/chartjs-chart-boxplot');

/** Loads a CommonJS module bypassing the cache, so it binds to the Chart.js copy now cached. */
function freshRequire<T>(id: string): T {
  const file = require.resolve(id);
  const cached = require.cache[file];
  delete require.cache[file];
  try {
    return require(file) as T;
  } finally {
    if (cached) require.cache[file] = cached;
    else delete require.cache[file];
  }
}

/** Paints the canvas white before anything else is drawn (PNG/SVG are transparent otherwise). */
export const whiteBackgroundPlugin: Plugin = {
  id: 'hbsimWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** The Chart.js copy of the first renderer, plugins registered: the SVG path draws with it. */
let firstChartJs: typeof Chart | undefined;

function registerPlugins(chartJs: typeof Chart): void {
  firstChartJs ??= chartJs;
  const errorBars = freshRequire<ErrorBarsModule>('chartjs-chart-error-bars');
  const boxPlot = freshRequire<BoxPlotModule>('@sgratzl/chartjs-chart-boxplot');
  chartJs.register(
    errorBars.BarWithErrorBarsController,
    errorBars.BarWithErrorBar,
    errorBars.ScatterWithErrorBarsController,
    errorBars.PointWithErrorBar,
    boxPlot.BoxPlotController,
    boxPlot.BoxAndWiskers,
    whiteBackgroundPlugin,
  );
  chartJs.defaults.font.family = FONT_FAMILY;
  chartJs.defaults.font.size = FONT.base;
  chartJs.defaults.color = TEXT_COLOR;
}

type Backend = 'png' | 'pdf';

const renderers = new Map<string, ChartJSNodeCanvas>();

/** One chartjs-node-canvas renderer per backend and size, created on first use. */
function getRenderer(backend: Backend, width: number, height: number): ChartJSNodeCanvas {
  const key = `${backend}:${width}x${height}`;
  let r = renderers.get(key);
  if (!r) {
    const { ChartJSNodeCanvas } = require('chartjs-node-canvas') as NodeCanvasModule;
    r = new ChartJSNodeCanvas({
      width,
      height,
      chartCallback: registerPlugins,
      ...(backend === 'pdf' ? { type: 'pdf' as const } : {}),
    });
    renderers.set(key, r);
  }
  return r;
}

/** Log-axis labels only at 1, 2, 5 × 10^k, written plainly (0.1, 2, 500), others blank. */
export function logTickLabel(value: number | string): string {
  const v = Number(value);
  if (!(v > 0)) return '';
  const mantissa = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  if (![1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)) return '';
  return String(Number(v.toPrecision(6)));
}

/**
 * A Chart.js configuration from a JSON spec: a deep copy (the renderer mutates options)
 * with the behaviours that need functions: datasets marked `hbsimLegendHidden` (the edges
 * of a band) stay out of the legend; log axes get plain 1-2-5 labels. The browser does
 * the same in html.ts (INIT_SCRIPT).
 */
export function hydrate(config: ChartConfigJson, devicePixelRatio: number): ChartConfiguration {
  const c = structuredClone(config);
  const options = c.options as Record<string, unknown> & {
    plugins: { legend: { labels: Record<string, unknown> } };
  };
  options.devicePixelRatio = devicePixelRatio;
  options.responsive = false;
  options.plugins.legend.labels.filter = (
    item: { datasetIndex?: number },
    data: { datasets: Record<string, unknown>[] },
  ) => !(item.datasetIndex !== undefined && data.datasets[item.datasetIndex]?.hbsimLegendHidden);
  const scales = (options.scales ?? {}) as Record<
    string,
    { type?: string; ticks?: Record<string, unknown> }
  >;
  for (const scale of Object.values(scales)) {
    if (scale.type === 'logarithmic') scale.ticks = { ...scale.ticks, callback: logTickLabel };
  }
  return c as unknown as ChartConfiguration;
}

/** PNG at PNG_PIXEL_RATIO × the logical size (1600 × 1000 px for the screen style). */
export function renderPng(spec: ChartSpec, style: FigureStyle = SCREEN_STYLE): Buffer {
  return getRenderer('png', style.width, style.height).renderToBufferSync(
    hydrate(applyFigureStyle(spec.config, style), PNG_PIXEL_RATIO),
    'image/png',
  );
}

/**
 * PDF (cairo's PDF surface: vector shapes, text as real text with the font embedded, so it
 * can be searched and placed in LaTeX at any scale). 1 px of the style = 1 pt.
 */
export function renderPdf(spec: ChartSpec, style: FigureStyle = SCREEN_STYLE): Buffer {
  return getRenderer('pdf', style.width, style.height).renderToBufferSync(
    hydrate(applyFigureStyle(spec.config, style), 1),
    'application/pdf',
  );
}

/**
 * SVG with real `<text>` elements (svgcanvas, see svgRender.ts): labels stay editable and
 * take the paper's font where the SVG is placed.
 */
export function renderSvg(spec: ChartSpec, style: FigureStyle = SCREEN_STYLE): Buffer {
  return renderSvgText(hydrate(applyFigureStyle(spec.config, style), 1), style, () => {
    getRenderer('png', style.width, style.height);
    return firstChartJs as typeof Chart;
  });
}

/** The files of one chart under charts/: PNG, SVG (real text) and PDF, in `style`. */
export function chartFiles(
  spec: ChartSpec,
  style: FigureStyle = SCREEN_STYLE,
): [name: string, data: Buffer][] {
  return [
    [`charts/${spec.id}.png`, renderPng(spec, style)],
    [`charts/${spec.id}.svg`, renderSvg(spec, style)],
    [`charts/${spec.id}.pdf`, renderPdf(spec, style)],
  ];
}
