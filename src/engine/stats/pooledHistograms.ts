import type { LogHistogram } from './logHistogram.js';

/**
 * Several LogHistograms (one per replication) pooled with integer weights, fast: the
 * bootstrap pools thousands of resamples, and merging full histograms (≈1 700 buckets
 * each) per resample would dominate a report. Only the buckets some histogram uses are
 * kept, as one compact column per histogram. Results equal merging `weights[r]` copies of
 * histogram r and asking the merged histogram (same nearest-rank rule, same clamping);
 * a test checks that.
 */
export class PooledHistograms {
  private readonly counts: Float64Array[];
  private readonly representative: Float64Array;
  private readonly zeros: Float64Array;
  private readonly n: Float64Array;
  private readonly sum: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** Scratch for the pooled counts (reused: stats() runs once per bootstrap resample). */
  private readonly pooled: Float64Array;

  constructor(hists: readonly LogHistogram[]) {
    const json = hists.map((h) => h.toJSON());
    const used = [...new Set(json.flatMap((j) => j.bucketIndex))].sort((a, b) => a - b);
    const column = new Map(used.map((b, k) => [b, k]));
    this.representative = Float64Array.from(used, (b) =>
      hists.length > 0 ? hists[0].representative(b) : 0,
    );
    this.counts = json.map((j) => {
      const c = new Float64Array(used.length);
      j.bucketIndex.forEach((b, k) => {
        c[column.get(b)!] = j.bucketCount[k];
      });
      return c;
    });
    this.pooled = new Float64Array(used.length);
    this.zeros = Float64Array.from(json, (j) => j.zeros);
    this.n = Float64Array.from(json, (j) => j.count);
    this.sum = Float64Array.from(json, (j) => j.sum);
    this.lo = Float64Array.from(json, (j) => j.min ?? Number.POSITIVE_INFINITY);
    this.hi = Float64Array.from(json, (j) => j.max ?? Number.NEGATIVE_INFINITY);
    for (let r = 1; r < hists.length; r++) {
      if (hists[r].minValue !== hists[0].minValue || hists[r].maxValue !== hists[0].maxValue) {
        throw new RangeError('PooledHistograms: histograms have different value ranges');
      }
    }
  }

  /** Mean and the given quantiles of the pool (NaN when it is empty). */
  stats(weights: readonly number[], quantiles: readonly number[]): { mean: number; q: number[] } {
    let n = 0;
    let zeros = 0;
    let sum = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    const pooled = this.pooled;
    pooled.fill(0);
    for (let r = 0; r < weights.length; r++) {
      const w = weights[r];
      if (w === 0 || this.n[r] === 0) continue;
      n += w * this.n[r];
      zeros += w * this.zeros[r];
      sum += w * this.sum[r];
      if (this.lo[r] < lo) lo = this.lo[r];
      if (this.hi[r] > hi) hi = this.hi[r];
      const c = this.counts[r];
      for (let k = 0; k < c.length; k++) pooled[k] += w * c[k];
    }
    if (n === 0) return { mean: Number.NaN, q: quantiles.map(() => Number.NaN) };
    const q = quantiles.map((p) => {
      const rank = Math.max(1, Math.ceil(p * n));
      if (rank === 1) return lo;
      if (rank === n) return hi;
      if (rank <= zeros) return 0;
      let seen = zeros;
      for (let k = 0; k < pooled.length; k++) {
        seen += pooled[k];
        if (seen >= rank) return Math.min(Math.max(this.representative[k], lo), hi);
      }
      return hi;
    });
    return { mean: sum / n, q };
  }
}
