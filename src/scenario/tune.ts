import type { PhoneGroupConfig, StrategySpec } from '../model/config.js';
import { METRIC_CATALOG } from '../report/metrics.js';
import type { RawIssue } from './errors.js';
import { checkScenarioPath } from './paths.js';
import type { TuneInput } from './schema/tune.js';
import { didYouMean } from './suggest.js';

/**
 * The tune block, resolved: every name checked against the scenario (strategy, metrics,
 * paths), ranges made numeric. The search itself (src/tune/) only reads this.
 */

export type TuneParam =
  | {
      path: string;
      kind: 'range';
      min: number;
      max: number;
      scale: 'lin' | 'log';
      integer: boolean;
    }
  | { path: string; kind: 'choices'; choices: unknown[] };

export interface TuneConstraint {
  metric: string;
  /** `<=`: the metric's mean must be at most `bound`; `>=`: at least. */
  op: '<=' | '>=';
  bound: number;
  confidence: number;
}

export interface TuneSpec {
  /** Name of the strategy tuned; the candidates run only it. */
  strategy: string;
  /** Its index in the document's strategies list. */
  strategyIndex: number;
  params: TuneParam[];
  objective: { metric: string; goal: 'min' | 'max' };
  constraints: TuneConstraint[];
  scope: 'population' | 'per-carrier';
  robust: boolean;
  budget: { phoneDays?: number; wallS?: number };
  minReplications: number;
  maxReplications: number;
  initialPoints: number;
  resolution: number;
  confidence: number;
}

/** Metrics a run reports per phone group, hence per carrier (robust mode reads these). */
export const PER_GROUP_METRICS = [
  'reconnectsPerPhoneDay',
  'promotionsPerPhoneDay',
  'energyJPerPhoneDay',
  'energyTotalJPerPhoneDay',
  'batteryPctPerDay',
  'heartbeatsPerPhoneDay',
] as const;

const METRIC_NAMES = METRIC_CATALOG.map((m) => m.name);

/** The carrier each group lives on alone, or undefined for a group that moves between networks. */
export function singleCarrierOf(group: PhoneGroupConfig): string | undefined {
  return group.networks.length === 1 ? group.networks[0].carrier : undefined;
}

export function resolveTune(
  input: TuneInput,
  strategies: readonly StrategySpec[],
  groups: readonly PhoneGroupConfig[],
  issues: RawIssue[],
): TuneSpec | undefined {
  const start = issues.length;
  const names = strategies.map((s) => s.name);
  const strategy = input.strategy ?? names[0] ?? '';
  const strategyIndex = names.indexOf(strategy);
  if (strategyIndex < 0 && strategies.length > 0) {
    issues.push({
      path: ['tune', 'strategy'],
      expected: `a strategy name (${names.join(', ')})`,
      found: JSON.stringify(strategy),
      hint: didYouMean(strategy, names),
    });
  }
  const metric = (m: string, path: (string | number)[], allowed = METRIC_NAMES) => {
    if (allowed.includes(m)) return;
    issues.push({
      path,
      expected: `a metric name (hbsim list metrics)${allowed === METRIC_NAMES ? '' : `; with robust: true one of ${allowed.join(', ')} (the per-carrier breakdown)`}`,
      found: JSON.stringify(m),
      hint: didYouMean(m, allowed),
    });
  };
  const perGroup = input.robust ? [...PER_GROUP_METRICS] : METRIC_NAMES;
  const goal = 'minimize' in input.objective ? 'min' : 'max';
  const objectiveMetric =
    'minimize' in input.objective ? input.objective.minimize : input.objective.maximize;
  metric(
    objectiveMetric,
    ['tune', 'objective', goal === 'min' ? 'minimize' : 'maximize'],
    perGroup,
  );
  const constraints: TuneConstraint[] = input.constraints.map((c, i) => {
    metric(c.metric, ['tune', 'constraints', i, 'metric'], perGroup);
    const op = 'max' in c ? ('<=' as const) : ('>=' as const);
    const bound = 'max' in c ? c.max : c.min;
    return { metric: c.metric, op, bound, confidence: c.confidence ?? input.confidence };
  });
  const params: TuneParam[] = [];
  for (const [path, spec] of Object.entries(input.params)) {
    const at = ['tune', 'params', path];
    if (!checkScenarioPath(path, at, 'strategies.0.params.intervalS', issues)) continue;
    if ('choices' in spec) {
      params.push({ path, kind: 'choices', choices: spec.choices });
      continue;
    }
    if (!(spec.max > spec.min)) {
      issues.push({
        path: [...at, 'max'],
        expected: `a value above min (${spec.min})`,
        found: String(spec.max),
      });
    } else if (spec.scale === 'log' && spec.min <= 0) {
      issues.push({
        path: [...at, 'min'],
        expected: 'a value > 0 on a log scale',
        found: String(spec.min),
      });
    } else if (spec.integer && Math.floor(spec.max) < Math.ceil(spec.min)) {
      issues.push({
        path: [...at, 'max'],
        expected: 'an integer inside the range',
        found: `${spec.min}..${spec.max}`,
      });
    }
    params.push({
      path,
      kind: 'range',
      min: spec.min,
      max: spec.max,
      scale: spec.scale,
      integer: spec.integer,
    });
  }
  if (Object.keys(input.params).length === 0) {
    issues.push({
      path: ['tune', 'params'],
      expected: 'at least one parameter to tune',
      found: 'none',
    });
  }
  if (input.replications.min > input.replications.max) {
    issues.push({
      path: ['tune', 'replications', 'min'],
      expected: `at most replications.max (${input.replications.max})`,
      found: String(input.replications.min),
    });
  }
  if (input.robust && input.scope !== 'population') {
    issues.push({
      path: ['tune', 'robust'],
      expected: 'robust only with scope: population (per-carrier already tunes each carrier)',
      found: 'true',
    });
  }
  const carriersAlone = new Set(groups.map(singleCarrierOf).filter((c) => c !== undefined));
  if ((input.scope === 'per-carrier' || input.robust) && carriersAlone.size === 0) {
    issues.push({
      path: ['tune', input.robust ? 'robust' : 'scope'],
      expected:
        'at least one group that lives on one carrier (per-carrier figures come from such groups)',
      found: 'only groups that move between networks',
    });
  }
  if (issues.length > start) return undefined;
  return {
    strategy,
    strategyIndex,
    params,
    objective: { metric: objectiveMetric, goal },
    constraints,
    scope: input.scope,
    robust: input.robust,
    budget: { phoneDays: input.budget.phoneDays, wallS: input.budget.wallTime },
    minReplications: input.replications.min,
    maxReplications: input.replications.max,
    initialPoints: input.initialPoints ?? Math.max(6, 3 * params.length),
    resolution: input.resolution,
    confidence: input.confidence,
  };
}
