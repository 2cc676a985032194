import { type WarmupOptions, warmupOf } from './warmup.js';

export interface TimeWeightedOptions extends WarmupOptions {
  /** Level in effect from time 0 until the first `set` (default 0). */
  initial?: number;
}

/**
 * A piecewise-constant level over time (open sessions, NAT mappings in use),
 * integrated exactly: the level set at t holds until the next set. Only the
 * part of each interval at or after the warm-up counts, so the average over
 * [warmup, until) and the integral describe the same window.
 */
export class TimeWeighted {
  readonly warmup: number;
  private current: number;
  private lastT = 0;
  /** ∫ level dt over [warmup, lastT). */
  private area = 0;
  /** Highest level in effect at some time >= warmup, among closed intervals and sets. */
  private peak = Number.NEGATIVE_INFINITY;

  constructor(options?: TimeWeightedOptions) {
    this.warmup = warmupOf(options);
    this.current = options?.initial ?? 0;
  }

  /** The level from time t on. t must not decrease (RangeError). */
  set(t: number, level: number): void {
    if (!(t >= this.lastT)) {
      throw new RangeError(`TimeWeighted.set: time ${t} is before the previous time ${this.lastT}`);
    }
    const warmup = this.warmup;
    if (t > warmup) {
      // The outgoing level held over [lastT, t), of which [max(lastT, warmup), t) counts.
      const from = Math.max(this.lastT, warmup);
      this.area += this.current * (t - from);
      if (this.current > this.peak) this.peak = this.current;
    }
    // A level set at or after warm-up counts for the peak even if replaced at the same instant.
    if (t >= warmup && level > this.peak) this.peak = level;
    this.current = level;
    this.lastT = t;
  }

  get level(): number {
    return this.current;
  }

  /** ∫ level dt over [warmup, until); until must not precede the last set. */
  integral(until: number): number {
    this.checkUntil(until);
    if (!(until > this.warmup)) return 0;
    const from = Math.max(this.lastT, this.warmup);
    return this.area + this.current * (until - from);
  }

  /** Time average over [warmup, until); NaN if that window is empty. */
  average(until: number): number {
    const integral = this.integral(until);
    return until > this.warmup ? integral / (until - this.warmup) : Number.NaN;
  }

  /**
   * Highest level in effect during [warmup, until). A method rather than a
   * getter because a level set before the warm-up and still held counts once
   * the window reaches past the warm-up. NaN if the window is empty.
   */
  max(until: number): number {
    this.checkUntil(until);
    if (!(until > this.warmup)) return Number.NaN;
    return Math.max(this.current, this.peak);
  }

  private checkUntil(until: number): void {
    if (!(until >= this.lastT)) {
      throw new RangeError(`TimeWeighted: until ${until} is before the last set at ${this.lastT}`);
    }
  }
}
