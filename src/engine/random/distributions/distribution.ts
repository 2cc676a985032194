import type { RandomSource } from '../source.js';

/**
 * A sampling recipe over a RandomSource. Every distribution draws a FIXED
 * number of uniforms per sample (documented per factory), so a stream's
 * position after n samples never depends on the values drawn: a parameter
 * change cannot shift later draws of the same stream.
 */
export interface Distribution {
  sample(src: RandomSource): number;
  /** The theoretical mean. */
  mean(): number;
  /** A short human-readable form, e.g. for reports and error messages. */
  describe(): string;
}
