/**
 * Push-latency histograms: read a run's LogHistogram JSON, pool replications, and derive
 * the shares delivered within a deadline. Shares read the CDF at the histogram's bucket
 * edges, so they are lower bounds exact to one bucket (values within 2% of a deadline may
 * be counted as late).
 */
import { LogHistogram, type LogHistogramJSON } from '../engine/stats/index.js';
import type { RunResult } from '../model/runResult.js';
import type { PooledLatency } from './types.js';

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
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    max: h.max,
    within1sPct: percentWithin(points, 1),
    within10sPct: percentWithin(points, 10),
    within60sPct: percentWithin(points, 60),
  };
}
