import { describe, expect, it } from 'vitest';
import {
  constant,
  empiricalCdf,
  exponential,
  fromSequence,
  logNormal,
  logNormalFromMedian,
  normal,
  uniform,
  weightedChoice,
} from '../../../src/engine/random/index.js';

/** Hand-computed samples from injected uniforms; `remaining` checks the draw count. */
describe('distributions on hand-picked uniforms', () => {
  it('constant draws nothing', () => {
    const src = fromSequence([]);
    expect(constant(7).sample(src)).toBe(7);
    expect(constant(7).mean()).toBe(7);
  });

  it('exponential is -ln(u)/rate', () => {
    const src = fromSequence([0.5]);
    expect(exponential(2).sample(src)).toBeCloseTo(Math.LN2 / 2, 15); // 0.34657...
    expect(src.remaining).toBe(0);
    expect(exponential(0.25).mean()).toBe(4);
  });

  it('uniform is min + (max - min)·u', () => {
    expect(uniform(2, 10).sample(fromSequence([0.25]))).toBe(4);
    expect(uniform(3, 3).sample(fromSequence([0.9]))).toBe(3);
    expect(uniform(2, 10).mean()).toBe(6);
  });

  it('normal is Box–Muller with exactly two uniforms', () => {
    // u1 = e^-2 gives radius √(-2·ln u1) = 2; u2 = 1/2 gives cos(π) = -1: z = -2.
    const src = fromSequence([Math.exp(-2), 0.5, Math.exp(-2), 0.25]);
    const dist = normal(5, 2);
    expect(dist.sample(src)).toBeCloseTo(5 + 2 * -2, 12);
    expect(src.remaining).toBe(2);
    // u2 = 1/4 gives cos(π/2) = 0: z = 0.
    expect(dist.sample(src)).toBeCloseTo(5, 12);
    expect(src.remaining).toBe(0);
  });

  it('logNormal is exp of the normal, with the median helper', () => {
    const src = fromSequence([Math.exp(-2), 0.5]);
    expect(logNormal(0, 1).sample(src)).toBeCloseTo(Math.exp(-2), 12);
    expect(src.remaining).toBe(0);
    expect(logNormalFromMedian(300, 0.5).sample(fromSequence([0.3, 0.25]))).toBeCloseTo(300, 9);
    expect(logNormal(1, 0.5).mean()).toBeCloseTo(Math.exp(1.125), 12);
  });

  it('weightedChoice picks by cumulative weight and never picks a zero weight', () => {
    // weights 1, 0, 3, 6 of total 10: cumulative 1, 1, 4, 10; target = 10·u.
    const dist = weightedChoice([10, 20, 30, 40], [1, 0, 3, 6]);
    const picks = [0.05, 0.15, 0.39, 0.41, 0.999].map((u) => dist.sample(fromSequence([u])));
    expect(picks).toEqual([10, 30, 30, 40, 40]);
    expect(dist.mean()).toBeCloseTo((10 * 1 + 30 * 3 + 40 * 6) / 10, 12); // 34
  });

  it('empiricalCdf interpolates the inverse CDF, atoms included', () => {
    // 50% uniform on [0, 10], an atom of 20% at 10, 30% uniform on [10, 40].
    const dist = empiricalCdf([
      [0, 0],
      [10, 0.5],
      [10, 0.7],
      [40, 1],
    ]);
    const xs = [0.25, 0.6, 0.7, 0.85].map((u) => dist.sample(fromSequence([u])));
    expect(xs[0]).toBeCloseTo(5, 12);
    expect(xs[1]).toBeCloseTo(10, 12);
    expect(xs[2]).toBeCloseTo(10, 12);
    expect(xs[3]).toBeCloseTo(25, 12);
    expect(dist.mean()).toBeCloseTo(0.5 * 5 + 0.2 * 10 + 0.3 * 25, 12); // 12
  });

  it('fromSequence refuses values outside (0, 1) and runs dry loudly', () => {
    expect(() => fromSequence([0])).toThrow(RangeError);
    expect(() => fromSequence([1])).toThrow(RangeError);
    expect(() => exponential(1).sample(fromSequence([]))).toThrow(/exhausted/);
  });
});

describe('distribution parameter validation', () => {
  const bad: [string, () => unknown][] = [
    ['constant NaN', () => constant(Number.NaN)],
    ['exponential rate 0', () => exponential(0)],
    ['exponential rate -1', () => exponential(-1)],
    ['exponential rate Infinity', () => exponential(Number.POSITIVE_INFINITY)],
    ['uniform max < min', () => uniform(2, 1)],
    ['uniform NaN', () => uniform(Number.NaN, 1)],
    ['normal sigma < 0', () => normal(0, -1)],
    ['normal mu Infinity', () => normal(Number.POSITIVE_INFINITY, 1)],
    ['logNormal sigma < 0', () => logNormal(0, -0.1)],
    ['logNormalFromMedian median 0', () => logNormalFromMedian(0, 1)],
    ['logNormalFromMedian median < 0', () => logNormalFromMedian(-5, 1)],
    ['weightedChoice empty', () => weightedChoice([], [])],
    ['weightedChoice length mismatch', () => weightedChoice([1, 2], [1])],
    ['weightedChoice negative weight', () => weightedChoice([1, 2], [1, -1])],
    ['weightedChoice zero sum', () => weightedChoice([1, 2], [0, 0])],
    ['weightedChoice NaN weight', () => weightedChoice([1], [Number.NaN])],
    ['empiricalCdf one point', () => empiricalCdf([[0, 0]])],
    [
      'empiricalCdf p not from 0',
      () =>
        empiricalCdf([
          [0, 0.1],
          [1, 1],
        ]),
    ],
    [
      'empiricalCdf p not to 1',
      () =>
        empiricalCdf([
          [0, 0],
          [1, 0.9],
        ]),
    ],
    [
      'empiricalCdf x decreasing',
      () =>
        empiricalCdf([
          [0, 0],
          [2, 0.5],
          [1, 1],
        ]),
    ],
    [
      'empiricalCdf p decreasing',
      () =>
        empiricalCdf([
          [0, 0],
          [1, 0.6],
          [2, 0.4],
          [3, 1],
        ]),
    ],
  ];
  it.each(bad)('%s throws RangeError', (_name, make) => {
    expect(make).toThrow(RangeError);
  });
});
