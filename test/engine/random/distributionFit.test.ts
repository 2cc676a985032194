/**
 * Sample mean and quantiles of each distribution against theory, n = 200k
 * draws from a fixed-seed stream. Tolerances (see sampleStats.ts):
 *  - mean: 5 standard errors, 5·σ/√n, σ the theoretical standard deviation;
 *  - quantile x_p: the empirical CDF at the theoretical x_p lies within
 *    5·√(p(1−p)/n) of p (n·F_n(x_p) is Binomial(n, p)).
 */
import { describe, expect, it } from 'vitest';
import {
  empiricalCdf,
  exponential,
  logNormal,
  logNormalFromMedian,
  normal,
  SingleStream,
  uniform,
  weightedChoice,
} from '../../../src/engine/random/index.js';
import {
  cdfTolerance,
  drawMany,
  fractionAtMost,
  meanTolerance,
  sampleMean,
  sampleVariance,
  Z,
} from './sampleStats.js';

const N = 200_000;
const stream = (purpose: string) => new SingleStream(20240611, 0, purpose);

function expectQuantile(xs: Float64Array, p: number, xp: number): void {
  expect(Math.abs(fractionAtMost(xs, xp) - p)).toBeLessThanOrEqual(cdfTolerance(p, xs.length));
}

describe('distribution fit (n = 200k, fixed seed)', () => {
  it('exponential(rate 0.25): mean 4, σ 4, x_p = -ln(1-p)/rate', () => {
    const dist = exponential(0.25);
    const xs = drawMany(dist, stream('exp'), N);
    expect(Math.abs(sampleMean(xs) - 4)).toBeLessThanOrEqual(meanTolerance(4, N));
    for (const p of [0.1, 0.5, 0.99]) expectQuantile(xs, p, -Math.log(1 - p) / 0.25);
  });

  it('uniform(2, 10): mean 6, σ 8/√12, x_p = 2 + 8p', () => {
    const xs = drawMany(uniform(2, 10), stream('uniform'), N);
    expect(Math.abs(sampleMean(xs) - 6)).toBeLessThanOrEqual(meanTolerance(8 / Math.sqrt(12), N));
    for (const p of [0.05, 0.5, 0.9]) expectQuantile(xs, p, 2 + 8 * p);
  });

  it('normal(5, 2): mean 5, variance 4, x_p = 5 + 2·z_p', () => {
    const xs = drawMany(normal(5, 2), stream('normal'), N);
    expect(Math.abs(sampleMean(xs) - 5)).toBeLessThanOrEqual(meanTolerance(2, N));
    // For a normal sample, s² has SE σ²·√(2/(n−1)); 5 SE again.
    expect(Math.abs(sampleVariance(xs) - 4)).toBeLessThanOrEqual(5 * 4 * Math.sqrt(2 / (N - 1)));
    expectQuantile(xs, 0.1, 5 + 2 * Z.p10);
    expectQuantile(xs, 0.5, 5 + 2 * Z.p50);
    expectQuantile(xs, 0.01, 5 + 2 * Z.p01);
  });

  it('logNormal(1, 0.5): mean e^(1.125), x_p = e^(1 + 0.5·z_p)', () => {
    const xs = drawMany(logNormal(1, 0.5), stream('lognormal'), N);
    // σ² of a log-normal: (e^(s²) − 1)·e^(2μ + s²).
    const sigma = Math.sqrt((Math.exp(0.25) - 1) * Math.exp(2 + 0.25));
    expect(Math.abs(sampleMean(xs) - Math.exp(1.125))).toBeLessThanOrEqual(meanTolerance(sigma, N));
    expectQuantile(xs, 0.1, Math.exp(1 + 0.5 * Z.p10));
    expectQuantile(xs, 0.5, Math.exp(1));
    expectQuantile(xs, 0.9, Math.exp(1 + 0.5 * Z.p90));
  });

  it('logNormalFromMedian(300, 0.3): median 300', () => {
    const xs = drawMany(logNormalFromMedian(300, 0.3), stream('nat-timeout'), N);
    expectQuantile(xs, 0.5, 300);
    expectQuantile(xs, 0.9, 300 * Math.exp(0.3 * Z.p90));
  });

  it('weightedChoice([10, 20, 30, 40], [1, 0, 3, 6]): frequencies 0.1, 0, 0.3, 0.6', () => {
    const dist = weightedChoice([10, 20, 30, 40], [1, 0, 3, 6]);
    const xs = drawMany(dist, stream('choice'), N);
    const expected = new Map([
      [10, 0.1],
      [20, 0],
      [30, 0.3],
      [40, 0.6],
    ]);
    for (const [value, p] of expected) {
      const freq = xs.filter((x) => x === value).length / N;
      // Each frequency is Binomial(n, p)/n: 5·√(p(1−p)/n); exactly 0 for p = 0.
      expect(Math.abs(freq - p)).toBeLessThanOrEqual(cdfTolerance(p, N));
    }
    // σ² = E[X²] − 34² = (100 + 2700 + 9600) − 1156 = 84.
    expect(Math.abs(sampleMean(xs) - 34)).toBeLessThanOrEqual(meanTolerance(Math.sqrt(84), N));
  });

  it('empiricalCdf with an atom: mean 12, F(5) = 0.25, P(X = 10) = 0.2, F(25) = 0.85', () => {
    const dist = empiricalCdf([
      [0, 0],
      [10, 0.5],
      [10, 0.7],
      [40, 1],
    ]);
    const xs = drawMany(dist, stream('empirical'), N);
    // E[X²] per uniform segment [a, b] of mass m: m·(a² + ab + b²)/3; atom: m·a².
    const ex2 = (0.5 * 100) / 3 + 0.2 * 100 + (0.3 * (100 + 400 + 1600)) / 3;
    const sigma = Math.sqrt(ex2 - 12 * 12);
    expect(Math.abs(sampleMean(xs) - 12)).toBeLessThanOrEqual(meanTolerance(sigma, N));
    expectQuantile(xs, 0.25, 5);
    expectQuantile(xs, 0.85, 25);
    const atom = xs.filter((x) => x === 10).length / N;
    expect(Math.abs(atom - 0.2)).toBeLessThanOrEqual(cdfTolerance(0.2, N));
  });
});
