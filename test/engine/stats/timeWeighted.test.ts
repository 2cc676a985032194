import { describe, expect, it } from 'vitest';
import { TimeWeighted } from '../../../src/engine/stats/index.js';

/** Level 2 on [0, 10), 5 on [10, 40), 0 on [40, 100). */
function steps(warmup = 0): TimeWeighted {
  const tw = new TimeWeighted({ warmup });
  tw.set(0, 2);
  tw.set(10, 5);
  tw.set(40, 0);
  return tw;
}

describe('TimeWeighted', () => {
  it('integrates a piecewise-constant level', () => {
    const tw = steps();
    // ∫ = 2·10 + 5·30 + 0·60 = 170; average over 100 s = 1.7.
    expect(tw.integral(100)).toBe(170);
    expect(tw.average(100)).toBeCloseTo(1.7, 12);
    expect(tw.max(100)).toBe(5);
    // Mid-interval: ∫ over [0, 25) = 20 + 5·15 = 95.
    const partial = new TimeWeighted();
    partial.set(0, 2);
    partial.set(10, 5);
    expect(partial.integral(25)).toBe(95);
  });

  it('uses the initial level until the first set', () => {
    const tw = new TimeWeighted({ initial: 3 });
    tw.set(10, 1);
    // 3·10 + 1·10 = 40 over 20 s.
    expect(tw.average(20)).toBe(2);
  });

  it('integrates only from the warm-up on', () => {
    const tw = steps(20);
    // [20, 40) at 5 and [40, 100) at 0: ∫ = 100 over 80 s = 1.25; level 2 ended before 20.
    expect(tw.integral(100)).toBe(100);
    expect(tw.average(100)).toBe(1.25);
    expect(tw.max(100)).toBe(5);

    const late = steps(50);
    // Only level 0 holds after 50.
    expect(late.integral(100)).toBe(0);
    expect(late.max(100)).toBe(0);
    expect(late.average(50)).toBeNaN();
  });

  it('counts a level set before the warm-up and still held', () => {
    const tw = new TimeWeighted({ warmup: 100 });
    tw.set(0, 7);
    expect(tw.max(200)).toBe(7);
    expect(tw.integral(200)).toBe(700);
    expect(tw.average(200)).toBe(7);
    expect(tw.max(100)).toBeNaN(); // empty window
  });

  it('rejects time going backwards', () => {
    const tw = steps();
    expect(() => tw.set(39, 1)).toThrow(RangeError);
    expect(() => tw.integral(30)).toThrow(RangeError);
    expect(() => tw.set(Number.NaN, 1)).toThrow(RangeError);
    tw.set(40, 1); // equal times are fine
  });
});
