import { describe, expect, it } from 'vitest';
import { TimeKeyedDraws } from '../../../src/engine/random/index.js';

describe('TimeKeyedDraws: a value per (entity, time bucket), whoever asks', () => {
  it('returns the same uniforms for the same entity and bucket, in any order', () => {
    const a = new TimeKeyedDraws(1, 0, 'rtt', 1);
    const b = new TimeKeyedDraws(1, 0, 'rtt', 1);
    const first = [a.at(17, 3601.2).uniform(), a.at(17, 3601.2).uniform()];
    expect(first[0]).toBe(first[1]); // the counter restarts at each at()
    b.at(3, 10).uniform(); // another entity first changes nothing
    expect(b.at(17, 3601.9).uniform()).toBe(first[0]); // same 1-s bucket
    expect(b.at(17, 3602.0).uniform()).not.toBe(first[0]);
    expect(b.at(18, 3601.2).uniform()).not.toBe(first[0]);
    const two = a.at(17, 3601.2);
    expect(two.uniform()).not.toBe(two.uniform()); // successive uniforms of one sample differ
    expect(new TimeKeyedDraws(1, 1, 'rtt', 1).at(17, 3601.2).uniform()).not.toBe(first[0]);
  });

  it('is uniform on (0, 1): mean 1/2 ± 4 se, variance 1/12 ± 4 %, deciles 10 % ± 1 %', () => {
    const d = new TimeKeyedDraws(42, 0, 'promotion-delay', 1);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    const deciles = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = d.at(i % 1000, Math.floor(i / 1000)).uniform();
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
      deciles[Math.floor(u * 10)]++;
    }
    const mean = sum / n;
    const variance = sq / n - mean * mean;
    // se of the mean = sqrt(1/12 / n) ≈ 0.00065
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12) / (1 / 12)).toBeLessThan(0.04);
    for (const c of deciles) expect(Math.abs(c / n - 0.1)).toBeLessThan(0.01);
  });
});
