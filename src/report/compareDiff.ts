/**
 * What `hbsim compare` says beyond the side-by-side tables: how the compared scenarios
 * differ (a diff of their resolved scenarios), and — when two inputs used the same seed, so
 * replication k of each drew the same random numbers wherever the worlds agree (common
 * random numbers) — paired differences per strategy, which are much tighter than the
 * difference of two independent means.
 */
import { pairedDiff } from './aggregate.js';
import { fmtPaired } from './format.js';
import { HEADLINE_METRICS, labelWithUnit } from './metrics.js';
import { groupRuns, replicationValues } from './runs.js';
import type { Table } from './tables.js';
import type { ExperimentResult } from './types.js';

export interface ScenarioChange {
  path: string;
  from: string;
  to: string;
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, '[]');
    for (const [i, v] of value.entries()) flatten(v, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(path, '{}');
    for (const [k, v] of entries) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, JSON.stringify(value) ?? 'undefined');
  }
}

/** Every leaf (path) whose value differs between two resolved scenarios, in path order. */
export function scenarioChanges(a: unknown, b: unknown): ScenarioChange[] {
  const fa = new Map<string, string>();
  const fb = new Map<string, string>();
  flatten(a, '', fa);
  flatten(b, '', fb);
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return paths
    .filter((p) => fa.get(p) !== fb.get(p))
    .map((p) => ({ path: p, from: fa.get(p) ?? '(absent)', to: fb.get(p) ?? '(absent)' }));
}

/** Lines saying how input `b` differs from input `a` (at most `max`, then a count). */
export function scenarioDiffLines(
  labelA: string,
  labelB: string,
  a: ExperimentResult,
  b: ExperimentResult,
  max = 40,
): string[] {
  const changes = scenarioChanges(a.scenario.echo, b.scenario.echo).filter(
    (c) => c.path !== 'name' && c.path !== 'description',
  );
  if (changes.length === 0) return [`${labelB} runs the same scenario as ${labelA}.`];
  const lines = changes.slice(0, max).map((c) => `${c.path}: ${c.from} → ${c.to}`);
  if (changes.length > max) lines.push(`… and ${changes.length - max} more differences`);
  return [`${labelB} differs from ${labelA} in:`, ...lines];
}

/** Per-replication values of a metric for one strategy: replication → value. */
/**
 * Paired differences `b − a` per common strategy and headline metric, pairing replication k
 * of one input with replication k of the other. Null unless both used the same seed.
 */
export function pairedAcrossInputs(
  labelA: string,
  labelB: string,
  a: ExperimentResult,
  b: ExperimentResult,
): Table | null {
  if (a.scenario.seed !== b.scenario.seed) return null;
  const strategies = [...groupRuns(a).keys()].filter((s) => groupRuns(b).has(s));
  if (strategies.length === 0) return null;
  const rows = strategies.map((s) => [
    s,
    ...HEADLINE_METRICS.map((m) =>
      fmtPaired(pairedDiff(replicationValues(b, s, m), replicationValues(a, s, m))),
    ),
  ]);
  return {
    id: 'paired-across-inputs',
    title: `Paired differences: ${labelB} − ${labelA}`,
    headers: ['Strategy', ...HEADLINE_METRICS.map(labelWithUnit)],
    rows,
    note: `Both inputs used seed ${a.scenario.seed}, so replication k of each drew the same random numbers wherever the two scenarios agree (common random numbers): each cell is the mean of the per-replication differences with its 95% CI, and the relative difference.`,
  };
}
