import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tally } from '../../../src/engine/stats/index.js';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 });

function twoPass(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, x) => a + (x - mean) * (x - mean), 0);
  return { mean, variance: ss / (xs.length - 1) };
}

function tallyOf(xs: number[]): Tally {
  const t = new Tally();
  for (let i = 0; i < xs.length; i++) t.observe(i, xs[i]);
  return t;
}

/**
 * Both algorithms round; with |x| ≤ 1e6 and n ≤ 600 the rounding error of the
 * mean is far below 1e-9·scale and that of the variance below 1e-9·scale².
 */
function expectClose(actual: number, expected: number, scale: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
}

describe('Tally', () => {
  it('agrees with the two-pass mean and sample variance (property)', () => {
    fc.assert(
      fc.property(values, (xs) => {
        fc.pre(xs.length >= 2);
        const t = tallyOf(xs);
        const exact = twoPass(xs);
        const scale = Math.max(...xs.map(Math.abs));
        expect(t.count).toBe(xs.length);
        expectClose(t.mean, exact.mean, scale);
        expectClose(t.variance, exact.variance, scale * scale);
        expect(t.min).toBe(Math.min(...xs));
        expect(t.max).toBe(Math.max(...xs));
      }),
    );
  });

  it('merge equals one tally fed both sets (property)', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const all = [...a, ...b];
        const merged = tallyOf(a).merge(tallyOf(b));
        const whole = tallyOf(all);
        expect(merged.count).toBe(whole.count);
        if (all.length === 0) return;
        const scale = Math.max(...all.map(Math.abs));
        expectClose(merged.mean, whole.mean, scale);
        if (all.length >= 2) expectClose(merged.variance, whole.variance, scale * scale);
        expect(merged.min).toBe(whole.min);
        expect(merged.max).toBe(whole.max);
      }),
    );
  });

  it('keeps precision when the mean is large against the spread', () => {
    const t = new Tally();
    for (let i = 0; i < 1000; i++) t.observe(i, 1e9 + (i % 2)); // variance of 0,1,0,1...
    expect(t.variance).toBeCloseTo(0.25 * (1000 / 999), 9);
  });

  it('ignores observations before the warm-up', () => {
    const t = new Tally({ warmup: 10 });
    t.observe(5, 100);
    t.observe(10, 1);
    t.observe(20, 3);
    // 1 and 3: mean 2, sample variance ((1-2)² + (3-2)²)/1 = 2.
    expect(t.count).toBe(2);
    expect(t.mean).toBe(2);
    expect(t.variance).toBe(2);
    expect(t.min).toBe(1);
    expect(t.max).toBe(3);
  });

  it('reports NaN when empty and survives a JSON round trip', () => {
    const empty = new Tally();
    expect(empty.mean).toBeNaN();
    expect(empty.min).toBeNaN();
    expect(Tally.fromJSON(JSON.parse(JSON.stringify(empty))).count).toBe(0);
    const t = tallyOf([3, 1, 4, 1, 5]);
    const back = Tally.fromJSON(JSON.parse(JSON.stringify(t)));
    expect([back.count, back.mean, back.variance, back.min, back.max]).toEqual([
      t.count,
      t.mean,
      t.variance,
      t.min,
      t.max,
    ]);
  });
});
