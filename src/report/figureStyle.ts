/**
 * Figure styles for the chart files: `screen` (the report's look: title, subtitle, roomy
 * legend, 800 × 500) and `paper` (no title or subtitle — the paper's caption says it —, a
 * compact legend, a small size and the paper's font). A style is applied to a chart spec
 * just before rendering, so the builders stay style-free and the HTML keeps the screen look.
 */
import type { ChartConfigJson, Json } from './chartSpec.js';
import { CHART_HEIGHT, CHART_WIDTH, FONT, FONT_FAMILY } from './style.js';

export interface FigureStyle {
  name: 'screen' | 'paper';
  /** Width and height in CSS px; in SVG and PDF 1 px = 1 pt (1/72 in). */
  width: number;
  height: number;
  fontFamily: string;
  /** Base font size in px (pt in SVG/PDF); titles, ticks and legend scale with it. */
  fontSize: number;
}

export const SCREEN_STYLE: FigureStyle = {
  name: 'screen',
  width: CHART_WIDTH,
  height: CHART_HEIGHT,
  fontFamily: FONT_FAMILY,
  fontSize: FONT.base,
};

/** 5 × 3.33 in at 9 pt: legible at one column of a two-column paper when scaled to 3.5 in. */
export const PAPER_STYLE: FigureStyle = {
  name: 'paper',
  width: 360,
  height: 240,
  fontFamily: FONT_FAMILY,
  fontSize: 9,
};

export const FIGURE_STYLE_NAMES = ['screen', 'paper'] as const;

const UNIT_PT: Record<string, number> = { px: 1, pt: 1, in: 72, cm: 72 / 2.54, mm: 72 / 25.4 };

/**
 * "360x240", "3.5x2.4in", "9x6cm" → size in px (= pt). Returns an error message for
 * anything else, so the CLI can name the argument.
 */
export function parseFigureSize(text: string): { width: number; height: number } | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(px|pt|in|cm|mm)?\s*$/.exec(text);
  if (!m)
    return `expected WIDTHxHEIGHT with an optional unit px, pt, in, cm or mm (e.g. 3.5x2.4in), found "${text}"`;
  const k = UNIT_PT[m[3] ?? 'px'];
  const width = Math.round(Number(m[1]) * k);
  const height = Math.round(Number(m[2]) * k);
  if (width < 100 || height < 80 || width > 4000 || height > 4000) {
    return `expected a figure between 100 × 80 and 4000 × 4000 px (1 in = 72 px), found ${width} × ${height} px`;
  }
  return { width, height };
}

/** A style by name with optional overrides (CLI `--style`, `--figure-size`, `--font-*`). */
export function figureStyle(
  name: FigureStyle['name'],
  overrides: Partial<Omit<FigureStyle, 'name'>> = {},
): FigureStyle {
  const base = name === 'paper' ? PAPER_STYLE : SCREEN_STYLE;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...base, ...defined, name };
}

type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every `{ family, size }` font object: family replaced, size scaled from the screen base. */
function restyleFonts(node: Json, style: FigureStyle, paper: boolean): void {
  if (Array.isArray(node)) {
    for (const v of node) restyleFonts(v, style, paper);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.family === 'string' && typeof node.size === 'number') {
    node.family = style.fontFamily;
    // Paper figures keep every label at the base size (the caption carries the hierarchy).
    const size = paper ? style.fontSize : (node.size * style.fontSize) / FONT.base;
    node.size = Math.round(size * 10) / 10;
  }
  for (const v of Object.values(node)) restyleFonts(v, style, paper);
}

/** A copy of `config` drawn in `style`. The screen style at its defaults returns an equal copy. */
export function applyFigureStyle(config: ChartConfigJson, style: FigureStyle): ChartConfigJson {
  const c = structuredClone(config);
  const paper = style.name === 'paper';
  restyleFonts(c.options, style, paper);
  for (const d of c.data.datasets) restyleFonts(d, style, paper);
  if (!paper) return c;
  const plugins = (c.options.plugins ?? {}) as JsonObject;
  if (isObject(plugins.title)) plugins.title.display = false;
  if (isObject(plugins.subtitle)) plugins.subtitle.display = false;
  const legend = plugins.legend;
  if (isObject(legend) && isObject(legend.labels)) {
    const line = legend.labels.boxHeight === 0;
    legend.labels.boxWidth = line ? 18 : 9;
    if (!line) legend.labels.boxHeight = 9;
    legend.labels.padding = 5;
  }
  c.options.layout = { padding: { left: 2, right: 6, top: 2, bottom: 2 } };
  const scales = (c.options.scales ?? {}) as JsonObject;
  for (const s of Object.values(scales)) {
    if (isObject(s) && isObject(s.title)) s.title.padding = 1;
    if (isObject(s) && isObject(s.ticks)) s.ticks.padding = 2;
  }
  // Thinner strokes at the small size.
  for (const d of c.data.datasets) {
    if (typeof d.borderWidth === 'number' && d.borderWidth > 1.5) d.borderWidth = 1.5;
    if (typeof d.errorBarLineWidth === 'number') d.errorBarLineWidth = 1;
    if (typeof d.errorBarWhiskerLineWidth === 'number') d.errorBarWhiskerLineWidth = 1;
    if (typeof d.pointRadius === 'number' && d.pointRadius > 3) d.pointRadius = 3;
  }
  return c;
}
