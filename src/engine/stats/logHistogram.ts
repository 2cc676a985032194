import { ExactSum } from './exactSum.js';
import { type WarmupOptions, warmupOf } from './warmup.js';

/**
 * Bucket ratio γ. Bucket i covers [lo, hi) with lo = minValue·γ^i, hi = γ·lo,
 * and reports one representative r for everything in it. The relative error
 * |x - r| / x over x in [lo, hi] is largest at an end: (r - lo)/lo at lo,
 * (hi - r)/hi at hi. The first grows with r and the second shrinks, so the
 * best r makes them equal: r/lo - 1 = 1 - r/hi, i.e. r = 2·lo·hi/(lo + hi)
 * (the harmonic mean of the edges), and then the bound is
 *
 *     α = (hi - lo)/(hi + lo) = (γ - 1)/(γ + 1).
 *
 * γ = 1.02 gives α = 0.02/2.02 ≈ 0.990% ≤ 1%; the ~0.01% slack absorbs the
 * rounding of log() that may put a value lying on an edge into the
 * neighbouring bucket. A quantile is the representative of the bucket holding
 * the order statistic of that rank, clamped to the exact [min, max] (which
 * only moves it closer, as the true value lies in both ranges), so it is
 * within α of the exact order statistic for values in [minValue, maxValue).
 * Values below minValue share the lowest bucket and values from maxValue up
 * share the highest, without that bound (min, max and mean stay exact).
 */
const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
/** r / lo = 2γ / (1 + γ). */
const REPRESENTATIVE_FACTOR = (2 * GAMMA) / (1 + GAMMA);

export interface LogHistogramOptions extends WarmupOptions {
  /** Lower end of the 1% guarantee (default 1e-6); smaller values join the lowest bucket. */
  minValue?: number;
  /** Upper end of the 1% guarantee (default 1e9); larger values join the highest bucket. */
  maxValue?: number;
}

/** Plain-data form: only non-empty buckets, as parallel index/count arrays. */
export interface LogHistogramJSON {
  gamma: number;
  warmup: number;
  minValue: number;
  maxValue: number;
  count: number;
  zeros: number;
  sum: number;
  /** The exact sum's partials (ExactSum), present in population-partition results only. */
  sumParts?: number[];
  min: number | null;
  max: number | null;
  bucketIndex: number[];
  bucketCount: number[];
}

/**
 * Fixed log-bucket histogram for non-negative values (latencies): memory is
 * set by the value range, never by the number of observations, and two
 * histograms with the same range merge exactly (replications, workers).
 */
export class LogHistogram {
  static readonly GAMMA = GAMMA;
  /** Worst relative error of a quantile inside [minValue, maxValue). */
  static readonly RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

  readonly warmup: number;
  readonly minValue: number;
  readonly maxValue: number;
  private readonly counts: Float64Array;
  private readonly logMin: number;
  private readonly top: number;
  private zeros = 0;
  private n = 0;
  /** Exact, so a histogram merged from partitions has the same mean as one filled in one go. */
  private total = new ExactSum();
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  constructor(options?: LogHistogramOptions) {
    this.warmup = warmupOf(options);
    const minValue = options?.minValue ?? 1e-6;
    const maxValue = options?.maxValue ?? 1e9;
    if (!(Number.isFinite(minValue) && minValue > 0)) {
      throw new RangeError(`LogHistogram: minValue must be finite and > 0, got ${minValue}`);
    }
    if (!(Number.isFinite(maxValue) && maxValue > minValue)) {
      throw new RangeError(`LogHistogram: maxValue must be finite and > minValue, got ${maxValue}`);
    }
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.logMin = Math.log(minValue);
    this.top = Math.floor(Math.log(maxValue / minValue) / LOG_GAMMA);
    this.counts = new Float64Array(this.top + 1);
  }

  /** Records x >= 0 observed at time t (ignored before the warm-up). */
  observe(t: number, x: number): void {
    if (t < this.warmup) return;
    if (!(x >= 0 && x < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`LogHistogram.observe: value must be finite and >= 0, got ${x}`);
    }
    this.n++;
    this.total.add(x);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    if (x === 0) this.zeros++;
    else this.counts[this.bucketOf(x)]++;
  }

  get count(): number {
    return this.n;
  }

  /** Exact; NaN when empty. */
  get min(): number {
    return this.n > 0 ? this.lo : Number.NaN;
  }

  /** Exact; NaN when empty. */
  get max(): number {
    return this.n > 0 ? this.hi : Number.NaN;
  }

  /** Exact (from the running sum); NaN when empty. */
  get mean(): number {
    return this.n > 0 ? this.total.value / this.n : Number.NaN;
  }

