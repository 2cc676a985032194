import { describe, expect, it } from 'vitest';
import { SingleStream, type StreamSeed, StreamTable } from '../../../src/engine/random/index.js';

function firstDraws(table: StreamTable, entity: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(table.uint32(entity));
  return out;
}

describe('StreamTable', () => {
  it('does not depend on the order in which entities first draw', () => {
    const a = new StreamTable(42, 0, 'push', 10);
    const b = new StreamTable(42, 0, 'push', 10);
    const a5 = firstDraws(a, 5, 20);
    const a3 = firstDraws(a, 3, 20);
    const b3 = firstDraws(b, 3, 20);
    const b5 = firstDraws(b, 5, 20);
    expect(a5).toEqual(b5);
    expect(a3).toEqual(b3);
  });

  it("gives an entity the same sequence however other entities' draws interleave", () => {
    const alone = firstDraws(new StreamTable(42, 0, 'push', 10), 5, 100);
    const busy = new StreamTable(42, 0, 'push', 10);
    const interleaved: number[] = [];
    for (let i = 0; i < 100; i++) {
      busy.uint32(i % 10 === 5 ? 6 : i % 10);
      interleaved.push(busy.uint32(5));
    }
    expect(interleaved).toEqual(alone);
  });

  it('does not depend on the table capacity', () => {
    expect(firstDraws(new StreamTable(1, 2, 'nat', 8), 7, 10)).toEqual(
      firstDraws(new StreamTable(1, 2, 'nat', 1_000_000), 7, 10),
    );
  });

  it('gives a different stream when any part of the name changes', () => {
    const base = firstDraws(new StreamTable(42, 0, 'push', 10), 5, 4);
    const variants: [StreamSeed, number, string, number][] = [
      [43, 0, 'push', 5],
      ['42x', 0, 'push', 5],
      [42, 1, 'push', 5],
      [42, 0, 'pushes', 5],
      [42, 0, 'push', 4],
    ];
    const seen = new Set([base.join(',')]);
    for (const [seed, replication, purpose, entity] of variants) {
      const draws = firstDraws(new StreamTable(seed, replication, purpose, 10), entity, 4);
      expect(draws).not.toEqual(base);
      seen.add(draws.join(','));
    }
    expect(seen.size).toBe(variants.length + 1);
  });

  it('hands out one reusable cursor bound to the requested entity', () => {
    const table = new StreamTable(9, 0, 'switch', 4);
    const reference = new StreamTable(9, 0, 'switch', 4);
    const s2 = table.source(2);
    expect(s2.uniform()).toBe(reference.uniform(2));
    const s3 = table.source(3);
    expect(s3).toBe(s2); // same object, re-pointed: no allocation per call
    expect(s3.uniform()).toBe(reference.uniform(3));
    expect(table.source(2).uniform()).toBe(reference.uniform(2));
  });

  it('rejects entities outside the table', () => {
    const table = new StreamTable(1, 0, 'p', 4);
    expect(() => table.uniform(4)).toThrow(RangeError);
    expect(() => table.uniform(-1)).toThrow(RangeError);
    expect(() => table.uniform(1.5)).toThrow(RangeError);
    expect(() => table.source(7).uniform()).toThrow(RangeError);
  });

  it('rejects names that could collide or are not names', () => {
    expect(() => new StreamTable(1, 0, 'a|b', 1)).toThrow(RangeError);
    expect(() => new StreamTable('1|0', 0, 'p', 1)).toThrow(RangeError);
    expect(() => new StreamTable(1, 0, '', 1)).toThrow(RangeError);
    expect(() => new StreamTable(Number.NaN, 0, 'p', 1)).toThrow(RangeError);
    expect(() => new StreamTable(1, -1, 'p', 1)).toThrow(RangeError);
    expect(() => new StreamTable(1, 0.5, 'p', 1)).toThrow(RangeError);
    expect(() => new StreamTable(1, 0, 'p', -1)).toThrow(RangeError);
    expect(() => new SingleStream(1, 0, 'p', -2)).toThrow(RangeError);
  });
});
