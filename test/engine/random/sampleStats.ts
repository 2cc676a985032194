/** Helpers for the statistical tests of the distributions (not a test file itself). */
import type { Distribution, RandomSource } from '../../../src/engine/random/index.js';

export function drawMany(dist: Distribution, src: RandomSource, n: number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = dist.sample(src);
  return xs;
}

export function sampleMean(xs: Float64Array): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

export function sampleVariance(xs: Float64Array): number {
  const mean = sampleMean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return ss / (xs.length - 1);
}

/** Empirical CDF F_n(x) = #{x_i <= x} / n. */
export function fractionAtMost(xs: Float64Array, x: number): number {
  let k = 0;
  for (const v of xs) if (v <= x) k++;
  return k / xs.length;
}

/**
 * 5 standard errors of a sample mean, σ/√n. For a fixed seed the test is
 * deterministic; 5 SE means a correct sampler fails with probability ~6e-7
 * when the seed is changed, while a wrong mean of a few SE shows up.
 */
export function meanTolerance(sigma: number, n: number): number {
  return (5 * sigma) / Math.sqrt(n);
}

/**
 * 5 standard errors of the empirical CDF at the theoretical p-quantile:
 * n·F_n(x_p) is Binomial(n, p), so F_n(x_p) has SE √(p(1−p)/n).
 */
export function cdfTolerance(p: number, n: number): number {
  return 5 * Math.sqrt((p * (1 - p)) / n);
}

/** Standard normal quantiles z_p used by the normal and log-normal tests. */
export const Z = {
  p01: -2.3263478740408408,
  p10: -1.2815515655446004,
  p50: 0,
  p90: 1.2815515655446004,
};
