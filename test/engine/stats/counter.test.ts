import { describe, expect, it } from 'vitest';
import { Counter } from '../../../src/engine/stats/index.js';

describe('Counter', () => {
  it('counts events and amounts', () => {
    const c = new Counter();
    c.add(0);
    c.add(1, 4);
    expect(c.value).toBe(5);
    expect(c.rate(10)).toBe(0.5);
  });

  it('ignores events before the warm-up and rates over [warmup, until)', () => {
    const c = new Counter({ warmup: 10 });
    c.add(0);
    c.add(9.99, 5);
    c.add(10); // at the cut: counted
    c.add(50, 2);
    expect(c.value).toBe(3);
    expect(c.rate(110)).toBe(3 / 100);
    expect(c.rate(10)).toBeNaN();
  });

  it('rejects a bad warm-up', () => {
    expect(() => new Counter({ warmup: -1 })).toThrow(RangeError);
    expect(() => new Counter({ warmup: Number.NaN })).toThrow(RangeError);
  });
});
