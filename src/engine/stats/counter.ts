import { type WarmupOptions, warmupOf } from './warmup.js';

/** A count of events (or a sum of amounts) from the warm-up cut on. */
export class Counter {
  readonly warmup: number;
  private total = 0;

  constructor(options?: WarmupOptions) {
    this.warmup = warmupOf(options);
  }

  add(t: number, n = 1): void {
    if (t < this.warmup) return;
    this.total += n;
  }

  get value(): number {
    return this.total;
  }

  /** Per second over the measured window [warmup, until); NaN if that window is empty. */
  rate(until: number): number {
    return until > this.warmup ? this.total / (until - this.warmup) : Number.NaN;
  }
}
