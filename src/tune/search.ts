import { pilotUnit } from '../experiment/units.js';
import { chooseWarmup, maxPilotLevel, pilotSettled } from '../experiment/warmup.js';
import { getAt, parsePath } from '../scenario/paths.js';
import type { Scenario } from '../scenario/scenario.js';
import type { TuneSpec } from '../scenario/tune.js';
import {
  candidateScenario,
  runPhoneDays,
  runValues,
  type TuneScope,
  tuneScopes,
  untunedCarriers,
} from './candidate.js';
import type { Evaluator } from './evaluate.js';
import { summarise, type TuneResult } from './result.js';
import { decodeAll, encode, latinHypercube, neighbours, valuesKey } from './space.js';
import { provenHolds, provenViolated, provenWorse, sample } from './tests.js';

/**
 * The search (docs/tune.md): a Latin-hypercube start, a race on common random numbers that
 * drops candidates proven infeasible or proven worse than the incumbent by one-sided paired
 * t tests (F-race's scheme, Birattari et al. 2002, with the paired t test as its post-test),
 * then a compass search around the incumbent whose every step is itself a race, the step
 * halved when no neighbour beats the incumbent, down to `resolution`. Every decision reads
 * results in candidate order, never in completion order, so the outcome is the same for any
 * number of worker threads, and a resumed search replays the same decisions from the
 * checkpointed units.
 */

export type CandidateStatus = 'racing' | 'worse' | 'infeasible';

/** The budget cannot pay for the search's start (a user error: exit 2). */
export class TuneBudgetError extends Error {
  override name = 'TuneBudgetError';
}

export interface Candidate {
  id: number;
  scope: string;
  /** 'default': the file's own values; 'start': the space-filling design; 'refine': local steps. */
  phase: 'default' | 'start' | 'refine';
  u: number[];
  values: unknown[];
  scenario: Scenario;
  /** Tracked metric values per replication (undefined: not run). */
  reps: (Record<string, number> | undefined)[];
  status: CandidateStatus;
}

export type StopReason = 'converged' | 'phone-days' | 'wall-time';

export interface ScopeOutcome {
  scope: TuneScope;
  phones: number;
  warmupS: number;
  candidates: Candidate[];
  best?: Candidate;
  defaultCandidate?: Candidate;
  phoneDays: number;
  stoppedBy: StopReason;
}

export interface TuneProgress {
  scope: string;
  units: number;
  phoneDays: number;
  best?: { values: unknown[]; objective: number };
}

export interface SearchOptions {
  evaluator: Evaluator;
  onProgress?: (p: TuneProgress) => void;
  /** Wall clock in seconds (for the wall-time budget; injectable for tests). */
  now?: () => number;
}

/** Largest number of incumbent moves per scope (a guard; the step halving ends the search). */
const MAX_MOVES = 60;

/** The value the file gives a tuned path (strategy parameters with their registry defaults). */
function fileValue(base: Scenario, spec: TuneSpec, path: string): unknown {
  const seg = parsePath(path);
  const tuned = base.strategies[spec.strategyIndex];
  if (seg[0] === 'strategies' && (seg[1] === spec.strategyIndex || seg[1] === spec.strategy)) {
    if (seg[2] === 'type' && seg.length === 3) return tuned.type;
    if (seg[2] === 'params' && seg.length === 4) return tuned.params[seg[3] as string];
  }
  return getAt(base.document, seg);
}

export async function tuneScenario(base: Scenario, opts: SearchOptions): Promise<TuneResult> {
  const spec = base.tune;
  if (!spec) throw new Error(`${base.file ?? base.name}: the scenario has no tune: block`);
  const scopes = tuneScopes(base, spec);
  const now = opts.now ?? (() => performance.now() / 1000);
  const started = now();
  const outcomes: ScopeOutcome[] = [];
  let nextScope: StopReason = 'converged';
  for (const scope of scopes) {
    const share =
      spec.budget.phoneDays === undefined ? undefined : spec.budget.phoneDays / scopes.length;
    const o = await searchScope(base, spec, scope, share, opts, () => now() - started);
    outcomes.push(o);
    if (o.stoppedBy === 'wall-time') nextScope = 'wall-time';
    if (nextScope === 'wall-time') break;
  }
  return summarise(base, spec, outcomes, untunedCarriers(base, spec));
}

