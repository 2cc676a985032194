/**
 * summarize(): the whole experiment reduced to estimates per strategy (summary.json).
 * Pure: no clock, no IO; every collection is built in a fixed order.
 */
import type { AcrossPhones, RunResult } from '../model/runResult.js';
import { meanCI, pairedDiff } from './aggregate.js';
import {
  describeHistogram,
  pooledAppHistogram,
  pooledLatency,
  pooledLatencyEstimates,
} from './latency.js';
import { metricInfo, sortMetricNames } from './metrics.js';
import { groupRuns, runMetrics } from './runs.js';
import type {
  AppSummary,
  CarrierSummary,
  Estimate,
  GroupSummary,
  ExperimentResult,
  PairedEstimate,
  StrategySummary,
  Summary,
} from './types.js';

export const SUMMARY_SCHEMA = 'hbsim.summary/1';

const ACROSS_PHONES_KEYS: readonly (keyof AcrossPhones)[] = [
  'mean',
  'min',
  'p5',
  'p25',
  'p50',
  'p75',
  'p95',
  'max',
];

function sortedUnion(lists: Iterable<Iterable<string>>): string[] {
  const set = new Set<string>();
  for (const l of lists) for (const x of l) set.add(x);
  return [...set].sort();
}

function metricEstimates(runs: readonly RunResult[]): {
  names: string[];
  byRep: Map<string, Map<number, number>>;
} {
  const perRun = runs.map((r) => ({ rep: r.replication, m: runMetrics(r) }));
  const names = sortMetricNames(perRun.flatMap((x) => Object.keys(x.m)));
  const byRep = new Map<string, Map<number, number>>();
  for (const name of names) {
    const values = new Map<number, number>();
    for (const { rep, m } of perRun) values.set(rep, m[name] ?? Number.NaN);
    byRep.set(name, values);
  }
  return { names, byRep };
}

function reconnectCauses(runs: readonly RunResult[]): Record<string, Estimate> {
  const causes = sortedUnion(runs.map((r) => Object.keys(r.reconnectCauses ?? {})));
  const out: Record<string, Estimate> = {};
  // A cause missing from a run that reports causes had no reconnects of that kind.
  for (const c of causes) {
    out[c] = meanCI(
      runs.map((r) => r.reconnectCauses?.[c] ?? 0),
      'nonNegative',
    );
  }
  return out;
}

function carriers(runs: readonly RunResult[]): Record<string, CarrierSummary> {
  const names = sortedUnion(runs.map((r) => (r.carriers ?? []).map((c) => c.name)));
  const out: Record<string, CarrierSummary> = {};
  for (const name of names) {
    const rows = runs.map((r) => r.carriers?.find((c) => c.name === name));
    const pick = (f: (c: NonNullable<(typeof rows)[number]>) => number | undefined) =>
      meanCI(
        rows.map((c) => (c ? (f(c) ?? Number.NaN) : Number.NaN)),
        'nonNegative',
      );
    out[name] = {
      phoneDays: pick((c) => c.phoneDays),
      signalingPerPhoneDay: pick((c) => c.signalingPerPhoneDay),
      promotionsPerPhoneDay: pick((c) => c.promotionsPerPhoneDay),
      signalingTotal: pick((c) => c.signalingTotal),
      signalingPeakPerS: pick((c) => c.signalingPeakPerS),
      signalingPeakPerMin: pick((c) => c.signalingPeakPerMin),
    };
  }
  return out;
}

/** Per phone group: each per-phone-day metric, mean and interval over replications. */
function groupSummaries(runs: readonly RunResult[]): Record<string, GroupSummary> {
  const names = sortedUnion(runs.map((r) => (r.groups ?? []).map((g) => g.name)));
  const out: Record<string, GroupSummary> = {};
  for (const name of names) {
    const rows = runs.map((r) => r.groups?.find((g) => g.name === name));
    const metricNames = sortMetricNames(rows.flatMap((g) => Object.keys(g?.metrics ?? {})));
    const metrics: Record<string, Estimate> = {};
    for (const m of metricNames) {
      metrics[m] = meanCI(
        rows.map((g) => g?.metrics[m] ?? Number.NaN),
        metricInfo(m).range,
      );
    }
    const battery = rows.map((g) => g?.batteryPctPerDay).filter((d) => d !== undefined);
    out[name] = {
      phones: rows.find((g) => g)?.phones ?? 0,
      metrics,
      ...(battery.length > 0 ? { batteryPctPerDay: averageQuantiles(battery) } : {}),
    };
  }
  return out;
}

