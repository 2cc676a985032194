/**
 * One named stream on its own, e.g. a strategy's stream. It draws the same
 * sequence as entity `entity` of a StreamTable with the same name, so a
 * purpose can move between the two forms without changing results.
 */
import type { RandomSource } from './source.js';
import { type StreamSeed, streamKey, validateStreamName } from './streamKey.js';
import { nextXor128, seedXor128, uint32ToOpenUnit, XOR128_WORDS } from './xor128.js';

export class SingleStream implements RandomSource {
  private readonly state = new Uint32Array(XOR128_WORDS);

  constructor(seed: StreamSeed, replication: number, purpose: string, entity = 0) {
    validateStreamName(seed, replication, purpose);
    if (!Number.isInteger(entity) || entity < 0) {
      throw new RangeError(`stream entity must be an integer >= 0, got ${entity}`);
    }
    seedXor128(streamKey(seed, replication, purpose, entity), this.state, 0);
  }

  uint32(): number {
    return nextXor128(this.state, 0);
  }

  uniform(): number {
    return uint32ToOpenUnit(nextXor128(this.state, 0));
  }
}
