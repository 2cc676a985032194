/**
 * Push-latency histograms: read a run's LogHistogram JSON, pool replications, and derive
 * the shares delivered within a deadline. Shares read the CDF at the histogram's bucket
 * edges, so they are lower bounds exact to one bucket (values within 2% of a deadline may
 * be counted as late).
 */
import {
  type BootstrapInterval,
  bootstrapReplications,
  LogHistogram,
  type LogHistogramJSON,
  PooledHistograms,
} from '../engine/stats/index.js';
import type { RunResult } from '../model/runResult.js';
import { expandedBootstrapConfidence } from './aggregate.js';
import type { Estimate, PairedEstimate, PooledLatency } from './types.js';

export const DEADLINES_S = [1, 10, 60] as const;

function isHistogramJson(x: unknown): x is LogHistogramJSON {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    Array.isArray(o.bucketIndex) && Array.isArray(o.bucketCount) && typeof o.count === 'number'
  );
}

/** The run's latency histogram, or null when the run carries none. */
export function latencyHistogram(run: RunResult): LogHistogram | null {
  if (!isHistogramJson(run.latency)) return null;
  return LogHistogram.fromJSON(run.latency);
}

/** Histograms of several runs merged into one (null when none has any). */
export function pooledHistogram(runs: readonly RunResult[]): LogHistogram | null {
  let pooled: LogHistogram | null = null;
  for (const run of runs) {
    const h = latencyHistogram(run);
    if (!h) continue;
    if (pooled) pooled.merge(h);
    else pooled = h;
  }
  return pooled;
}

/** Percent of observations known to be <= x (lower bound at bucket resolution). */
export function percentWithin(points: readonly [number, number][], x: number): number {
  if (points.length === 0) return Number.NaN;
  let f = 0;
  for (const [px, pf] of points) {
    if (px <= x) f = pf;
    else break;
  }
  return 100 * f;
}

/** Derived per-run metrics that the engine does not emit itself. */
export function derivedLatencyMetrics(run: RunResult): Record<string, number> {
  const h = latencyHistogram(run);
  const out: Record<string, number> = {};
  const points = h && h.count > 0 ? h.cdfPoints() : [];
  for (const d of DEADLINES_S) out[`pushWithin${d}sPct`] = percentWithin(points, d);
  return out;
}

export function pooledLatency(runs: readonly RunResult[]): PooledLatency | null {
  return describeHistogram(pooledHistogram(runs));
}

/** Several runs' histograms of one app (by name) merged; null when none has any. */
export function pooledAppHistogram(runs: readonly RunResult[], app: string): LogHistogram | null {
  let pooled: LogHistogram | null = null;
  for (const run of runs) {
    const json = run.apps?.find((a) => a.name === app)?.latency;
    if (!isHistogramJson(json)) continue;
    const h = LogHistogram.fromJSON(json);
    if (pooled) pooled.merge(h);
    else pooled = h;
  }
  return pooled;
}

export function describeHistogram(h: LogHistogram | null): PooledLatency | null {
  if (!h || h.count === 0) return null;
  const points = h.cdfPoints();
  return {
    count: h.count,
    mean: h.mean,
    p50: h.quantile(0.5),
    p90: h.quantile(0.9),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    max: h.max,
    within1sPct: percentWithin(points, 1),
    within10sPct: percentWithin(points, 10),
    within60sPct: percentWithin(points, 60),
  };
}

/** Pooled latency statistics with a bootstrap interval: metric name → quantile (or mean). */
export const POOLED_LATENCY_METRICS: Readonly<Record<string, number | 'mean'>> = {
  pushLatencyMeanS: 'mean',
  pushLatencyP50S: 0.5,
  pushLatencyP90S: 0.9,
  pushLatencyP95S: 0.95,
  pushLatencyP99S: 0.99,
};

/** The POOLED_LATENCY_METRICS of the replications listed in `indices` (with repeats). */
function pooledStatsOf(pool: PooledHistograms, replications: number) {
  const qs = Object.values(POOLED_LATENCY_METRICS).filter((q): q is number => q !== 'mean');
  const weights = new Array<number>(replications);
  return (indices: readonly number[]): number[] => {
    weights.fill(0);
    for (const i of indices) weights[i]++;
    const { mean, q } = pool.stats(weights, qs);
    return [mean, ...q];
  };
}

function toEstimate(b: BootstrapInterval, n: number): Estimate {
  return {
    mean: b.estimate,
    ci95: b.ci,
    n,
    interval: b.ci ? 'bootstrap' : 'none',
    noVariation: b.noVariation,
  };
}

/**
 * Headline latency statistics pooled over every delivery of every replication, each with
 * an expanded percentile bootstrap interval over replications (aggregate.ts says why), and
 * the paired difference against the baseline's runs (same resampled replications).
 */
export function pooledLatencyEstimates(
  runs: readonly RunResult[],
  baseRuns: readonly RunResult[] | null,
): { metrics: Record<string, Estimate>; vsBaseline: Record<string, PairedEstimate> } {
  const names = Object.keys(POOLED_LATENCY_METRICS);
  const metrics: Record<string, Estimate> = {};
  const vsBaseline: Record<string, PairedEstimate> = {};
  const hists = runs
    .map(latencyHistogram)
    .filter((h): h is LogHistogram => h !== null && h.count > 0);
  const n = hists.length;
  if (n === 0) return { metrics, vsBaseline };
  const confidence = expandedBootstrapConfidence(n);
  const own = bootstrapReplications(n, pooledStatsOf(new PooledHistograms(hists), n), {
    confidence,
  });
  names.forEach((name, j) => {
    metrics[name] = toEstimate(own[j], n);
  });
  if (!baseRuns) return { metrics, vsBaseline };
  // Pairs: replications both strategies ran (common random numbers).
  const baseByRep = new Map(baseRuns.map((r) => [r.replication, latencyHistogram(r)]));
  const pairs = runs
    .map((r) => ({ mine: latencyHistogram(r), base: baseByRep.get(r.replication) ?? null }))
    .filter((p) => p.mine && p.base && p.mine.count > 0 && p.base.count > 0);
  if (pairs.length === 0) return { metrics, vsBaseline };
  const mine = pooledStatsOf(new PooledHistograms(pairs.map((p) => p.mine!)), pairs.length);
  const base = pooledStatsOf(new PooledHistograms(pairs.map((p) => p.base!)), pairs.length);
  const diff = (idx: readonly number[]) => {
    const a = mine(idx);
    const b = base(idx);
    return [...a.map((x, j) => x - b[j]), ...b];
  };
  const paired = bootstrapReplications(pairs.length, diff, {
    confidence: expandedBootstrapConfidence(pairs.length),
  });
  names.forEach((name, j) => {
    const d = paired[j];
    const baseValue = paired[names.length + j].estimate;
    vsBaseline[name] = {
      meanDiff: d.estimate,
      ci95: d.ci,
      n: pairs.length,
      relDiff: baseValue !== 0 && Number.isFinite(baseValue) ? d.estimate / baseValue : Number.NaN,
      interval: d.ci ? 'bootstrap' : 'none',
      noVariation: d.noVariation,
    };
  });
  return { metrics, vsBaseline };
}
