import { meanCI } from '../report/aggregate.js';
import { metricInfo } from '../report/metrics.js';
import type { Scenario } from '../scenario/scenario.js';
import type { TuneSpec } from '../scenario/tune.js';
import { trackedMetrics } from './candidate.js';
import type { Candidate, ScopeOutcome, StopReason } from './search.js';
import {
  oneSidedBound,
  pairedDiffs,
  probabilityHolds,
  provenHolds,
  sample,
  twoSided,
} from './tests.js';

/**
 * What a tune answers, as plain data (tune.json): per scope the best configuration with a
 * 95% interval on its objective and on each constrained metric, the one-sided bound each
 * constraint is judged by, the estimated probability that each (and all) hold, and every
 * evaluated candidate. Nothing wall-clock inside: the same seed gives the same bytes.
 */

export const TUNE_SCHEMA = 'hbsim.tune/1';

export interface MetricEstimate {
  mean: number;
  ci95: [number, number] | null;
  n: number;
}

export interface CandidateRecord {
  id: number;
  scope: string;
  phase: Candidate['phase'];
  values: Record<string, unknown>;
  replications: number;
  status: 'best' | 'survived' | 'dropped-worse' | 'dropped-infeasible';
  metrics: Record<string, MetricEstimate>;
}

export interface ConstraintCheck {
  metric: string;
  op: '<=' | '>=';
  bound: number;
  confidence: number;
  mean: number;
  ci95: [number, number] | null;
  /** The one-sided bound at `confidence` (upper for <=, lower for >=). */
  oneSided: number;
  /** The constraint holds with the stated confidence. */
  holds: boolean;
  /** Estimated probability that the true mean meets the bound. */
  probability: number;
}

export interface ScopeResult {
  scope: string;
  phones: number;
  warmupS: number;
  phoneDays: number;
  stoppedBy: StopReason;
  evaluated: number;
  best: {
    id: number;
    values: Record<string, unknown>;
    replications: number;
    objective: MetricEstimate;
    constraints: ConstraintCheck[];
    /** Every constraint holds with its confidence. */
    feasible: boolean;
    /** Product of the constraints' probabilities (treated as independent). */
    probabilityAllHold: number;
    /** Paired difference best − the file's own values on the objective (same worlds). */
    vsDefault?: {
      values: Record<string, unknown>;
      meanDiff: number;
      ci95: [number, number] | null;
      n: number;
    };
  } | null;
  candidates: CandidateRecord[];
}

export interface TuneResult {
  schema: typeof TUNE_SCHEMA;
  scenario: { name: string; hash: string; seed: number; durationS: number; phones: number };
  tune: TuneSpec;
  untunedCarriers: string[];
  phoneDays: number;
  scopes: ScopeResult[];
}

/** Mean and 95% interval as the run report gives them (kept inside the metric's range). */
function estimate(xs: readonly number[], metric: string): MetricEstimate {
  const e = meanCI(xs, metricInfo(metric).range);
  return { mean: e.mean, ci95: e.ci95, n: e.n };
}

function valuesOf(spec: TuneSpec, values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(spec.params.map((p, k) => [p.path, values[k]]));
}

function column(c: Candidate, metric: string): number[] {
  return c.reps.filter((r) => r !== undefined).map((r) => r![metric]);
}

function record(spec: TuneSpec, c: Candidate, best: Candidate | undefined): CandidateRecord {
  const metrics: Record<string, MetricEstimate> = {};
  for (const m of trackedMetrics(spec)) metrics[m] = estimate(column(c, m), m);
  return {
    id: c.id,
    scope: c.scope,
    phase: c.phase,
    values: valuesOf(spec, c.values),
    replications: c.reps.filter((r) => r !== undefined).length,
    status:
      c === best
        ? 'best'
        : c.status === 'racing'
          ? 'survived'
          : c.status === 'worse'
            ? 'dropped-worse'
            : 'dropped-infeasible',
    metrics,
  };
}

function scopeResult(spec: TuneSpec, o: ScopeOutcome): ScopeResult {
  const b = o.best;
  let best: ScopeResult['best'] = null;
  if (b) {
    const constraints = spec.constraints.map((k): ConstraintCheck => {
      const s = sample(column(b, k.metric));
      return {
        metric: k.metric,
        op: k.op,
        bound: k.bound,
        confidence: k.confidence,
        mean: s.mean,
        ci95: estimate(column(b, k.metric), k.metric).ci95,
        oneSided: oneSidedBound(s, k.confidence, k.op === '<=' ? 'upper' : 'lower'),
        holds: provenHolds(s, k.op, k.bound, k.confidence),
        probability: probabilityHolds(s, k.op, k.bound),
      };
    });
    const d = o.defaultCandidate;
    const obj = (c: Candidate) => c.reps.map((r) => r?.[spec.objective.metric]);
    const diff = d && d !== b ? sample(pairedDiffs(obj(b), obj(d))) : undefined;
    best = {
      id: b.id,
      values: valuesOf(spec, b.values),
      replications: column(b, spec.objective.metric).length,
      objective: estimate(column(b, spec.objective.metric), spec.objective.metric),
      constraints,
      feasible: constraints.every((c) => c.holds),
      probabilityAllHold: constraints.reduce((p, c) => p * c.probability, 1),
    };
    if (d && diff) {
      best.vsDefault = {
        values: valuesOf(spec, d.values),
        meanDiff: diff.mean,
        ci95: twoSided(diff),
        n: diff.n,
      };
    }
  }
  return {
    scope: o.scope.name,
    phones: o.phones,
    warmupS: o.warmupS,
    phoneDays: o.phoneDays,
    stoppedBy: o.stoppedBy,
    evaluated: o.candidates.filter((c) => c.reps.some((r) => r !== undefined)).length,
    best,
    candidates: o.candidates
      .filter((c) => c.reps.some((r) => r !== undefined))
      .map((c) => record(spec, c, b)),
  };
}

export function summarise(
  base: Scenario,
  spec: TuneSpec,
  outcomes: readonly ScopeOutcome[],
  untuned: string[],
): TuneResult {
  return {
    schema: TUNE_SCHEMA,
    scenario: {
      name: base.name,
      hash: base.hash,
      seed: base.seed,
      durationS: base.durationS,
      phones: base.phones,
    },
    tune: spec,
    untunedCarriers: untuned,
    phoneDays: outcomes.reduce((s, o) => s + o.phoneDays, 0),
    scopes: outcomes.map((o) => scopeResult(spec, o)),
  };
}
