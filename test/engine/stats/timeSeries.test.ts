import { describe, expect, it } from 'vitest';
import { Counter, TimeSeries } from '../../../src/engine/stats/index.js';

describe('TimeSeries', () => {
  it('sums into fixed buckets over [0, duration)', () => {
    const ts = new TimeSeries(300); // default 60 s buckets
    ts.add(0);
    ts.add(59.9, 2);
    ts.add(60);
    ts.add(299.99, 4);
    expect(ts.bucketS).toBe(60);
    expect([...ts.values()]).toEqual([3, 1, 0, 0, 4]);
    expect(ts.maxBucket()).toBe(4);
    expect(ts.total()).toBe(8);
    expect(ts.meanPerBucket()).toBeCloseTo((8 / 300) * 60, 12); // 1.6
    expect(new TimeSeries(130, { bucketS: 60 }).bucketCount).toBe(3); // last bucket partial
  });

  it('rejects times outside the horizon', () => {
    const ts = new TimeSeries(300);
    expect(() => ts.add(-1)).toThrow(RangeError);
    expect(() => ts.add(300)).toThrow(RangeError);
    expect(() => ts.add(Number.NaN)).toThrow(RangeError);
    expect(() => new TimeSeries(0)).toThrow(RangeError);
    expect(() => new TimeSeries(10, { bucketS: 0 })).toThrow(RangeError);
  });

  it('gives the peak per second and rebuckets it per minute', () => {
    const perSecond = new TimeSeries(180, { bucketS: 1 });
    for (const t of [10.1, 10.2, 10.5, 10.9, 10.99, 11, 70.1, 70.2, 70.3]) perSecond.add(t);
    expect(perSecond.maxBucket()).toBe(5); // five in [10, 11)
    const perMinute = perSecond.rebucket(60);
    expect(perMinute.bucketS).toBe(60);
    expect([...perMinute.values()]).toEqual([6, 3, 0]);
    const odd = perSecond.rebucket(7); // 180 s in 7 s buckets: 26, the last one partial
    expect(odd.bucketCount).toBe(26);
    expect(odd.total()).toBe(9);
    expect(() => perSecond.rebucket(1.5)).toThrow(RangeError);
  });

  it('leaves buckets wholly before the warm-up out and agrees with a Counter', () => {
    const ts = new TimeSeries(300, { bucketS: 60, warmup: 90 });
    const counter = new Counter({ warmup: 90 });
    for (const [t, x] of [
      [30, 100], // ignored: before warm-up
      [80, 100], // ignored: in the straddling bucket but before warm-up
      [95, 2],
      [200, 5],
    ]) {
      ts.add(t, x);
      counter.add(t, x);
    }
    // Measured buckets start at floor(90 / 60) = 1: [60,120) [120,180) [180,240) [240,300).
    expect(ts.startS).toBe(60);
    expect([...ts.values()]).toEqual([2, 0, 5, 0]);
    expect(ts.maxBucket()).toBe(5);
    expect(ts.total()).toBe(counter.value);
    // 7 over 210 measured seconds, per 60 s: 2 = counter rate × bucket width.
    expect(ts.meanPerBucket()).toBeCloseTo(2, 12);
    expect(ts.meanPerBucket()).toBeCloseTo(counter.rate(300) * 60, 12);
    // Rebucketing keeps the warm-up: 120 s buckets from floor(90/120) = 0.
    expect([...ts.rebucket(2).values()]).toEqual([2, 5, 0]);
  });

  it('has no measured buckets when the warm-up covers the horizon', () => {
    const ts = new TimeSeries(60, { bucketS: 10, warmup: 60 });
    expect(ts.values()).toHaveLength(0);
    expect(ts.maxBucket()).toBeNaN();
    expect(ts.meanPerBucket()).toBeNaN();
  });
});
