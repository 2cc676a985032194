/**
 * Every statistic takes a warm-up cut: observations before `warmup` seconds
 * are ignored and time integrals start at `warmup`, inside the primitive
 * itself, so every figure derived from it (rates, means, peaks) covers the
 * same window.
 */
export interface WarmupOptions {
  /** Seconds of simulated time to exclude from the start (default 0). */
  warmup?: number;
}

export function warmupOf(options: WarmupOptions | undefined): number {
  const warmup = options?.warmup ?? 0;
  if (!(Number.isFinite(warmup) && warmup >= 0)) {
    throw new RangeError(`warmup must be a finite number of seconds >= 0, got ${warmup}`);
  }
  return warmup;
}
