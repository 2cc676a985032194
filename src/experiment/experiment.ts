import { availableParallelism } from 'node:os';
import type { RunResult } from '../model/runResult.js';
import type { ExperimentResult, ScenarioBlock } from '../report/types.js';
import { scenarioAtPoint } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/scenario.js';
import type { SweepPoint } from '../scenario/sweep.js';
import { hbsimVersion } from '../version.js';
import { type BadUnit, Checkpoint } from './checkpoint.js';
import { runPool } from './pool.js';
import { runSharing } from './share.js';
import type { WarmupChoice } from '../report/types.js';
import { isModulePath } from './runUnit.js';
import {
  choosePartitions,
  finishPartitions,
  partitionUnits,
  type UnitOutput,
} from './partitions.js';
import { enumerateUnits, type Shard, shardUnits, type Unit } from './units.js';
import { chooseWarmup, type PilotPlan, pilotPlan, withWarmup } from './warmup.js';

export interface RunDoneInfo {
  done: number;
  total: number;
  strategy: string;
  replication: number;
  point: number;
  wallS: number;
}

export interface ExperimentOptions {
  /** Worker threads; default: the number of cores. 0 = in this thread. */
  jobs?: number;
  signal?: AbortSignal;
  onRunDone?: (info: RunDoneInfo) => void;
  /** Where finished units are checkpointed (omit: no checkpoints). */
  checkpointDir?: string;
  /** Reuse finished units found in checkpointDir instead of running them again. */
  resume?: boolean;
  /** Run only this shard of the units (cluster job arrays); the result then covers only it. */
  shard?: Shard;
  /** A checkpointed unit that cannot be reused (damaged, edited, another run's): it is rerun. */
  onBadUnit?: (bad: BadUnit) => void;
  /** A call into a plugin strategy that has not returned after this long is a hang (default 30 s). */
  pluginTimeoutS?: number;
  /** Population partitions per run (--partitions); omitted: chosen (partitions.ts). */
  partitions?: number;
  /**
   * Run once the units a sweep point cannot change (equal run configurations, share.ts) and
   * copy their results to the other points (default true; false runs every unit).
   */
  shareUnaffected?: boolean;
}

/** Point scenarios that name strategy modules: their units always run in workers. */
export function usesPlugins(points: readonly Scenario[]): boolean {
  return points.some((p) => p.strategies.some((s) => isModulePath(s.type)));
}

