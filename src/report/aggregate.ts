/**
 * Confidence intervals over replications. Means get a Student-t 95% interval; where that
 * interval would leave the metric's range (a negative count, a share above 100%), the same
 * t statistic is applied on a scale that respects the range instead: the log of the mean
 * for non-negative metrics, the logit of the share for percentages (delta method, so the
 * interval is m·exp(±t·s/(m√n)) or its logit analogue; asymmetric, always inside the
 * range). Paired differences against a baseline (common random numbers make them tight)
 * and Welch's unpaired interval for comparison. Non-finite values are left out and n says
 * how many remain. One value gives no interval at all (null). A zero-width interval from
 * values that did not vary is flagged `noVariation`, and is never read as significant.
 */
import { tCdf, tQuantile } from './tdist.js';
import type { Estimate, IntervalMethod, MetricRange, PairedEstimate } from './types.js';

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

function estimate(
  m: number,
  ci95: [number, number] | null,
  n: number,
  interval: IntervalMethod,
  noVariation = false,
): Estimate {
  return { mean: m, ci95, n, interval, noVariation };
}

/** Mean and 95% interval of the finite values, inside `range`. */
export function meanCI(
  values: readonly number[],
  range: MetricRange = 'real',
  confidence = CONFIDENCE,
): Estimate {
  const xs = finite(values);
  const n = xs.length;
  if (n === 0) return estimate(Number.NaN, null, 0, 'none');
  const m = mean(xs);
  if (n === 1) return estimate(m, null, 1, 'none');
  const s = Math.sqrt(sampleVariance(xs, m));
  if (!(s > 1e-12 * Math.abs(m))) return estimate(m, [m, m], n, 't', true);
  const t = tCritical(n - 1, confidence);
  const se = s / Math.sqrt(n);
  const lo = m - t * se;
  const hi = m + t * se;
  if (range === 'nonNegative' && lo < 0 && m > 0) {
    // Delta method on log(mean): se(log m) ≈ se / m.
    const f = Math.exp((t * se) / m);
    return estimate(m, [m / f, m * f], n, 'log-t');
  }
  if (range === 'percent' && (lo < 0 || hi > 100) && m > 0 && m < 100) {
    // Delta method on logit(p): se(logit p) ≈ se / (p (1 − p)), p = m / 100.
    const p = m / 100;
    const l = Math.log(p / (1 - p));
    const d = (t * se) / 100 / (p * (1 - p));
    const expit = (x: number) => 100 / (1 + Math.exp(-x));
    return estimate(m, [expit(l - d), expit(l + d)], n, 'logit-t');
  }
  return estimate(m, [lo, hi], n, 't');
}

/**
 * Paired difference x − base over the keys (replications) both have, with finite values
 * on both sides: mean difference and its paired-t 95% CI (differences have no range).
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
  const e = meanCI(diffs, 'real', confidence);
  const baseMean = bases.length > 0 ? mean(bases) : Number.NaN;
  const relDiff = baseMean !== 0 && Number.isFinite(baseMean) ? e.mean / baseMean : Number.NaN;
  return {
    meanDiff: e.mean,
    ci95: e.ci95,
    n: e.n,
    relDiff,
    interval: e.interval,
    noVariation: e.noVariation,
  };
}

/** Significant at 95%: an interval that excludes 0 and comes from values that varied. */
export function isSignificant(p: PairedEstimate): boolean {
  if (p.ci95 === null || p.noVariation) return false;
  // An interval of (next to) zero width says nothing varied (point masses of a latency
  // quantile agree across replications): shown as "± 0 (no variation)", never starred.
  const half = (p.ci95[1] - p.ci95[0]) / 2;
  if (!(half > 1e-6 * Math.abs(p.meanDiff))) return false;
  return p.ci95[0] > 0 || p.ci95[1] < 0;
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

/** Half-width of an interval (NaN when there is none or either end is NaN). */
export function halfWidth(ci: readonly [number, number] | null): number {
  return ci ? (ci[1] - ci[0]) / 2 : Number.NaN;
}

/**
 * The nominal confidence at which a percentile bootstrap over n replications is read so
 * that it covers like a t interval: Hesterberg's (2015) "expanded percentile" interval
 * takes the α' = 2Φ(−√(n/(n−1)) · t(1 − α/2, n − 1)) tails. The plain percentile interval
 * is too narrow for few replications (it behaves like a z interval with divisor n); this
 * corrects both. n = 5 reads the 0.1% and 99.9% bootstrap percentiles for a 95% interval.
 */
export function expandedBootstrapConfidence(n: number, confidence = CONFIDENCE): number {
  if (n < 2) return confidence;
  const z = Math.sqrt(n / (n - 1)) * tCritical(n - 1, confidence);
  // Φ through Student's t with a very large df (identical to 10 digits).
  return 1 - 2 * tCdf(-z, 1e9);
}
