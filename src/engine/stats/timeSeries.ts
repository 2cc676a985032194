import { type WarmupOptions, warmupOf } from './warmup.js';

export interface TimeSeriesOptions extends WarmupOptions {
  /** Bucket width in seconds (default 60). */
  bucketS?: number;
}

/**
 * Per-bucket sums over [0, durationS), e.g. signaling messages per minute.
 * With 1 s buckets `maxBucket()` is the peak per second; `rebucket(60)` then
 * gives per-minute figures from the same data.
 *
 * Warm-up: observations before `warmup` are ignored, as everywhere. The
 * measured buckets start at the one containing the warm-up instant,
 * floor(warmup / bucketS); buckets wholly before it are left out of
 * `values()`, `maxBucket()` and `total()`. The bucket straddling the warm-up
 * holds only its post-warm-up part, so `meanPerBucket()` divides the total
 * by the measured time (durationS - warmup) / bucketS rather than by a bucket
 * count: it then agrees with a Counter's rate × bucketS.
 */
export class TimeSeries {
  readonly durationS: number;
  readonly bucketS: number;
  readonly warmup: number;
  private readonly sums: Float64Array;
  private readonly firstMeasured: number;

  constructor(durationS: number, options?: TimeSeriesOptions) {
    const bucketS = options?.bucketS ?? 60;
    if (!(Number.isFinite(durationS) && durationS > 0)) {
      throw new RangeError(`TimeSeries: durationS must be finite and > 0, got ${durationS}`);
    }
    if (!(Number.isFinite(bucketS) && bucketS > 0)) {
      throw new RangeError(`TimeSeries: bucketS must be finite and > 0, got ${bucketS}`);
    }
    this.durationS = durationS;
    this.bucketS = bucketS;
    this.warmup = warmupOf(options);
    this.sums = new Float64Array(Math.ceil(durationS / bucketS));
    this.firstMeasured = Math.min(Math.floor(this.warmup / bucketS), this.sums.length);
  }

  /** Adds x to the bucket holding t, which must lie in [0, durationS). */
  add(t: number, x = 1): void {
    if (!(t >= 0 && t < this.durationS)) {
      throw new RangeError(`TimeSeries.add: time ${t} outside [0, ${this.durationS})`);
    }
    if (t < this.warmup) return;
    const last = this.sums.length - 1;
    // t / bucketS can round up to the bucket count just below durationS.
    const i = Math.floor(t / this.bucketS);
    this.sums[Math.min(i, last)] += x;
  }

  /** Number of buckets over the whole horizon. */
  get bucketCount(): number {
    return this.sums.length;
  }

  /** Start time (s) of the first measured bucket: values()[k] covers startS + k·bucketS. */
  get startS(): number {
    return this.firstMeasured * this.bucketS;
  }

  /** The measured buckets, as a view (no copy): do not modify. */
  values(): Float64Array {
    return this.sums.subarray(this.firstMeasured);
  }

  /** Largest measured bucket; NaN if none is measured. */
  maxBucket(): number {
    let peak = Number.NaN;
    for (let i = this.firstMeasured; i < this.sums.length; i++) {
      if (!(this.sums[i] <= peak)) peak = this.sums[i];
    }
    return peak;
  }

  /** Sum of everything observed from the warm-up on. */
  total(): number {
    let sum = 0;
    for (let i = this.firstMeasured; i < this.sums.length; i++) sum += this.sums[i];
    return sum;
  }

  /** Total per bucket width of measured time; NaN if the warm-up covers the horizon. */
  meanPerBucket(): number {
    const measured = this.durationS - this.warmup;
    return measured > 0 ? (this.total() / measured) * this.bucketS : Number.NaN;
  }

  /** A new series with buckets `factor` times wider (e.g. per-minute from per-second). */
  rebucket(factor: number): TimeSeries {
    if (!(Number.isInteger(factor) && factor >= 1)) {
      throw new RangeError(`TimeSeries.rebucket: factor must be an integer >= 1, got ${factor}`);
    }
    const wider = new TimeSeries(this.durationS, {
      bucketS: this.bucketS * factor,
      warmup: this.warmup,
    });
    const last = wider.sums.length - 1;
    for (let i = 0; i < this.sums.length; i++) {
      const j = Math.floor(i / factor);
      wider.sums[Math.min(j, last)] += this.sums[i];
    }
    return wider;
  }

  /** Every bucket, warm-up ones included (plain data, for merging partitions' series). */
  rawSums(): number[] {
    return Array.from(this.sums);
  }

  /** Adds another series' rawSums bucket by bucket (same horizon and width). */
  addSums(sums: ArrayLike<number>): this {
    if (sums.length !== this.sums.length) {
      throw new RangeError(
        `TimeSeries.addSums: ${sums.length} buckets, expected ${this.sums.length}`,
      );
    }
    for (let i = 0; i < sums.length; i++) this.sums[i] += sums[i];
    return this;
  }
}
