import { describe, expect, it } from 'vitest';
import { mser } from '../../../src/engine/stats/mser.js';
import { SingleStream } from '../../../src/engine/random/index.js';

/** Standard normal draws (Box–Muller) from a named stream. */
function normals(n: number, replication: number): number[] {
  const s = new SingleStream(7, replication, 'mser-test');
  const out: number[] = [];
  while (out.length < n) {
    const u = s.uniform();
    const v = s.uniform();
    out.push(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}

describe('mser (MSER-5)', () => {
  it('finds a step transient of 300 observations within ±10% on every one of 10 series', () => {
    for (let r = 0; r < 10; r++) {
      // Mean 14 for t < 300, then 10; unit noise; 1500 observations.
      const xs = normals(1500, r).map((z, t) => (t < 300 ? 14 : 10) + z);
      const cut = mser(xs);
      expect(cut.reliable).toBe(true);
      expect(cut.truncation).toBeGreaterThanOrEqual(270);
      expect(cut.truncation).toBeLessThanOrEqual(330);
    }
  });

  it('finds the end of a linear ramp (20 → 10 over 200 observations) within ±10%', () => {
    for (let r = 0; r < 10; r++) {
      // A steep ramp against unit noise: the bias is > 3σ until ~30 observations before its end.
      const xs = normals(1200, 100 + r).map(
        (z, t) => (t < 200 ? 20 - (10 * t) / 200 : 10) + 0.5 * z,
      );
      const cut = mser(xs);
      expect(cut.truncation).toBeGreaterThanOrEqual(180);
      expect(cut.truncation).toBeLessThanOrEqual(220);
    }
  });

  it('cuts (almost) nothing from a stationary series', () => {
    for (let r = 0; r < 10; r++) {
      const cut = mser(normals(1000, 200 + r));
      expect(cut.reliable).toBe(true);
      // No transient: any cut is noise, and MSER rarely cuts more than a few batches.
      expect(cut.truncation).toBeLessThan(100);
    }
  });

  it('says unreliable when the transient outlasts half the series', () => {
    const xs = normals(600, 300).map((z, t) => 50 - t / 10 + 0.1 * z);
    expect(mser(xs).reliable).toBe(false);
  });

  it('works on batch means: the truncation is a whole number of batches', () => {
    const xs = Array.from({ length: 100 }, (_, t) => (t < 23 ? 5 : 0));
    const cut = mser(xs);
    expect(cut.truncation % 5).toBe(0);
    expect(cut.truncation).toBe(25);
  });

  it('rejects non-finite values and a bad batch size', () => {
    expect(() => mser([1, Number.NaN, 3, 4, 5])).toThrow(RangeError);
    expect(() => mser([1, 2], 0)).toThrow(RangeError);
    expect(mser([1, 2, 3]).reliable).toBe(false);
  });
});
