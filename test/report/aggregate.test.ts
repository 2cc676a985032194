import { describe, expect, it } from 'vitest';
import { isSignificant, meanCI, pairedDiff, welchDiff } from '../../src/report/aggregate.js';
import { fmtMeanHalf, fmtPaired } from '../../src/report/format.js';
import { prng } from './fixture.js';

describe('meanCI', () => {
  it('matches a CI computed by hand', () => {
    // mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; s² = 32/7; t(0.975, 7) = 2.364624252
    const e = meanCI([2, 4, 4, 4, 5, 5, 7, 9]);
    const half = (2.364624252 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(e.n).toBe(8);
    expect(e.mean).toBe(5);
    expect(e.ci95![0]).toBeCloseTo(5 - half, 8);
    expect(e.ci95![1]).toBeCloseTo(5 + half, 8);
  });

  it('uses t(0.975, 2) = 4.303 for three replications', () => {
    const e = meanCI([10, 12, 14]); // s = 2
    const half = (4.30265273 * 2) / Math.sqrt(3);
    expect(e.ci95![1] - e.mean).toBeCloseTo(half, 8);
  });

  it('gives no interval with n = 1 (null, shown as n/a)', () => {
    const e = meanCI([3.5]);
    expect(e).toEqual({ mean: 3.5, ci95: null, n: 1, interval: 'none', noVariation: false });
    expect(fmtMeanHalf(e.mean, e.ci95)).toBe('3.5 ± n/a');
  });

  it('leaves out non-finite values and reports n = 0 for none', () => {
    expect(meanCI([1, Number.NaN, 3]).n).toBe(2);
    const none = meanCI([Number.NaN]);
    expect(none.n).toBe(0);
    expect(Number.isNaN(none.mean)).toBe(true);
  });

  it('zero variance gives a zero-width interval flagged as no variation', () => {
    const e = meanCI([2, 2, 2]);
    expect(e.ci95).toEqual([2, 2]);
    expect(e.noVariation).toBe(true);
    expect(fmtMeanHalf(e.mean, e.ci95, e.noVariation)).toBe('2 ± 0 (no variation)');
  });

  it('respects a non-negative range: log-scale t interval where the t interval goes below 0', () => {
    // Counts 0, 0, 9: mean 3, s = √27, t(0.975, 2) = 4.302652730; the t interval would reach −10.
    const e = meanCI([0, 0, 9], 'nonNegative');
    const se = Math.sqrt(27) / Math.sqrt(3);
    const f = Math.exp((4.30265273 * se) / 3);
    expect(e.interval).toBe('log-t');
    expect(e.ci95![0]).toBeCloseTo(3 / f, 8);
    expect(e.ci95![1]).toBeCloseTo(3 * f, 6);
    expect(e.ci95![0]).toBeGreaterThan(0);
    // Where the t interval stays in range it is used as is.
    expect(meanCI([10, 12, 14], 'nonNegative').interval).toBe('t');
    // A real-valued metric keeps the t interval.
    expect(meanCI([0, 0, 9]).ci95![0]).toBeLessThan(0);
  });

  it('respects a percentage range: logit-scale t interval near 100%', () => {
    const e = meanCI([99.9, 99.0, 100, 95], 'percent');
    expect(e.interval).toBe('logit-t');
    expect(e.ci95![0]).toBeGreaterThan(0);
    expect(e.ci95![1]).toBeLessThan(100);
    expect(e.ci95![0]).toBeLessThan(e.mean);
    expect(e.ci95![1]).toBeGreaterThan(e.mean);
  });
});

describe('paired differences', () => {
  it('pairs by replication and is much narrower than unpaired for correlated data', () => {
    const rand = prng(7);
    const base = new Map<number, number>();
    const other = new Map<number, number>();
    for (let r = 0; r < 10; r++) {
      const world = 100 + 30 * (rand() - 0.5) * 2; // shared by both strategies (CRN)
      base.set(r, world + (rand() - 0.5));
      other.set(r, world - 5 + (rand() - 0.5));
    }
    const paired = pairedDiff(other, base);
    const unpaired = welchDiff([...other.values()], [...base.values()]);
    expect(paired.n).toBe(10);
    expect(paired.meanDiff).toBeCloseTo(unpaired.meanDiff, 10);
    expect(paired.ci95![0]).toBeLessThan(-5 + 1);
    expect(paired.ci95![1]).toBeGreaterThan(-5 - 1);
    const w = (ci: [number, number]) => ci[1] - ci[0];
    expect(w(paired.ci95!)).toBeLessThan(w(unpaired.ci95) / 5);
    // The paired interval excludes 0; the unpaired one does not.
    expect(paired.ci95![1]).toBeLessThan(0);
    expect(unpaired.ci95[0]).toBeLessThan(0);
    expect(unpaired.ci95[1]).toBeGreaterThan(0);
  });

  it('matches a paired t computed by hand', () => {
    const a = new Map([
      [0, 11],
      [1, 14],
      [2, 13],
    ]);
    const b = new Map([
      [0, 10],
      [1, 12],
      [2, 10],
    ]);
    // d = 1, 2, 3: mean 2, s = 1, half = 4.302652730 / √3
    const p = pairedDiff(a, b);
    expect(p.meanDiff).toBeCloseTo(2, 12);
    expect(p.ci95![1] - 2).toBeCloseTo(4.30265273 / Math.sqrt(3), 8);
    expect(p.relDiff).toBeCloseTo(2 / (32 / 3), 12);
  });

  it('uses only replications present and finite on both sides', () => {
    const a = new Map([
      [0, 1],
      [1, 2],
      [2, Number.NaN],
      [5, 9],
    ]);
    const b = new Map([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    const p = pairedDiff(a, b);
    expect(p.n).toBe(2);
    expect(p.meanDiff).toBe(1.5);
  });
});

describe('significance', () => {
  it('never stars a zero-width difference that comes from values that did not vary', () => {
    const a = new Map([
      [0, 2.03],
      [1, 2.03],
      [2, 2.03],
    ]);
    const b = new Map([
      [0, 60.09],
      [1, 60.09],
      [2, 60.09],
    ]);
    const p = pairedDiff(a, b);
    expect(p.noVariation).toBe(true);
    expect(isSignificant(p)).toBe(false);
    expect(fmtPaired(p)).not.toContain('*');
    expect(fmtPaired(p)).toContain('no variation');
  });

  it('a bootstrap interval of zero width (a point mass in both arms) is shown as no variation and not starred', () => {
    // As the pooled p90 of two strategies whose latencies sit on the same point masses: every
    // resample gives −940.6 ± rounding, so [lo, hi] has width ~1e-9 though noVariation is false.
    const p = {
      meanDiff: -940.6,
      ci95: [-940.6000000001, -940.5999999999] as [number, number],
      n: 5,
      relDiff: -0.998,
      interval: 'bootstrap' as const,
      noVariation: false,
    };
    expect(isSignificant(p)).toBe(false);
    expect(fmtPaired(p)).toContain('no variation');
    expect(fmtPaired(p)).not.toContain('*');
    // A real, narrow interval away from 0 is still starred.
    expect(isSignificant({ ...p, ci95: [-941.2, -940.1] })).toBe(true);
  });

  it('with one pair there is no interval and no star', () => {
    const p = pairedDiff(new Map([[0, 5]]), new Map([[0, 1]]));
    expect(p.ci95).toBeNull();
    expect(isSignificant(p)).toBe(false);
    expect(fmtPaired(p)).toContain('n/a');
  });
});
