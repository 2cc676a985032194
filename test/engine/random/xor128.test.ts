import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { SingleStream, StreamTable, streamKey } from '../../../src/engine/random/index.js';
import { uint32ToOpenUnit } from '../../../src/engine/random/xor128.js';

const TWO_POW_32 = 4294967296;

describe('xor128 in a Uint32Array table', () => {
  it('is bit-identical to seedrandom.xor128 int32() for the same key', () => {
    const table = new StreamTable(42, 3, 'push-arrivals', 100);
    for (const entity of [0, 1, 17, 99]) {
      const reference = seedrandom.xor128(streamKey(42, 3, 'push-arrivals', entity));
      for (let i = 0; i < 10_000; i++) {
        expect(table.uint32(entity)).toBe(reference.int32() >>> 0);
      }
    }
  });

  it('matches seedrandom for arbitrary names (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.string().filter((s) => !s.includes('|')),
        ),
        fc.nat(1000),
        fc.string({ minLength: 1 }).filter((s) => !s.includes('|')),
        fc.nat(63),
        (seed, replication, purpose, entity) => {
          const table = new StreamTable(seed, replication, purpose, 64);
          const reference = seedrandom.xor128(streamKey(seed, replication, purpose, entity));
          for (let i = 0; i < 50; i++) {
            if (table.uint32(entity) !== reference.int32() >>> 0) return false;
          }
          return true;
        },
      ),
    );
  });

  it('maps uint32 u to (u + 0.5) / 2^32, strictly inside (0, 1)', () => {
    const table = new StreamTable('s', 0, 'p', 1);
    const reference = seedrandom.xor128(streamKey('s', 0, 'p', 0));
    for (let i = 0; i < 1000; i++) {
      expect(table.uniform(0)).toBe(((reference.int32() >>> 0) + 0.5) / TWO_POW_32);
    }
    expect(uint32ToOpenUnit(0)).toBeGreaterThan(0);
    expect(uint32ToOpenUnit(TWO_POW_32 - 1)).toBeLessThan(1);
    expect(Math.log(uint32ToOpenUnit(0))).toBeGreaterThan(-Infinity);
    expect(Math.log(1 - uint32ToOpenUnit(TWO_POW_32 - 1))).toBeGreaterThan(-Infinity);
  });

  it('SingleStream draws the same sequence as the table entity of the same name', () => {
    const table = new StreamTable(7, 1, 'strategy', 10);
    const single = new SingleStream(7, 1, 'strategy', 4);
    for (let i = 0; i < 1000; i++) expect(single.uniform()).toBe(table.uniform(4));
    const reference = seedrandom.xor128(streamKey(7, 1, 'strategy', 0));
    const defaultEntity = new SingleStream(7, 1, 'strategy');
    for (let i = 0; i < 100; i++) expect(defaultEntity.uint32()).toBe(reference.int32() >>> 0);
  });
});
