import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../../src/engine/stats/exactSum.js';

const sumOf = (xs: number[]) => {
  const s = new ExactSum();
  for (const x of xs) s.add(x);
  return s.value;
};

describe('ExactSum', () => {
  it('rounds the exact sum once (the cases where a plain += loses it)', () => {
    // 0.1 ten times: the exact sum of the ten doubles rounds to 1; += gives 0.9999999999999999.
    expect(sumOf(Array(10).fill(0.1))).toBe(1);
    // Cancellation: 1e100 + 1 − 1e100 = 1 exactly; += gives 0.
    expect(sumOf([1e100, 1, -1e100])).toBe(1);
    // A halfway case decided by a tiny term below it: 1 + 2^-53 + 2^-106 rounds up.
    expect(sumOf([1, 2 ** -53, 2 ** -106])).toBe(1 + 2 ** -52);
    expect(sumOf([1, 2 ** -53])).toBe(1); // a tie alone goes to even
    expect(sumOf([])).toBe(0);
  });

  it('gives the same double in any order and when merged from parts', () => {
    const xs = Array.from({ length: 2000 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
    const forward = sumOf(xs);
    expect(sumOf([...xs].reverse())).toBe(forward);
    expect(sumOf([...xs].sort((a, b) => a - b))).toBe(forward);
    const parts = [0, 1, 2].map((k) => {
      const s = new ExactSum();
      xs.filter((_, i) => i % 3 === k).forEach((x) => {
        s.add(x);
      });
      return s;
    });
    const merged = new ExactSum();
    for (const p of [parts[2], parts[0], parts[1]]) merged.merge(ExactSum.fromParts(p.toJSON()));
    expect(merged.value).toBe(forward);
  });
});
