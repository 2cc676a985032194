/**
 * The one thing a distribution needs from a random stream: uniforms in the
 * open interval (0, 1). Keeping the interface this narrow lets tests replay
 * hand-picked values (see `fromSequence`) and lets the simulator hand out a
 * reusable per-entity cursor instead of a new object per draw.
 */
export interface RandomSource {
  /** A uniform double in the OPEN interval (0, 1): never 0, never 1. */
  uniform(): number;
}
