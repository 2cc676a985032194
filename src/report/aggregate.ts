/**
 * Confidence intervals over replications: mean with a Student-t 95% interval, paired
 * differences against a baseline (common random numbers make them tight), and Welch's
 * unpaired interval for comparison. Non-finite values are left out and n says how many
 * values remain; with n = 1 the interval is [mean, mean] (no spread to estimate).
 */
import { tQuantile } from './tdist.js';
import type { Estimate, PairedEstimate } from './types.js';

export const CONFIDENCE = 0.95;

function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample variance (n − 1 denominator), two-pass for accuracy. */
function sampleVariance(xs: readonly number[], m: number): number {
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return ss / (xs.length - 1);
}

/** Two-sided critical value t(1 − α/2, df). */
export function tCritical(df: number, confidence = CONFIDENCE): number {
  return tQuantile(1 - (1 - confidence) / 2, df);
}

/** Mean and 95% Student-t CI of the finite values. */
export function meanCI(values: readonly number[], confidence = CONFIDENCE): Estimate {
  const xs = finite(values);
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, ci95: [Number.NaN, Number.NaN], n: 0 };
  const m = mean(xs);
  if (n === 1) return { mean: m, ci95: [m, m], n: 1 };
  const half = (tCritical(n - 1, confidence) * Math.sqrt(sampleVariance(xs, m))) / Math.sqrt(n);
  return { mean: m, ci95: [m - half, m + half], n };
}

/**
 * Paired difference x − base over the keys (replications) both have, with finite values
 * on both sides: mean difference and its paired-t 95% CI.
 */
export function pairedDiff(
  x: ReadonlyMap<number, number>,
  base: ReadonlyMap<number, number>,
  confidence = CONFIDENCE,
): PairedEstimate {
  const diffs: number[] = [];
  const bases: number[] = [];
  const keys = [...x.keys()].sort((a, b) => a - b);
  for (const k of keys) {
    const a = x.get(k);
    const b = base.get(k);
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    diffs.push(a - b);
    bases.push(b);
  }
  const e = meanCI(diffs, confidence);
  const baseMean = bases.length > 0 ? mean(bases) : Number.NaN;
  const relDiff = baseMean !== 0 && Number.isFinite(baseMean) ? e.mean / baseMean : Number.NaN;
  return { meanDiff: e.mean, ci95: e.ci95, n: e.n, relDiff };
}

/** Welch's (unpaired, unequal variances) 95% CI of mean(x) − mean(y), for comparison. */
export function welchDiff(
  xValues: readonly number[],
  yValues: readonly number[],
  confidence = CONFIDENCE,
): { meanDiff: number; ci95: [number, number]; df: number } {
  const x = finite(xValues);
  const y = finite(yValues);
  if (x.length < 2 || y.length < 2) {
    const d = mean(x) - mean(y);
    return { meanDiff: d, ci95: [d, d], df: Number.NaN };
  }
  const mx = mean(x);
  const my = mean(y);
  const vx = sampleVariance(x, mx) / x.length;
  const vy = sampleVariance(y, my) / y.length;
  const se2 = vx + vy;
  const d = mx - my;
  if (se2 === 0) return { meanDiff: d, ci95: [d, d], df: Number.NaN };
  const df = (se2 * se2) / ((vx * vx) / (x.length - 1) + (vy * vy) / (y.length - 1));
  const half = tCritical(df, confidence) * Math.sqrt(se2);
  return { meanDiff: d, ci95: [d - half, d + half], df };
}

/** Half-width of an interval (NaN-safe: NaN when either end is). */
export function halfWidth(ci: readonly [number, number]): number {
  return (ci[1] - ci[0]) / 2;
}
