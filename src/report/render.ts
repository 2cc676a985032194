/**
 * Server-side rendering of chart specs to PNG and SVG with chartjs-node-canvas.
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
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  FONT,
  FONT_FAMILY,
  PNG_PIXEL_RATIO,
  TEXT_COLOR,
} from './style.js';

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

function registerPlugins(chartJs: typeof Chart): void {
  const errorBars = freshRequire<ErrorBarsModule>('chartjs-chart-error-bars');
  const boxPlot = freshRequire<BoxPlotModule>('@sgratzl/chartjs-chart-boxplot');
  chartJs.register(
    errorBars.BarWithErrorBarsController,
    errorBars.BarWithErrorBar,
    boxPlot.BoxPlotController,
    boxPlot.BoxAndWiskers,
    whiteBackgroundPlugin,
  );
  chartJs.defaults.font.family = FONT_FAMILY;
  chartJs.defaults.font.size = FONT.base;
  chartJs.defaults.color = TEXT_COLOR;
}

interface Renderers {
  png: ChartJSNodeCanvas;
  svg: ChartJSNodeCanvas;
}

let renderers: Renderers | undefined;

function getRenderers(): Renderers {
  if (!renderers) {
    const { ChartJSNodeCanvas } = require('chartjs-node-canvas') as NodeCanvasModule;
    const size = { width: CHART_WIDTH, height: CHART_HEIGHT, chartCallback: registerPlugins };
    renderers = {
      png: new ChartJSNodeCanvas(size),
      svg: new ChartJSNodeCanvas({ ...size, type: 'svg' }),
    };
  }
  return renderers;
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

/** PNG at PNG_PIXEL_RATIO × the logical size (1600 × 1000 px by default). */
export function renderPng(spec: ChartSpec): Buffer {
  return getRenderers().png.renderToBufferSync(hydrate(spec.config, PNG_PIXEL_RATIO), 'image/png');
}

/**
 * SVG at the logical size (vector; cairo draws text as glyph outlines, so it needs no
 * fonts where it is opened). Sized in px like the HTML charts rather than cairo's pt.
 */
export function renderSvg(spec: ChartSpec): Buffer {
  const svg = getRenderers().svg.renderToBufferSync(hydrate(spec.config, 1), 'image/svg+xml');
  const text = svg
    .toString('utf8')
    .replace(
      `width="${CHART_WIDTH}pt" height="${CHART_HEIGHT}pt"`,
      `width="${CHART_WIDTH}" height="${CHART_HEIGHT}"`,
    );
  return Buffer.from(text, 'utf8');
}
