import { type WarmupOptions, warmupOf } from './warmup.js';

/** Plain-data form of a Tally, for crossing worker threads. */
export interface TallyJSON {
  warmup: number;
  count: number;
  mean: number;
  m2: number;
  min: number | null;
  max: number | null;
}

/**
 * Mean, variance, min and max of observations in O(1) memory. Welford's
 * update avoids the cancellation of the sum-of-squares formula, which loses
 * all precision when the mean is large against the spread (e.g. timestamps).
 */
export class Tally {
  readonly warmup: number;
  private n = 0;
  private mu = 0;
  /** Sum of squared deviations from the running mean. */
  private m2 = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  constructor(options?: WarmupOptions) {
    this.warmup = warmupOf(options);
  }

  observe(t: number, x: number): void {
    if (t < this.warmup) return;
    const n = ++this.n;
    const delta = x - this.mu;
    this.mu += delta / n;
    this.m2 += delta * (x - this.mu);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  get count(): number {
    return this.n;
  }

  /** NaN when empty. */
  get mean(): number {
    return this.n > 0 ? this.mu : Number.NaN;
  }

  /** Sample variance (divides by n - 1); NaN below two observations. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : Number.NaN;
  }

  get stdDev(): number {
    return Math.sqrt(this.variance);
  }

  /** NaN when empty. */
  get min(): number {
    return this.n > 0 ? this.lo : Number.NaN;
  }

  /** NaN when empty. */
  get max(): number {
    return this.n > 0 ? this.hi : Number.NaN;
  }

  /**
   * Adds another tally's observations to this one (Chan, Golub & LeVeque's
   * pairwise update): the result equals one tally fed both sets.
   */
  merge(other: Tally): this {
    if (other.n === 0) return this;
    const n = this.n + other.n;
    const delta = other.mu - this.mu;
    this.mu += (delta * other.n) / n;
    this.m2 += other.m2 + (delta * delta * this.n * other.n) / n;
    this.n = n;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    return this;
  }

  toJSON(): TallyJSON {
    const empty = this.n === 0;
    return {
      warmup: this.warmup,
      count: this.n,
      mean: this.mu,
      m2: this.m2,
      min: empty ? null : this.lo,
      max: empty ? null : this.hi,
    };
  }

  static fromJSON(json: TallyJSON): Tally {
    const tally = new Tally({ warmup: json.warmup });
    if (json.count > 0) {
      tally.n = json.count;
      tally.mu = json.mean;
      tally.m2 = json.m2;
      tally.lo = json.min ?? Number.POSITIVE_INFINITY;
      tally.hi = json.max ?? Number.NEGATIVE_INFINITY;
    }
    return tally;
  }
}