function perPhone(runs: readonly RunResult[]): Record<string, AcrossPhones> {
  const keys = sortedUnion(runs.map((r) => Object.keys(r.perPhone ?? {})));
  const out: Record<string, AcrossPhones> = {};
  for (const key of keys) {
    const dists = runs
      .map((r) => (r.perPhone as unknown as Record<string, AcrossPhones | undefined>)?.[key])
      .filter((d): d is AcrossPhones => d !== undefined);
    out[key] = averageQuantiles(dists);
  }
  return out;
}

/** Each quantile of a per-phone distribution averaged over replications. */
function averageQuantiles(dists: readonly AcrossPhones[]): AcrossPhones {
  const avg = {} as AcrossPhones;
  for (const q of ACROSS_PHONES_KEYS) avg[q] = meanCI(dists.map((d) => d[q])).mean;
  return avg;
}

function summarizeStrategy(
  name: string,
  runs: readonly RunResult[],
  baseline: string,
  baseByRep: Map<string, Map<number, number>> | null,
  baseRuns: readonly RunResult[] | null,
): StrategySummary {
  const { names, byRep } = metricEstimates(runs);
  const metrics: Record<string, Estimate> = {};
  const vsBaseline: Record<string, PairedEstimate> = {};
  for (const metric of names) {
    const values = byRep.get(metric)!;
    metrics[metric] = meanCI([...values.values()], metricInfo(metric).range);
    const base = baseByRep?.get(metric);
    if (base) vsBaseline[metric] = pairedDiff(values, base);
  }
  // Headline latency statistics: pooled over every delivery, bootstrap intervals.
  const pooled = pooledLatencyEstimates(runs, baseRuns);
  Object.assign(metrics, pooled.metrics);
  if (baseRuns) Object.assign(vsBaseline, pooled.vsBaseline);
  return {
    name,
    isBaseline: name === baseline,
    replications: runs.map((r) => r.replication),
    metrics,
    vsBaseline,
    reconnectCauses: reconnectCauses(runs),
    carriers: carriers(runs),
    groups: groupSummaries(runs),
    perPhone: perPhone(runs),
    pushLatencyPooled: pooledLatency(runs),
    perApp: perApp(runs),
  };
}

/** Push delivery per app name (only when a run reports apps). */
function perApp(runs: readonly RunResult[]): Record<string, AppSummary> {
  const names = [...new Set(runs.flatMap((r) => (r.apps ?? []).map((a) => a.name)))].sort();
  const out: Record<string, AppSummary> = {};
  for (const name of names) {
    const rows = runs.map((r) => r.apps?.find((a) => a.name === name));
    out[name] = {
      arrived: meanCI(rows.map((x) => x?.arrived ?? Number.NaN)),
      delivered: meanCI(rows.map((x) => x?.delivered ?? Number.NaN)),
      latency: describeHistogram(pooledAppHistogram(runs, name)),
    };
  }
  return out;
}

/** Estimates per strategy over replications, paired differences against the baseline. */
export function summarize(result: ExperimentResult): Summary {
  const s = result.scenario;
  const groups = groupRuns(result);
  const baselineRuns = groups.get(s.baseline);
  const baseByRep = baselineRuns ? metricEstimates(baselineRuns).byRep : null;
  const strategies = [...groups].map(([name, runs]) =>
    summarizeStrategy(name, runs, s.baseline, baseByRep, baselineRuns ?? null),
  );
  return {
    schema: SUMMARY_SCHEMA,
    scenario: {
      name: s.name,
      description: s.description,
      hash: s.hash,
      seed: s.seed,
      durationS: s.durationS,
      warmupS: s.warmupS,
      analysis: s.analysis ?? 'steady-state',
      warmup: s.warmup ?? { mode: s.warmupS > 0 ? 'explicit' : 'none', cutS: s.warmupS },
      replications: s.replications,
      phones: s.phones,
      baseline: s.baseline,
    },
    strategies,
  };
}
