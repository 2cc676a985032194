import { describe, expect, it } from 'vitest';
import { SingleStream } from '../../../src/engine/random/index.js';
import { LogHistogram, PooledHistograms } from '../../../src/engine/stats/index.js';

describe('PooledHistograms', () => {
  it('equals merging weights[r] copies of each histogram', () => {
    const rng = new SingleStream(5, 0, 'pooled-histograms');
    const hists = Array.from({ length: 4 }, (_, r) => {
      const h = new LogHistogram();
      for (let i = 0; i < 200 + 50 * r; i++) {
        const u = rng.uniform();
        h.observe(0, u < 0.1 ? 0 : u < 0.3 ? 2.03 : -Math.log(rng.uniform()) * (r + 1));
      }
      return h;
    });
    const pool = new PooledHistograms(hists);
    const qs = [0.01, 0.5, 0.9, 0.95, 0.99, 1];
    for (const weights of [
      [1, 1, 1, 1],
      [2, 0, 1, 1],
      [0, 0, 4, 0],
      [0, 3, 0, 1],
    ]) {
      const merged = new LogHistogram();
      weights.forEach((w, r) => {
        for (let k = 0; k < w; k++) merged.merge(hists[r]);
      });
      const got = pool.stats(weights, qs);
      expect(got.mean).toBeCloseTo(merged.mean, 12);
      expect(got.q).toEqual(qs.map((q) => merged.quantile(q)));
    }
    expect(Number.isNaN(pool.stats([0, 0, 0, 0], [0.5]).mean)).toBe(true);
  });
});
