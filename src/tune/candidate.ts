import type { RunResult } from '../model/runResult.js';
import { runMetrics } from '../report/runs.js';
import { applyOverrideList } from '../scenario/overrides.js';
import { parsePath } from '../scenario/paths.js';
import { resolveScenario } from '../scenario/resolve.js';
import { runHorizonS } from '../scenario/runConfig.js';
import type { Scenario } from '../scenario/scenario.js';
import { singleCarrierOf, type TuneSpec } from '../scenario/tune.js';

/**
 * A candidate of the search is a plain scenario: the file's document with the parameter
 * values applied, cut down to the tuned strategy (and, per carrier, to the groups living on
 * that carrier), resolved and checked like any scenario. Its name stays the tuned
 * strategy's whatever its type, so its own random stream — and every exogenous stream —
 * is the same for every candidate: replication r of all candidates is one world (CRN).
 */

/** Who a search tunes for: the whole population, or the phones that live on one carrier. */
export interface TuneScope {
  /** 'population' or the carrier's name. */
  name: string;
  carrier?: string;
}

/** The metrics kept per replication: objective, constraints, and the trade-off chart's three. */
export const TRADEOFF_METRICS = ['energyJPerPhoneDay', 'pushLatencyP95S', 'reconnectsPerPhoneDay'];

export function trackedMetrics(spec: TuneSpec): string[] {
  return [
    ...new Set([
      spec.objective.metric,
      ...spec.constraints.map((c) => c.metric),
      ...TRADEOFF_METRICS,
    ]),
  ];
}

export function tuneScopes(base: Scenario, spec: TuneSpec): TuneScope[] {
  if (spec.scope === 'population') return [{ name: 'population' }];
  const carriers = new Set(base.groups.map(singleCarrierOf).filter((c) => c !== undefined));
  return base.carriers
    .filter((c) => carriers.has(c.name))
    .map((c) => ({ name: c.name, carrier: c.name }));
}

/** Carriers no per-carrier search covers (only groups that move between networks visit them). */
export function untunedCarriers(base: Scenario, spec: TuneSpec): string[] {
  if (spec.scope !== 'per-carrier') return [];
  const tuned = new Set(tuneScopes(base, spec).map((s) => s.name));
  return base.carriers.map((c) => c.name).filter((n) => !tuned.has(n));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface CandidateOptions {
  /** The warm-up cut every candidate of the scope uses (from the scope's pilot); undefined: the file's. */
  warmupS?: number;
}

/** The scenario of one candidate (values in the order of spec.params). */
export function candidateScenario(
  base: Scenario,
  spec: TuneSpec,
  scope: TuneScope,
  values: readonly unknown[],
  opts: CandidateOptions = {},
): Scenario {
  const doc = structuredClone(base.document) as Record<string, unknown>;
  const strategies = doc.strategies as unknown[];
  // The tuned entry as a mapping with its resolved name: paths under it work, and a type
  // chosen by the search keeps the name (hence the strategy's random stream).
  const entry = strategies[spec.strategyIndex];
  strategies[spec.strategyIndex] = isRecord(entry)
    ? { ...entry, name: spec.strategy }
    : { name: spec.strategy, type: entry };
  const overrides = spec.params.map((p, k) => ({
    path: parsePath(p.path),
    value: values[k],
    label: `tune parameter ${p.path}=${typeof values[k] === 'string' ? values[k] : JSON.stringify(values[k])}`,
  }));
  const { data, applied } = applyOverrideList(doc, overrides);
  const out = data as Record<string, unknown>;
  out.strategies = [(out.strategies as unknown[])[spec.strategyIndex]];
  delete out.baseline;
  delete out.sweep;
  delete out.tune;
  if (scope.carrier !== undefined) {
    const keep = base.groups.map((g) => singleCarrierOf(g) === scope.carrier);
    out.groups = (out.groups as unknown[]).filter((_, i) => keep[i]);
    out.output = { ...(isRecord(out.output) ? out.output : {}), tracePhone: -1 };
  }
  out.replications = spec.maxReplications;
  if (opts.warmupS !== undefined) out.warmup = opts.warmupS;
  return {
    ...resolveScenario(out, base.file, { overrides: applied, checkSweep: false }),
    sweep: [],
  };
}

/** Phone-days a run of this scenario simulates (warm-up included: it is paid for). */
export function runPhoneDays(sc: Scenario, pilotLevel?: number): number {
  return (sc.phones * runHorizonS(sc, pilotLevel)) / 86_400;
}

/**
 * A run's value of each tracked metric. Robust mode reads the objective and constraints of
 * the worst carrier: per carrier, the phone-weighted mean over the groups living on it (the
 * per-group breakdown every run computes), worst = largest for a metric to minimise or
 * bound from above, smallest otherwise.
 */
export function runValues(run: RunResult, base: Scenario, spec: TuneSpec): Record<string, number> {
  const all = runMetrics(run);
  const out: Record<string, number> = {};
  for (const m of trackedMetrics(spec)) out[m] = all[m] ?? Number.NaN;
  if (!spec.robust) return out;
  const carrierOf = new Map(base.groups.map((g) => [g.name, singleCarrierOf(g)]));
  const perCarrier = (metric: string): number[] => {
    const sums = new Map<string, { w: number; s: number }>();
    for (const g of run.groups ?? []) {
      const c = carrierOf.get(g.name);
      const v = g.metrics[metric];
      if (c === undefined || v === undefined || !Number.isFinite(v) || g.phones === 0) continue;
      const acc = sums.get(c) ?? { w: 0, s: 0 };
      acc.w += g.phones;
      acc.s += g.phones * v;
      sums.set(c, acc);
    }
    return [...sums.values()].map((a) => a.s / a.w);
  };
  const worst = (metric: string, high: boolean) => {
    const vs = perCarrier(metric);
    if (vs.length === 0) return Number.NaN;
    return high ? Math.max(...vs) : Math.min(...vs);
  };
  out[spec.objective.metric] = worst(spec.objective.metric, spec.objective.goal === 'min');
  for (const c of spec.constraints) out[c.metric] = worst(c.metric, c.op === '<=');
  return out;
}
