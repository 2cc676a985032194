import type { Distribution } from './distributions/index.js';
import type { RandomSource } from './source.js';
import { type StreamSeed, streamKey, validateStreamName } from './streamKey.js';
import { nextXor128, seedXor128, uint32ToOpenUnit, XOR128_WORDS } from './xor128.js';

/**
 * One value per entity, drawn lazily from the entity's own stream (seed, replication,
 * purpose, entity) and then kept: the value of entity e is the first draw of that stream,
 * whoever asks first and however often. This is how configuration that is random but fixed
 * for a run (a NAT box's idle timeout, a phone's timeout on a carrier, a sweep phase) stays
 * identical across strategies. Only the values are stored (8 bytes per entity); each draw
 * seeds a scratch state, so it costs one seeding, paid once per entity.
 */
export class KeyedValues {
  private readonly values: Float64Array;
  private readonly scratch = new Uint32Array(XOR128_WORDS);
  private readonly source: RandomSource;

  constructor(
    private readonly seed: StreamSeed,
    private readonly replication: number,
    private readonly purpose: string,
    capacity: number,
    private readonly dist: Distribution,
    /** Global id of local entity 0 (a population partition keys values by global id). */
    private readonly entityBase = 0,
  ) {
    validateStreamName(seed, replication, purpose);
    this.values = new Float64Array(capacity).fill(Number.NaN);
    const scratch = this.scratch;
    this.source = { uniform: () => uint32ToOpenUnit(nextXor128(scratch, 0)) };
  }

  /** The value of entity e. */
  get(e: number): number {
    const v = this.values[e];
    if (v !== undefined && !Number.isNaN(v)) return v; // drawn before
    if (!(Number.isInteger(e) && e >= 0 && e < this.values.length)) {
      throw new RangeError(`entity ${e} outside keyed values "${this.purpose}"`);
    }
    seedXor128(
      streamKey(this.seed, this.replication, this.purpose, this.entityBase + e),
      this.scratch,
      0,
    );
    const drawn = this.dist.sample(this.source);
    this.values[e] = drawn;
    return drawn;
  }
}
