/**
 * Streams are named, never numbered by creation order: numbering by order
 * silently changes every later stream when a model adds or removes one, which
 * breaks common random numbers between strategies (the ns-3 lesson).
 */
export type StreamSeed = number | string;

/** Separates the name fields; forbidden inside them so two names never collide. */
const SEPARATOR = '|';

/**
 * The seedrandom key of stream (seed, replication, purpose, entity).
 * Numeric seeds are stringified, so seed 42 and seed "42" name the same stream.
 */
export function streamKey(
  seed: StreamSeed,
  replication: number,
  purpose: string,
  entity: number,
): string {
  return `${seed}${SEPARATOR}${replication}${SEPARATOR}${purpose}${SEPARATOR}${entity}`;
}

/** Validates the fixed part of a stream name (everything but the entity). */
export function validateStreamName(seed: StreamSeed, replication: number, purpose: string): void {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError(`stream seed must be finite, got ${seed}`);
  } else if (seed.includes(SEPARATOR)) {
    throw new RangeError(`stream seed must not contain "${SEPARATOR}", got "${seed}"`);
  }
  if (!Number.isInteger(replication) || replication < 0) {
    throw new RangeError(`replication must be an integer >= 0, got ${replication}`);
  }
  if (purpose.length === 0 || purpose.includes(SEPARATOR)) {
    throw new RangeError(
      `stream purpose must be non-empty without "${SEPARATOR}", got "${purpose}"`,
    );
  }
}