  /**
   * The q-quantile by nearest rank: the k-th smallest value with
   * k = max(1, ceil(q·n)), within RELATIVE_ERROR of the exact one
   * (exact for the smallest and largest rank). NaN when empty.
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
    const n = this.n;
    if (n === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * n));
    if (rank === 1) return this.lo;
    if (rank === n) return this.hi;
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    const counts = this.counts;
    for (let i = 0; i <= this.top; i++) {
      seen += counts[i];
      if (seen >= rank) return Math.min(Math.max(this.representative(i), this.lo), this.hi);
    }
    return this.hi; // unreachable: the counts add up to n
  }

  /**
   * Points [x, F] of the CDF for charts: F is the exact fraction of
   * observations below x, taken at each non-empty bucket's upper edge (the
   * last point is [max, 1]), preceded by [0, zeros/n] when there are zeros.
   */
  cdfPoints(): [number, number][] {
    const points: [number, number][] = [];
    const n = this.n;
    if (n === 0) return points;
    let seen = this.zeros;
    if (seen > 0) points.push([0, seen / n]);
    for (let i = 0; i <= this.top; i++) {
      const c = this.counts[i];
      if (c === 0) continue;
      seen += c;
      const upper = this.lowerEdge(i + 1);
      points.push([seen === n || upper > this.hi ? this.hi : upper, seen / n]);
    }
    return points;
  }

  /** Adds another histogram with the same value range into this one. */
  merge(other: LogHistogram): this {
    if (other.minValue !== this.minValue || other.maxValue !== this.maxValue) {
      throw new RangeError(
        `LogHistogram.merge: ranges differ ([${this.minValue}, ${this.maxValue}) vs [${other.minValue}, ${other.maxValue}))`,
      );
    }
    for (let i = 0; i <= this.top; i++) this.counts[i] += other.counts[i];
    this.zeros += other.zeros;
    this.n += other.n;
    this.total.merge(other.total);
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    return this;
  }

  toJSON(): LogHistogramJSON {
    const bucketIndex: number[] = [];
    const bucketCount: number[] = [];
    for (let i = 0; i <= this.top; i++) {
      if (this.counts[i] === 0) continue;
      bucketIndex.push(i);
      bucketCount.push(this.counts[i]);
    }
    const empty = this.n === 0;
    return {
      gamma: GAMMA,
      warmup: this.warmup,
      minValue: this.minValue,
      maxValue: this.maxValue,
      count: this.n,
      zeros: this.zeros,
      sum: this.total.value,
      min: empty ? null : this.lo,
      max: empty ? null : this.hi,
      bucketIndex,
      bucketCount,
    };
  }

  /** toJSON plus the exact sum's partials: what a partition hands to the merge. */
  toExactJSON(): LogHistogramJSON {
    return { ...this.toJSON(), sumParts: this.total.toJSON() };
  }

  static fromJSON(json: LogHistogramJSON): LogHistogram {
    if (json.gamma !== GAMMA) {
      throw new RangeError(`LogHistogram.fromJSON: bucket ratio ${json.gamma}, expected ${GAMMA}`);
    }
    if (json.bucketIndex.length !== json.bucketCount.length) {
      throw new RangeError('LogHistogram.fromJSON: bucketIndex and bucketCount differ in length');
    }
    const h = new LogHistogram({
      warmup: json.warmup,
      minValue: json.minValue,
      maxValue: json.maxValue,
    });
    for (let k = 0; k < json.bucketIndex.length; k++) {
      const i = json.bucketIndex[k];
      if (!(Number.isInteger(i) && i >= 0 && i <= h.top)) {
        throw new RangeError(`LogHistogram.fromJSON: bucket index ${i} out of range`);
      }
      h.counts[i] = json.bucketCount[k];
    }
    h.zeros = json.zeros;
    h.n = json.count;
    h.total = ExactSum.fromParts(json.sumParts ?? [json.sum]);
    h.lo = json.min ?? Number.POSITIVE_INFINITY;
    h.hi = json.max ?? Number.NEGATIVE_INFINITY;
    return h;
  }

  /** The value reported for everything in bucket i (before clamping to [min, max]). */
  representative(i: number): number {
    return this.lowerEdge(i) * REPRESENTATIVE_FACTOR;
  }

  private bucketOf(x: number): number {
    if (x <= this.minValue) return 0;
    const i = Math.floor((Math.log(x) - this.logMin) / LOG_GAMMA);
    return Math.min(i, this.top);
  }

  private lowerEdge(i: number): number {
    return Math.exp(this.logMin + i * LOG_GAMMA);
  }
}
