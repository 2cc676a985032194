/**
 * A chart as plain JSON (no functions), so the same description feeds the PNG/SVG renderer
 * and the interactive HTML. The few behaviours that need functions (legend filtering,
 * toggling a line together with its band) are keyed by dataset fields prefixed `hbsim`
 * and attached by `hydrate` on each side.
 */
import { FONT, FONT_FAMILY, GRID_COLOR, TEXT_COLOR } from './style.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ChartConfigJson {
  type: string;
  data: { labels?: (string | number)[]; datasets: { [key: string]: Json }[] };
  options: { [key: string]: Json };
}

export interface ChartSpec {
  /** File stem under charts/ and the HTML element id. */
  id: string;
  title: string;
  /** One line saying what the chart shows (Markdown list, HTML caption). */
  caption: string;
  config: ChartConfigJson;
}

export interface AxisSpec {
  title: string;
  type?: 'linear' | 'logarithmic' | 'category';
  beginAtZero?: boolean;
  min?: number;
  max?: number;
}

/** Values spanning more than this ratio (max/min, all positive) get a log axis. */
export const LOG_AXIS_SPAN = 20;

/**
 * 'logarithmic' when the positive values span more than LOG_AXIS_SPAN × (a 2 s bar beside a
 * 1 172 s one is unreadable on a linear axis), else 'linear'. Zero or negative values keep
 * the axis linear.
 */
export function scaleTypeFor(values: readonly number[]): 'linear' | 'logarithmic' {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length < 2 || v.some((x) => x <= 0)) return 'linear';
  return Math.max(...v) / Math.min(...v) > LOG_AXIS_SPAN ? 'logarithmic' : 'linear';
}

/** NaN/±Infinity are not JSON: make them null (Chart.js skips null points). */
export function num(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

function font(size: number, bold = false): { [key: string]: Json } {
  return bold ? { family: FONT_FAMILY, size, weight: 'bold' } : { family: FONT_FAMILY, size };
}

function axis(a: AxisSpec): { [key: string]: Json } {
  const out: { [key: string]: Json } = {
    type: a.type ?? 'linear',
    title: { display: true, text: a.title, color: TEXT_COLOR, font: font(FONT.axisTitle) },
    ticks: { color: TEXT_COLOR, font: font(FONT.ticks) },
    grid: { color: GRID_COLOR },
    border: { color: '#666666' },
  };
  if (a.beginAtZero !== undefined) out.beginAtZero = a.beginAtZero;
  if (a.min !== undefined) out.min = a.min;
  if (a.max !== undefined) out.max = a.max;
  return out;
}

export interface BaseOptions {
  title: string;
  subtitle?: string;
  x: AxisSpec;
  y: AxisSpec;
  legend: boolean;
  /** Legend entries drawn as short line samples (with the dataset's dash) instead of boxes. */
  lineLegend?: boolean;
}

/** Options every chart shares: title, subtitle, legend, axes, fonts, no animation. */
export function baseOptions(o: BaseOptions): { [key: string]: Json } {
  const plugins: { [key: string]: Json } = {
    title: {
      display: true,
      text: o.title,
      color: TEXT_COLOR,
      font: font(FONT.title, true),
      padding: { top: 4, bottom: o.subtitle ? 2 : 10 },
    },
    legend: {
      display: o.legend,
      position: 'top',
      // A zero-height legend box strokes as a line with the dataset's dash pattern.
      labels: o.lineLegend
        ? { color: TEXT_COLOR, font: font(FONT.legend), boxWidth: 40, boxHeight: 0, padding: 16 }
        : { color: TEXT_COLOR, font: font(FONT.legend), boxWidth: 30, padding: 14 },
    },
    tooltip: { titleFont: font(FONT.base, true), bodyFont: font(FONT.base) },
  };
  if (o.subtitle) {
    plugins.subtitle = {
      display: true,
      text: o.subtitle,
      color: '#444444',
      font: font(FONT.base),
      padding: { bottom: 10 },
    };
  }
  return {
    animation: false,
    layout: { padding: { left: 6, right: 16, top: 6, bottom: 6 } },
    plugins,
    scales: { x: axis(o.x), y: axis(o.y) },
  };
}
