/**
 * A table of named random streams, one per entity, for one purpose
 * (e.g. "push-arrivals" of every phone). The stream of entity e is
 * (seed, replication, purpose, e): the same whatever other entities exist,
 * were drawn first, or how large the table is. That is what keeps exogenous
 * draws identical across strategies (common random numbers).
 */
import type { RandomSource } from './source.js';
import { type StreamSeed, streamKey, validateStreamName } from './streamKey.js';
import { nextXor128, seedXor128, uint32ToOpenUnit, XOR128_WORDS } from './xor128.js';

export class StreamTable {
  readonly seed: StreamSeed;
  readonly replication: number;
  readonly purpose: string;
  readonly capacity: number;
  /** xor128 state, XOR128_WORDS words per entity. */
  private readonly state: Uint32Array;
  /**
   * 1 once an entity's state is seeded. Seeding is lazy because it builds a
   * key string and runs seedrandom's 64-step warm-up: a table for 1M phones
   * costs only its two typed arrays until phones actually draw.
   */
  private readonly seeded: Uint8Array;
  private readonly cursor: EntityCursor;

  /**
   * Global id of local entity 0: a world that holds a partition of the population (phones
   * from some id on) keys every stream by the global id, so the partition draws exactly what
   * the whole population's run draws for the same entity.
   */
  readonly entityBase: number;

  constructor(
    seed: StreamSeed,
    replication: number,
    purpose: string,
    capacity: number,
    entityBase = 0,
  ) {
    validateStreamName(seed, replication, purpose);
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > 2 ** 29) {
      // 2^29 keeps entity * 4 inside int32 for the `<< 2` offset.
      throw new RangeError(
        `stream table capacity must be an integer in [0, 2^29], got ${capacity}`,
      );
    }
    this.seed = seed;
    this.replication = replication;
    this.purpose = purpose;
    this.capacity = capacity;
    this.entityBase = entityBase;
    this.state = new Uint32Array(capacity * XOR128_WORDS);
    this.seeded = new Uint8Array(capacity);
    this.cursor = new EntityCursor(this);
  }

  /** Next uint32 of the entity's stream, bit-identical to seedrandom xor128 `int32() >>> 0`. */
  uint32(entity: number): number {
    // An out-of-range or fractional entity reads `undefined` here and is
    // rejected in seedEntity, so the hot path carries no bounds check.
    if (this.seeded[entity] !== 1) this.seedEntity(entity);
    return nextXor128(this.state, entity << 2);
  }

  /** Next uniform of the entity's stream in the open interval (0, 1). */
  uniform(entity: number): number {
    return uint32ToOpenUnit(this.uint32(entity));
  }

  /**
   * A RandomSource bound to `entity`, for handing to a distribution. It is the
   * table's single cursor, re-pointed on every call (no allocation): use it
   * before asking for another entity's source.
   */
  source(entity: number): RandomSource {
    this.cursor.entity = entity;
    return this.cursor;
  }

  private seedEntity(entity: number): void {
    if (!Number.isInteger(entity) || entity < 0 || entity >= this.capacity) {
      throw new RangeError(
        `entity ${entity} outside stream table "${this.purpose}" of capacity ${this.capacity}`,
      );
    }
    const key = streamKey(this.seed, this.replication, this.purpose, this.entityBase + entity);
    seedXor128(key, this.state, entity << 2);
    this.seeded[entity] = 1;
  }
}

/** The reusable per-table cursor behind `StreamTable.source`. */
class EntityCursor implements RandomSource {
  entity = 0;
  constructor(private readonly table: StreamTable) {}

  uniform(): number {
    return this.table.uniform(this.entity);
  }
}
