/**
 * Test helper: a RandomSource replaying given uniforms, so a test can feed a
 * distribution hand-picked values and check the hand-computed result. It
 * throws when it runs dry, which also catches a distribution drawing more
 * uniforms than documented.
 */
import type { RandomSource } from './source.js';

export interface SequenceSource extends RandomSource {
  /** Uniforms not yet replayed. */
  readonly remaining: number;
}

export function fromSequence(values: readonly number[]): SequenceSource {
  for (const u of values) {
    if (!(u > 0 && u < 1)) {
      throw new RangeError(`fromSequence values must lie in the open interval (0, 1), got ${u}`);
    }
  }
  const replay = values.slice();
  let next = 0;
  return {
    uniform(): number {
      if (next >= replay.length) {
        throw new Error(`fromSequence exhausted after ${replay.length} uniforms`);
      }
      return replay[next++];
    },
    get remaining(): number {
      return replay.length - next;
    },
  };
}