async function searchScope(
  base: Scenario,
  spec: TuneSpec,
  scope: TuneScope,
  phoneDayBudget: number | undefined,
  opts: SearchOptions,
  elapsedS: () => number,
): Promise<ScopeOutcome> {
  const ev = opts.evaluator;
  const candidates: Candidate[] = [];
  const byKey = new Map<string, Candidate>();
  let spent = 0;
  let stopped: StopReason | undefined;
  const defaults = spec.params.map((p) => fileValue(base, spec, p.path));
  const defaultU = spec.params.map((p, k) => encode(p, defaults[k]));
  const hasDefault = defaultU.every((x) => x !== undefined);

  // The warm-up: the file's, or MSER-5 on one pilot run of the tuned strategy at its file
  // values (the middle of the space when they are outside it), then fixed for every
  // candidate of the scope so that all are measured on the same window.
  let warmupS: number | undefined;
  const grid = spec.resolution / 4;
  const snap = (raw: readonly number[]) => raw.map((x) => Math.round(x / grid) * grid);
  const design = latinHypercube(
    spec.initialPoints,
    spec.params.length,
    `${base.seed}:tune:${scope.name}`,
  );
  // Checked before any run: a budget that cannot pay for the start is an input error.
  const startPoints = new Set(
    [...(hasDefault ? [defaultU as number[]] : []), ...design].map((u) =>
      valuesKey(decodeAll(spec.params, snap(u))),
    ),
  ).size;
  const pilotValues = hasDefault
    ? defaults
    : decodeAll(
        spec.params,
        spec.params.map(() => 0.5),
      );
  const probe = candidateScenario(base, spec, scope, pilotValues);
  const pilotCost = probe.warmupMode === 'auto' ? runPhoneDays(probe, 0) : 0;
  const startCost = pilotCost + startPoints * spec.minReplications * runPhoneDays(probe);
  if (phoneDayBudget !== undefined && startCost > phoneDayBudget) {
    throw new TuneBudgetError(
      `the phone-day budget${spec.scope === 'per-carrier' ? ` of carrier ${scope.name} (an even share)` : ''} is ${Math.floor(phoneDayBudget)}, below what the start of the search costs: ${startPoints} candidates × ${spec.minReplications} replications × ${runPhoneDays(probe)} phone-days${pilotCost > 0 ? ` + ${pilotCost} for the warm-up pilot` : ''} = ${startCost}; to fix this, raise tune.budget.phoneDays (--phone-days) or lower tune.initialPoints, tune.replications.min or the phones`,
    );
  }
  if (probe.warmupMode === 'auto') {
    // Level by level, as the experiment does: a pilot that has not settled is run again
    // twice as long (src/experiment/warmup.ts).
    const id = ev.register(probe);
    for (let level = 0; ; level++) {
      const unit = pilotUnit(id, 0, level);
      spent += runPhoneDays(probe, level);
      const run = (await ev.runUnits([unit])).get(unit.key)!;
      if (level >= maxPilotLevel(probe) || pilotSettled(run)) {
        warmupS = chooseWarmup(probe, [run]).cutS;
        break;
      }
    }
  }

  // Coordinates snap to a grid finer than the resolution, so that two paths to nearly the
  // same point (a refinement step from either side) meet at one candidate.
  const make = (raw: number[], phase: Candidate['phase']): Candidate => {
    // The file's own values stay exact: the comparison with them is part of the answer.
    const u = phase === 'default' ? raw : snap(raw);
    const values = decodeAll(spec.params, u);
    const key = valuesKey(values);
    const known = byKey.get(key);
    if (known) return known;
    const scenario = candidateScenario(base, spec, scope, values, { warmupS });
    const c: Candidate = {
      id: ev.register(scenario),
      scope: scope.name,
      phase,
      // Coordinates of the decoded values, so a rounded integer sits where its value is.
      u: spec.params.map((p, k) => encode(p, values[k]) ?? u[k]),
      values,
      scenario,
      reps: [],
      status: 'racing',
    };
    candidates.push(c);
    byKey.set(key, c);
    return c;
  };

  const objective = (c: Candidate) =>
    c.reps.map((r) =>
      r === undefined
        ? undefined
        : (spec.objective.goal === 'min' ? 1 : -1) * r[spec.objective.metric],
    );
  const metricSample = (c: Candidate, m: string) =>
    sample(c.reps.filter((r) => r !== undefined).map((r) => r![m]));
  const meets = (c: Candidate) =>
    spec.constraints.every((k) => {
      const s = metricSample(c, k.metric);
      return k.op === '<=' ? s.mean <= k.bound : s.mean >= k.bound;
    });
  const proven = (c: Candidate) =>
    spec.constraints.every((k) =>
      provenHolds(metricSample(c, k.metric), k.op, k.bound, k.confidence),
    );
  const objMean = (c: Candidate) =>
    sample(objective(c).filter((x): x is number => x !== undefined)).mean;
  const argBest = (cs: Candidate[]) =>
    cs.reduce<Candidate | undefined>((b, c) => {
      if (!b) return c;
      const d = objMean(c) - objMean(b);
      return d < 0 || (d === 0 && c.id < b.id) ? c : b;
    }, undefined);
  /** The best candidate that meets the constraints: proven ones first, then on the means. */
  const incumbent = (cs: Candidate[]): Candidate | undefined => {
    const run = cs.filter((c) => c.reps.some((r) => r !== undefined));
    const sure = run.filter(proven);
    if (sure.length > 0) return argBest(sure);
    return argBest(run.filter(meets));
  };
  /** With nothing feasible yet: the candidate closest to the constraints (relative violation). */
  const leastViolating = (cs: Candidate[]): Candidate | undefined => {
    const violation = (c: Candidate) =>
      spec.constraints.reduce((s, k) => {
        const m = metricSample(c, k.metric).mean;
        const over = k.op === '<=' ? m - k.bound : k.bound - m;
        return s + Math.max(0, over) / Math.max(Math.abs(k.bound), 1e-9);
      }, 0);
    return cs.reduce<Candidate | undefined>(
      (b, c) => (!b || violation(c) < violation(b) ? c : b),
      undefined,
    );
  };

  const afford = (cost: number): boolean => {
    if (spec.budget.wallS !== undefined && elapsedS() >= spec.budget.wallS) {
      stopped = 'wall-time';
      return false;
    }
    if (phoneDayBudget !== undefined && spent + cost > phoneDayBudget) {
      stopped = 'phone-days';
      return false;
    }
    return true;
  };

  const eliminate = (alive: Candidate[]) => {
    for (const c of alive) {
      if (
        spec.constraints.some((k) =>
          provenViolated(metricSample(c, k.metric), k.op, k.bound, k.confidence),
        )
      ) {
        c.status = 'infeasible';
      }
    }
    const racing = alive.filter((c) => c.status === 'racing');
    const inc = incumbent(racing);
    // Worse than an incumbent that may itself be infeasible proves nothing: with
    // constraints, candidates are dropped as worse only behind a proven-feasible one.
    if (!inc || (spec.constraints.length > 0 && !proven(inc))) return;
    for (const c of racing) {
      if (c !== inc && provenWorse(objective(c), objective(inc), spec.confidence))
        c.status = 'worse';
    }
  };

  const progress = (best?: Candidate) =>
    opts.onProgress?.({
      scope: scope.name,
      units: ev.units,
      phoneDays: spent,
      best: best
        ? { values: best.values, objective: metricSample(best, spec.objective.metric).mean }
        : undefined,
    });

  /** Races the members (replications in rounds) and returns the incumbent among the survivors. */
  const race = async (members: Candidate[]): Promise<Candidate | undefined> => {
    for (let k = spec.minReplications; ; k++) {
      const alive = members.filter((c) => c.status === 'racing');
      const requests = alive.flatMap((c) =>
        Array.from({ length: k }, (_, r) => r)
          .filter((r) => c.reps[r] === undefined)
          .map((r) => ({ c, r })),
      );
      if (requests.length > 0) {
        const cost = requests.reduce((s, q) => s + runPhoneDays(q.c.scenario), 0);
        if (!afford(cost)) break;
        spent += cost;
        const res = await ev.run(requests.map((q) => ({ id: q.c.id, replication: q.r })));
        for (const q of requests) {
          const run = res.get(`p${q.c.id}-s0-r${q.r}`);
          if (run) q.c.reps[q.r] = runValues(run, base, spec);
        }
        eliminate(alive);
      }
      const left = members.filter((c) => c.status === 'racing');
      if (left.length <= 1 || k >= spec.maxReplications) break;
    }
    const inc = incumbent(members.filter((c) => c.status === 'racing'));
    progress(inc);
    return inc;
  };

  // 1. Space-filling start: the file's own values (when inside the space) and a Latin hypercube.
  const start: Candidate[] = [];
  if (hasDefault) start.push(make(defaultU as number[], 'default'));
  for (const u of design) {
    const c = make(u, 'start');
    if (!start.includes(c)) start.push(c);
  }
  let center = (await race(start)) ?? leastViolating(start.filter((c) => c.reps.length > 0));

  // 2. Local refinement: compass steps around the incumbent, each a race.
  let step = 1 / (2 * spec.initialPoints);
  let moves = 0;
  while (center && !stopped && step >= spec.resolution && moves < MAX_MOVES) {
    const around = neighbours(spec.params, center.u, step)
      .map((u) => make(u, 'refine'))
      .filter((c) => c !== center && c.status === 'racing');
    const fresh = [...new Set(around)];
    if (fresh.length === 0) {
      step /= 2;
      continue;
    }
    const next = await race([center, ...fresh]);
    if (stopped) {
      if (next) center = next;
      break;
    }
    if (next && next !== center) {
      center = next;
      moves++;
    } else {
      if (!next) center = leastViolating([center, ...fresh].filter((c) => c.reps.length > 0));
      step /= 2;
    }
  }
  // The answer: the best surviving candidate, proven-feasible ones first.
  const best = incumbent(candidates.filter((c) => c.status === 'racing'));
  return {
    scope,
    phones: candidates[0]?.scenario.phones ?? probe.phones,
    warmupS: warmupS ?? probe.warmupS,
    candidates,
    best,
    defaultCandidate: hasDefault ? candidates[0] : undefined,
    phoneDays: spent,
    stoppedBy: stopped ?? 'converged',
  };
}
