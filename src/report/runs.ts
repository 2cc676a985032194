/** Grouping and reading of raw runs, shared by the summary, the CSV files and the charts. */
import type { RunResult } from '../model/runResult.js';
import { derivedLatencyMetrics } from './latency.js';
import type { ExperimentResult } from './types.js';

/**
 * Runs per strategy, each list sorted by replication; strategies in the scenario's order,
 * then any strategy found only in the runs, alphabetically.
 */
export function groupRuns(result: ExperimentResult): Map<string, RunResult[]> {
  const groups = new Map<string, RunResult[]>();
  for (const name of result.scenario.strategies) groups.set(name, []);
  const extra = [...new Set(result.runs.map((r) => r.strategy))]
    .filter((s) => !groups.has(s))
    .sort();
  for (const name of extra) groups.set(name, []);
  for (const run of result.runs) groups.get(run.strategy)?.push(run);
  for (const runs of groups.values()) runs.sort((a, b) => a.replication - b.replication);
  for (const [name, runs] of groups) if (runs.length === 0) groups.delete(name);
  return groups;
}

/** The run's metrics plus the ones the report derives (engine values win on a name clash). */
export function runMetrics(run: RunResult): Record<string, number> {
  return { ...derivedLatencyMetrics(run), ...run.metrics };
}

/** One metric of one strategy's runs, keyed by replication (the input of pairedDiff). */
export function replicationValues(
  result: ExperimentResult,
  strategy: string,
  metric: string,
): Map<number, number> {
  const runs = groupRuns(result).get(strategy) ?? [];
  return new Map(runs.map((r) => [r.replication, runMetrics(r)[metric]]));
}

/** Mean of several equally long arrays, element by element (to the shortest length). */
export function meanOfArrays(arrays: readonly (readonly number[])[]): number[] {
  if (arrays.length === 0) return [];
  const len = Math.min(...arrays.map((a) => a.length));
  const out = new Array<number>(len).fill(0);
  for (const a of arrays) for (let i = 0; i < len; i++) out[i] += a[i];
  for (let i = 0; i < len; i++) out[i] /= arrays.length;
  return out;
}
