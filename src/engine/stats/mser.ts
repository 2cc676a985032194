/**
 * MSER-5 warm-up detection (White 1997; evaluated by Hoad, Robinson & Davies 2010 as the
 * most reliable automatic truncation rule of 42 they compared). The series is cut into
 * batches of 5 and their means Y_1..Y_m are taken; for each candidate truncation d (in
 * batches) the statistic
 *
 *     MSER(d) = Σ_{i>d} (Y_i − Ȳ_d)² / (m − d)²,   Ȳ_d the mean of Y_{d+1..m},
 *
 * trades the bias left by the initial transient (large deviations) against the precision
 * lost by cutting data (the smaller denominator). The truncation is the d that minimises
 * it. As both sources recommend, only d in the first half of the series is searched: a
 * minimum beyond it says the run is too short to show a steady state, which is reported
 * (`reliable: false`) rather than hidden.
 */

export interface MserResult {
  /** Observations to discard from the start (a multiple of the batch size). */
  truncation: number;
  /** The same in batches. */
  truncationBatches: number;
  /** Batch means used. */
  batches: number;
  /**
   * False when the statistic over the whole series has its minimum in the second half
   * (no steady state within the run) or the series is too short to judge (< 4 batches).
   */
  reliable: boolean;
}

export const MSER_BATCH = 5;

export function mser(series: ArrayLike<number>, batch = MSER_BATCH): MserResult {
  if (!(Number.isInteger(batch) && batch >= 1)) {
    throw new RangeError(`mser: batch must be an integer >= 1, got ${batch}`);
  }
  const m = Math.floor(series.length / batch);
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < batch; k++) {
      const v = series[i * batch + k];
      if (!Number.isFinite(v)) throw new RangeError(`mser: value ${v} at ${i * batch + k}`);
      s += v;
    }
    y[i] = s / batch;
  }
  if (m < 4) return { truncation: 0, truncationBatches: 0, batches: m, reliable: false };
  // Suffix sums of Y and Y² give every MSER(d) in O(m). Values are shifted by the overall
  // mean first so that Σ(Y − Ȳ)² = ΣY² − (ΣY)²/n does not cancel catastrophically.
  let shift = 0;
  for (let i = 0; i < m; i++) shift += y[i];
  shift /= m;
  let s1 = 0;
  let s2 = 0;
  const stat = new Float64Array(m - 1);
  for (let d = m - 1; d >= 0; d--) {
    const v = y[d] - shift;
    s1 += v;
    s2 += v * v;
    const n = m - d;
    if (d < m - 1) stat[d] = Math.max(0, s2 - (s1 * s1) / n) / (n * n);
  }
  // The last few candidates are excluded: with one or two batches left the statistic is
  // trivially near zero.
  let best = 0;
  let bestAll = 0;
  for (let d = 1; d < m - 2; d++) {
    if (stat[d] < stat[bestAll]) bestAll = d;
    if (d <= Math.floor(m / 2) && stat[d] < stat[best]) best = d;
  }
  return {
    truncation: best * batch,
    truncationBatches: best,
    batches: m,
    reliable: bestAll <= Math.floor(m / 2),
  };
}
