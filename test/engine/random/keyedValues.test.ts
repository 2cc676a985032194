import { describe, expect, it } from 'vitest';
import { KeyedValues, StreamTable, uniform } from '../../../src/engine/random/index.js';

describe('KeyedValues: one value per entity, whoever asks first', () => {
  it('is the first draw of the entity stream, independent of the order of asking', () => {
    const dist = uniform(240, 1800);
    const a = new KeyedValues(7, 0, 'nat-timeout:x', 100, dist);
    const b = new KeyedValues(7, 0, 'nat-timeout:x', 100, dist);
    const forward = Array.from({ length: 100 }, (_, e) => a.get(e));
    const backward = Array.from({ length: 100 }, (_, e) => b.get(99 - e)).reverse();
    expect(backward).toEqual(forward);
    // Asking again returns the kept value, not a new draw.
    expect(a.get(5)).toBe(forward[5]);
    // The value is the first draw of StreamTable's stream of the same name.
    const table = new StreamTable(7, 0, 'nat-timeout:x', 100);
    expect(forward[42]).toBe(240 + (1800 - 240) * table.uniform(42));
  });

  it('differs by purpose and replication, and rejects entities outside its capacity', () => {
    const dist = uniform(0, 1);
    const a = new KeyedValues(1, 0, 'p', 10, dist);
    expect(new KeyedValues(1, 0, 'q', 10, dist).get(3)).not.toBe(a.get(3));
    expect(new KeyedValues(1, 1, 'p', 10, dist).get(3)).not.toBe(a.get(3));
    expect(() => a.get(10)).toThrow(RangeError);
  });
});
