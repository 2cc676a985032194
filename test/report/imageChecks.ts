/** Test helpers: decode chart images and judge that they are drawn (not blank). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createCanvas, loadImage } = require('canvas') as typeof import('canvas');

export interface Raster {
  width: number;
  height: number;
  /** RGBA bytes. */
  data: Uint8ClampedArray;
}

/** Decodes a PNG or SVG buffer and rasterizes it. */
export async function rasterize(buffer: Buffer): Promise<Raster> {
  const img = await loadImage(buffer);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  return { width: img.width, height: img.height, data };
}

function luminance(r: Raster, x: number, y: number): number {
  const i = 4 * (y * r.width + x);
  const a = r.data[i + 3] / 255;
  // Composite over white, as a viewer shows it.
  const c = (k: number) => r.data[i + k] * a + 255 * (1 - a);
  return 0.2126 * c(0) + 0.7152 * c(1) + 0.0722 * c(2);
}

/** Luminance variance over a grid sample of pixels, and the share of non-white samples. */
export function inkStats(r: Raster, y0 = 0, y1 = r.height): { variance: number; inkShare: number } {
  const values: number[] = [];
  const step = Math.max(1, Math.floor(Math.min(r.width, y1 - y0) / 150));
  for (let y = y0; y < y1; y += step) {
    for (let x = 0; x < r.width; x += step) values.push(luminance(r, x, y));
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  const inkShare = values.filter((v) => v < 240).length / values.length;
  return { variance, inkShare };
}

/** Share of fully transparent pixels (the background plugin should leave none). */
export function transparentShare(r: Raster): number {
  let n = 0;
  for (let i = 3; i < r.data.length; i += 4) if (r.data[i] === 0) n++;
  return n / (r.data.length / 4);
}

/**
 * Tiny well-formedness check for the SVG cairo writes: one root <svg>, every start tag
 * closed in order (no attribute values containing '>' in cairo's output).
 */
export function checkXmlBalanced(text: string): {
  ok: boolean;
  root: string | null;
  error?: string;
} {
  const body = text.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  let root: string | null = null;
  const tag = /<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g;
  let m: RegExpExecArray | null = tag.exec(body);
  while (m !== null) {
    const [, close, name, , selfClose] = m;
    if (!root) root = name;
    if (close) {
      const open = stack.pop();
      if (open !== name) return { ok: false, root, error: `</${name}> closes <${open}>` };
    } else if (!selfClose) stack.push(name);
    m = tag.exec(body);
  }
  if (stack.length > 0) return { ok: false, root, error: `unclosed <${stack.join('>, <')}>` };
  return { ok: true, root };
}
