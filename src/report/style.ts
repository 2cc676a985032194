/**
 * Chart look shared by the PNG/SVG renderer and the interactive HTML: Okabe–Ito colours
 * (safe for the common colour-vision deficiencies, ordered so the first ones print well),
 * line dashes so lines stay apart in greyscale, font sizes readable at paper column width.
 */

/** Okabe & Ito (2008), without yellow (too light for lines on white) and black (reserved). */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#F0E442', // yellow
] as const;

/** Reference lines (truth, warm-up). */
export const REFERENCE_COLOR = '#000000';
export const GRID_COLOR = 'rgba(0, 0, 0, 0.12)';
export const TEXT_COLOR = '#222222';

const DASHES: readonly number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6], [1, 2]];

export function colorAt(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length];
}

export function dashAt(i: number): number[] {
  return [...DASHES[i % DASHES.length]];
}

/** "#RRGGBB" + alpha → "rgba(r, g, b, a)". */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export const FONT_FAMILY = "'Liberation Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif";

/** Sizes in CSS pixels at devicePixelRatio 1. */
export const FONT = {
  title: 17,
  axisTitle: 15,
  ticks: 14,
  legend: 14,
  base: 14,
} as const;

/** Logical chart size (CSS px); PNGs are rendered at PNG_PIXEL_RATIO times this. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 500;
export const PNG_PIXEL_RATIO = 2;

/** A strategy's line in a time-series or CDF chart: its colour and dash, no point markers. */
export function strategyLine<T>(label: string, data: T[], idx: number) {
  return {
    label,
    data,
    borderColor: colorAt(idx),
    backgroundColor: colorAt(idx),
    borderDash: dashAt(idx),
    borderWidth: 2,
    pointRadius: 0,
    pointHitRadius: 4,
    fill: false,
  };
}
