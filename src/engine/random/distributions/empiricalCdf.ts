import type { RandomSource } from '../source.js';
import type { Distribution } from './distribution.js';

/**
 * A distribution given by CDF points [x, p] (e.g. measured NAT timeouts),
 * linearly interpolated between them: uniform within each segment, so the
 * mean is Σ (p_i - p_{i-1}) (x_{i-1} + x_i) / 2. Sampling inverts the CDF.
 *
 * x must be non-decreasing (equal x with rising p is an atom), p must rise
 * from exactly 0 to exactly 1 without decreasing. Draws 1 uniform.
 */
export function empiricalCdf(points: readonly (readonly [number, number])[]): Distribution {
  const n = points.length;
  if (n < 2) throw new RangeError(`empiricalCdf: needs at least 2 points, got ${n}`);
  const xs = new Float64Array(n);
  const ps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, p] = points[i];
    if (!Number.isFinite(x)) throw new RangeError(`empiricalCdf: point ${i} has x = ${x}`);
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`empiricalCdf: point ${i} has p = ${p}, not in [0, 1]`);
    if (i > 0 && x < xs[i - 1]) {
      throw new RangeError(`empiricalCdf: x must not decrease (point ${i}: ${x} < ${xs[i - 1]})`);
    }
    if (i > 0 && p < ps[i - 1]) {
      throw new RangeError(`empiricalCdf: p must not decrease (point ${i}: ${p} < ${ps[i - 1]})`);
    }
    xs[i] = x;
    ps[i] = p;
  }
  if (ps[0] !== 0) throw new RangeError(`empiricalCdf: first p must be 0, got ${ps[0]}`);
  if (ps[n - 1] !== 1) throw new RangeError(`empiricalCdf: last p must be 1, got ${ps[n - 1]}`);

  let mean = 0;
  for (let i = 1; i < n; i++) mean += ((ps[i] - ps[i - 1]) * (xs[i - 1] + xs[i])) / 2;

  return {
    sample(src: RandomSource): number {
      const u = src.uniform();
      // First i with ps[i] >= u. ps[0] = 0 < u and ps[n-1] = 1 > u, so
      // 1 <= i <= n-1 and ps[i-1] < u <= ps[i]: the segment has positive height.
      let lo = 1;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ps[mid] >= u) hi = mid;
        else lo = mid + 1;
      }
      const p0 = ps[lo - 1];
      const x0 = xs[lo - 1];
      return x0 + ((u - p0) / (ps[lo] - p0)) * (xs[lo] - x0);
    },
    mean: () => mean,
    describe: () => `empiricalCdf(${n} points, ${xs[0]}..${xs[n - 1]})`,
  };
}
