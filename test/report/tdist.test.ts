import { describe, expect, it } from 'vitest';
import { lnGamma, regularizedBeta, tCdf, tQuantile } from '../../src/report/tdist.js';

describe('Student t quantile', () => {
  // Two-sided 95% critical values from any statistics table (three decimals).
  const TABLE: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [100, 1.984],
  ];
  for (const [df, t] of TABLE) {
    it(`t(0.975, ${df}) = ${t}`, () => {
      expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
    });
  }

  it('matches more precise reference values', () => {
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228138852, 8);
    expect(tQuantile(0.995, 5)).toBeCloseTo(4.032142984, 8);
    expect(tQuantile(0.95, 3)).toBeCloseTo(2.353363435, 8);
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5); // → normal quantile
  });

  it('is symmetric and inverts the CDF', () => {
    for (const df of [1, 2, 3, 7.5, 30, 250]) {
      for (const p of [0.001, 0.05, 0.3, 0.5, 0.8, 0.975, 0.9999]) {
        const t = tQuantile(p, df);
        expect(tQuantile(1 - p, df)).toBeCloseTo(-t, 9);
        expect(tCdf(t, df)).toBeCloseTo(p, 10);
      }
    }
  });

  it('handles the ends and rejects bad input', () => {
    expect(tQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(tQuantile(1, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(() => tQuantile(1.5, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('special functions', () => {
  it('lnGamma matches factorials and Γ(1/2) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });

  it('regularized incomplete beta has closed forms for small parameters', () => {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_x(1, 2) = 1 − (1 − x)².
    for (const x of [0, 0.1, 0.5, 0.9, 1]) {
      expect(regularizedBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(regularizedBeta(x, 2, 1)).toBeCloseTo(x * x, 12);
      expect(regularizedBeta(x, 1, 2)).toBeCloseTo(1 - (1 - x) ** 2, 12);
    }
  });
});
