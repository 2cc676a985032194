/**
 * Percentile bootstrap over replications (Efron & Tibshirani 1993, ch. 13) for statistics
 * of pooled data, such as a latency quantile of every delivery of every replication.
 *
 * Why over replications: replications are the only independent units of a simulation
 * experiment; deliveries within one run are correlated (the same phones, the same NAT
 * state), so resampling deliveries, or order-statistic bounds that treat them as i.i.d.,
 * would be too narrow. Each resample draws R replications with replacement, pools them,
 * and recomputes the statistics; an interval is a pair of percentiles of those values.
 * Its bounds are values the statistic actually took, so it never leaves the metric's
 * range (no negative latency). Resampling is deterministic (a named stream).
 *
 * Paired use: a statistic that pools the same drawn replication indices of a strategy and
 * of its baseline carries common random numbers over to their difference.
 */
import { SingleStream } from '../random/singleStream.js';

export interface BootstrapOptions {
  /** Resamples (default 4000). */
  resamples?: number;
  /** Nominal coverage of the percentile interval (default 0.95). */
  confidence?: number;
  /** Seed of the resampling stream (default 1): fixed so that reports are reproducible. */
  seed?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original sample (all replications pooled). */
  estimate: number;
  /** Percentile interval; null below two replications (nothing to resample). */
  ci: [number, number] | null;
  /** True when every resample gave the same value: an interval of width 0 says nothing varied. */
  noVariation: boolean;
}

export const DEFAULT_RESAMPLES = 4000;

/**
 * `stat(indices)` computes k statistics over the replications listed in `indices` (with
 * repeats). Returns, for each, the estimate on all replications and its percentile interval.
 */
export function bootstrapReplications(
  replications: number,
  stat: (indices: readonly number[]) => readonly number[],
  opts: BootstrapOptions = {},
): BootstrapInterval[] {
  const all = Array.from({ length: replications }, (_, i) => i);
  if (replications === 0) return [];
  const estimates = stat(all);
  const k = estimates.length;
  if (replications < 2)
    return estimates.map((e) => ({ estimate: e, ci: null, noVariation: false }));
  const b = opts.resamples ?? DEFAULT_RESAMPLES;
  const alpha = 1 - (opts.confidence ?? 0.95);
  const rng = new SingleStream(opts.seed ?? 1, 0, 'bootstrap');
  const values = Array.from({ length: k }, () => [] as number[]);
  const pick = new Array<number>(replications);
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < replications; i++) {
      pick[i] = Math.min(replications - 1, Math.floor(rng.uniform() * replications));
    }
    const v = stat(pick);
    for (let j = 0; j < k; j++) if (Number.isFinite(v[j])) values[j].push(v[j]);
  }
  return estimates.map((estimate, j) => {
    const vs = values[j];
    if (!Number.isFinite(estimate) || vs.length === 0) {
      return { estimate, ci: null, noVariation: false };
    }
    vs.sort((x, y) => x - y);
    const lo = percentileSorted(vs, alpha / 2);
    const hi = percentileSorted(vs, 1 - alpha / 2);
    return { estimate, ci: [lo, hi], noVariation: vs[0] === vs[vs.length - 1] };
  });
}

/** Nearest-rank percentile of sorted values. */
function percentileSorted(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}
