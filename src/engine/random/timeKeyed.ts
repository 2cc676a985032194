import type { RandomSource } from './source.js';
import { type StreamSeed, streamKey, validateStreamName } from './streamKey.js';

/**
 * Random values that are a function of (entity, time bucket): the draw for phone 17 at
 * t = 3601.2 s is the same whoever asks, how often, and in what order. That is what keeps
 * per-exchange noise (an RTT, a promotion delay) common across strategies: a push that
 * arrives at the same moment under two strategies meets the same network, although the
 * strategies have sent different numbers of packets before it. A plain stream consumed per
 * exchange would hand them different values (each strategy draws at its own pace).
 *
 * Values come from an integer hash of (seed, replication, purpose, entity, bucket, k), where
 * k counts the uniforms one sample takes; the hash is Wellons' "lowbias32" (two
 * multiply-xorshift rounds, bias ≈ 0.17 on his avalanche test), nested once per key word.
 * No state is kept per entity.
 */
export class TimeKeyedDraws {
  private readonly base: number;
  /** mix32(mix32(base ^ entity) ^ bucket) of the current (entity, bucket): hashed once per at(). */
  private key = 0;
  private k = 0;
  private readonly source: RandomSource;

  constructor(
    seed: StreamSeed,
    replication: number,
    purpose: string,
    /** Width of a time bucket, seconds: draws within one bucket are the same value. */
    private readonly widthS: number,
    /** Global id of local entity 0 (a population partition keys draws by global phone id). */
    private readonly entityBase = 0,
  ) {
    validateStreamName(seed, replication, purpose);
    if (!(widthS > 0)) throw new RangeError(`bucket width must be > 0, got ${widthS}`);
    this.base = hashString(streamKey(seed, replication, purpose, 0));
    this.source = {
      uniform: () => {
        const k = this.k++;
        const h = mix32(this.key ^ (k < K_MIXED.length ? K_MIXED[k] : mix32(k)));
        return (h + 0.5) / 4294967296;
      },
    };
  }

  /** The uniform source of entity e at time t (hand it to one distribution's sample()). */
  at(e: number, t: number): RandomSource {
    const bucket = Math.floor(t / this.widthS) >>> 0;
    this.key = mix32(mix32(this.base ^ ((e + this.entityBase) | 0)) ^ bucket);
    this.k = 0;
    return this.source;
  }
}

/** mix32(k) of the first draws of a sample (a sample takes one or two uniforms, rarely more). */
const K_MIXED = Uint32Array.from({ length: 8 }, (_, k) => mix32(k));

/** Wellons' lowbias32 integer hash. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5; // FNV-1a, then mixed
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}
