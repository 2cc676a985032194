import { tCdf, tQuantile } from '../report/tdist.js';

/**
 * The one-sided t tests the race decides with. Replications of different candidates share
 * their random worlds (common random numbers: replication r of every candidate draws the
 * same pushes, NAT timeouts, RTTs), so candidates are compared on paired differences.
 * A sample without spread (a deterministic metric) decides by its mean alone.
 */

export interface Sample {
  n: number;
  mean: number;
  /** Standard error of the mean (0 without spread; NaN for n < 2). */
  se: number;
}

export function sample(xs: readonly number[]): Sample {
  const v = xs.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (n === 0) return { n, mean: Number.NaN, se: Number.NaN };
  const mean = v.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { n, mean, se: Number.NaN };
  const ss = v.reduce((s, x) => s + (x - mean) * (x - mean), 0);
  const sd = Math.sqrt(ss / (n - 1));
  // Spread below rounding noise of the mean counts as none.
  return { n, mean, se: sd > 1e-12 * Math.abs(mean) ? sd / Math.sqrt(n) : 0 };
}

/** One-sided bound at `confidence`: the mean is below `upper` (above `lower`) with that confidence. */
export function oneSidedBound(s: Sample, confidence: number, side: 'upper' | 'lower'): number {
  if (s.n < 2 || !Number.isFinite(s.se)) {
    return side === 'upper' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  const t = tQuantile(confidence, s.n - 1);
  return side === 'upper' ? s.mean + t * s.se : s.mean - t * s.se;
}

/** Two-sided interval at `confidence` (null below two values). */
export function twoSided(s: Sample, confidence = 0.95): [number, number] | null {
  if (s.n < 2 || !Number.isFinite(s.se)) return null;
  const t = tQuantile(1 - (1 - confidence) / 2, s.n - 1);
  return [s.mean - t * s.se, s.mean + t * s.se];
}

/**
 * Estimated probability that the true mean meets `op bound`: the t distribution of the
 * mean around its estimate (a flat-prior reading of the t interval); 1 or 0 without spread.
 */
export function probabilityHolds(s: Sample, op: '<=' | '>=', bound: number): number {
  if (s.n === 0 || !Number.isFinite(s.mean)) return Number.NaN;
  if (s.n < 2 || !Number.isFinite(s.se)) return Number.NaN;
  if (s.se === 0) return (op === '<=' ? s.mean <= bound : s.mean >= bound) ? 1 : 0;
  const z = (bound - s.mean) / s.se;
  const p = tCdf(z, s.n - 1);
  return op === '<=' ? p : 1 - p;
}

/** The constraint is violated with this confidence (its one-sided bound is past the limit). */
export function provenViolated(
  s: Sample,
  op: '<=' | '>=',
  bound: number,
  confidence: number,
): boolean {
  return op === '<='
    ? oneSidedBound(s, confidence, 'lower') > bound
    : oneSidedBound(s, confidence, 'upper') < bound;
}

/** The constraint holds with this confidence. */
export function provenHolds(
  s: Sample,
  op: '<=' | '>=',
  bound: number,
  confidence: number,
): boolean {
  return op === '<='
    ? oneSidedBound(s, confidence, 'upper') <= bound
    : oneSidedBound(s, confidence, 'lower') >= bound;
}

/** Paired differences a − b over the replications both have. */
export function pairedDiffs(
  a: readonly (number | undefined)[],
  b: readonly (number | undefined)[],
): number[] {
  const out: number[] = [];
  for (let r = 0; r < Math.min(a.length, b.length); r++) {
    const x = a[r];
    const y = b[r];
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y))
      out.push(x - y);
  }
  return out;
}

/** `worse` is worse than `best` (lower is better) with this confidence, on paired differences. */
export function provenWorse(
  worse: readonly (number | undefined)[],
  best: readonly (number | undefined)[],
  confidence: number,
): boolean {
  const d = sample(pairedDiffs(worse, best));
  return d.n >= 2 && oneSidedBound(d, confidence, 'lower') > 0;
}