/** One sweep point (or the whole scenario when there is no sweep) and its runs. */
export interface PointResult {
  point: SweepPoint | undefined;
  scenario: Scenario;
  result: ExperimentResult;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** The scenarios of every point: the sweep's points, or the scenario itself. */
export function pointScenarios(scenario: Scenario): Scenario[] {
  return scenario.sweep.length > 0
    ? scenario.sweep.map((p) => scenarioAtPoint(scenario, p))
    : [scenario];
}

/**
 * Runs every (point, strategy, replication) unit of a scenario on worker threads and
 * assembles the results in canonical unit order, so the outcome is identical for any
 * number of jobs. Units already checkpointed are reused with `resume`.
 */
export async function runScenarioPoints(
  scenario: Scenario,
  opts: ExperimentOptions = {},
): Promise<PointResult[]> {
  const started = performance.now();
  const points = pointScenarios(scenario);
  const jobs = opts.jobs ?? defaultJobs();
  // Population partitions: a run split by phone id into units of its own (partitions.ts).
  const counts = choosePartitions(points, {
    requested: opts.partitions,
    jobs: Math.max(1, jobs),
    sharded: opts.shard !== undefined,
  });
  const baseUnits = enumerateUnits(points);
  const all = partitionUnits(baseUnits, counts);
  const mine = shardUnits(all, opts.shard);
  const checkpoint = opts.checkpointDir ? new Checkpoint(opts.checkpointDir) : undefined;
  const done =
    checkpoint && opts.resume
      ? await checkpoint.load(points, opts.onBadUnit)
      : new Map<string, UnitOutput>();
  // Pilots are counted as they are planned: a pilot that has not settled adds a longer one.
  // A pilot's result is there once all its partitions are, merged (finishPartitions).
  const planPilots = (): PilotPlan =>
    pilotPlan(
      points,
      finishPartitions(done, (i) => points[i], 'pilots'),
    );
  const pilotTodo = (p: PilotPlan): Unit[] =>
    partitionUnits(p.missing, counts).filter((u) => !done.has(u.key));
  let plan = planPilots();
  let pilotUnits = pilotTodo(plan);
  let total = mine.length + pilotUnits.length + countPilots(plan, counts);
  let finished = mine.filter((u) => done.has(u.key)).length + countPilots(plan, counts);
  const onDone = async (unit: Unit, result: UnitOutput, wallS: number) => {
    await checkpoint?.save(unit, points[unit.point], result);
    finished++;
    const part = unit.partition
      ? ` partition ${unit.partition.index + 1}/${unit.partition.count}`
      : '';
    opts.onRunDone?.({
      done: finished,
      total,
      strategy: unit.pilot
        ? `${result.strategy} (warm-up pilot${part})`
        : `${result.strategy}${part}`,
      replication: unit.pilot ? 0 : unit.replication,
      point: unit.point,
      wallS,
    });
  };
  // Phase 1: the warm-up pilots (steady-state points without an explicit warm-up), level
  // by level until every strategy's pilot has settled or reached the warm-up limit.
  const plugins = usesPlugins(points) ? { timeoutS: opts.pluginTimeoutS ?? 30 } : undefined;
  while (pilotUnits.length > 0) {
    const pilotResults = await runPool(points, pilotUnits, {
      jobs,
      signal: opts.signal,
      plugins,
      onDone,
    });
    for (const [k, v] of pilotResults) done.set(k, v);
    plan = planPilots();
    pilotUnits = pilotTodo(plan);
    total += pilotUnits.length;
  }
  const choices = points.map((sc, i) => chooseWarmup(sc, plan.deciding[i]));
  const measured = points.map((sc, i) => withWarmup(sc, choices[i]));
  // Phase 2: the measured replications, with the chosen warm-up; a unit whose run no point
  // changes runs once (share.ts).
  const todo = mine.filter((u) => !done.has(u.key));
  const share = opts.shareUnaffected !== false;
  const copied = (unit: Unit, result: UnitOutput) => onDone(unit, result, 0);
  const fresh = share
    ? await runSharing(
        measured,
        mine,
        todo,
        done,
        (u) => runPool(measured, u, { jobs, signal: opts.signal, plugins, onDone }),
        copied,
      )
    : await runPool(measured, todo, { jobs, signal: opts.signal, plugins, onDone });
  for (const [k, v] of fresh) done.set(k, v);
  const results = finishPartitions(done, (i, pilot) => (pilot ? points[i] : measured[i]));
  const wallS = (performance.now() - started) / 1000;
  return measured.map((sc, i) => {
    // A shard reports the runs whose every partition it ran.
    const units = baseUnits.filter((u) => u.point === i && results.has(u.key));
    return {
      point: sc.point,
      scenario: sc,
      result: {
        ...assemble(sc, units, results, wallS / points.length, jobs, choices[i]),
        pilots: plan.deciding[i].map((r) => ({ strategy: r.strategy, series: r.series })),
      },
    };
  });
}

/** Pilot units already run (the deciding level, each partition a unit), for the progress count. */
function countPilots(plan: PilotPlan, partitions: readonly number[]): number {
  return plan.deciding.reduce((n, runs, i) => n + runs.length * (partitions[i] ?? 1), 0);
}

/** Runs a scenario without sweep (or its base when it has one) to one ExperimentResult. */
export async function runExperiment(
  scenario: Scenario,
  opts: ExperimentOptions = {},
): Promise<ExperimentResult> {
  const [first] = await runScenarioPoints({ ...scenario, sweep: [] }, opts);
  return first.result;
}

/** Builds the report's input from units' results, in canonical order. */
export function assemble(
  sc: Scenario,
  units: Unit[],
  results: Map<string, RunResult>,
  wallS: number,
  jobs: number,
  warmup?: WarmupChoice,
): ExperimentResult {
  const runs = units.map((u) => results.get(u.key)).filter((r): r is RunResult => r !== undefined);
  return {
    scenario: scenarioBlock(sc, warmup),
    runs,
    meta: {
      hbsimVersion: hbsimVersion(),
      node: process.versions.node,
      wallS,
      events: runs.reduce((s, r) => s + r.events, 0),
      jobs,
    },
  };
}

export function scenarioBlock(sc: Scenario, warmup?: WarmupChoice): ScenarioBlock {
  const { document: _doc, sweep: _sweep, output: _out, ...echo } = sc;
  return {
    name: sc.name,
    description: sc.description,
    hash: sc.hash,
    seed: sc.seed,
    durationS: sc.durationS,
    warmupS: warmup?.cutS ?? sc.warmupS,
    analysis: sc.analysis,
    warmup: warmup ?? chooseWarmup(sc, []),
    replications: sc.replications,
    phones: sc.phones,
    baseline: sc.baseline,
    strategies: sc.strategies.map((s) => s.name),
    echo,
  };
}
