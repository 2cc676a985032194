/**
 * The automatic warm-up of a steady-state study. The warm-up cut is applied inside the
 * accumulators while a run goes (src/engine/stats/warmup.ts), so it must be known before
 * the measured runs start. Hence pilots: runs on a replication stream of their own
 * (PILOT_REPLICATION), with warm-up 0 and no scripted events, whose per-bucket series of
 * the headline metrics are handed to MSER-5.
 *
 * The warm-up precedes the measured window (src/scenario/runConfig.ts `runHorizonS`), so
 * it may be longer than the window: learners that need days to settle get days. A pilot of
 * level k runs 2^k windows; MSER-5 searches its first half. A strategy whose pilot has not
 * settled there (some series' minimum lies in the second half) gets a pilot twice as long,
 * until half the pilot reaches `warmupLimitS`. Strategies that settle early cost one
 * window. The cut is the latest truncation over every strategy and series, so one window
 * serves every strategy (their differences stay paired), in whole buckets. Pilots are
 * deterministic, so every shard of a sharded run computes the same cut.
 */
import { mser } from '../engine/stats/mser.js';
import type { RunResult, RunSeries } from '../model/runResult.js';
import type { WarmupChoice } from '../report/types.js';
import type { Scenario } from '../scenario/scenario.js';
import { pilotUnit, type Unit } from './units.js';

/**
 * The per-bucket series MSER-5 looks at: the headline metrics that have a time series.
 * Failed heartbeats are left out on purpose: a learner's rare late failures are a sparse
 * series on which MSER-5 keeps cutting later as the pilot grows (141 h on a 12-day pilot
 * of binary-search in the default world), so it would never settle.
 */
export const PILOT_SERIES = ['reconnects', 'heartbeats', 'promotions', 'signaling'] as const;

/** The longest pilot's level: the first whose half-horizon reaches the warm-up limit. */
export function maxPilotLevel(sc: Scenario): number {
  let level = 0;
  while ((sc.durationS * 2 ** level) / 2 < sc.warmupLimitS && level < 16) level++;
  return level;
}

function seriesOf(run: RunResult, name: (typeof PILOT_SERIES)[number]): number[] {
  return run.series[name as keyof RunSeries] as number[];
}

/** A pilot has settled when MSER-5 finds every headline series' minimum in its first half. */
export function pilotSettled(run: RunResult): boolean {
  return PILOT_SERIES.every((name) => mser(seriesOf(run, name)).reliable);
}

export interface PilotPlan {
  /** Pilots still to run before the cut can be chosen (empty when it can). */
  missing: Unit[];
  /** Per point: the pilot that decides each strategy's truncation (its longest), in strategy order. */
  deciding: RunResult[][];
}

/**
 * Which pilots decide the cut, given the pilot results so far: level 0 for every strategy
 * of an automatic point; a pilot that has not settled is followed by the next level, up to
 * `maxPilotLevel`. Call again after running `missing` until it is empty.
 */
export function pilotPlan(
  points: readonly Scenario[],
  results: ReadonlyMap<string, RunResult>,
): PilotPlan {
  const missing: Unit[] = [];
  const deciding = points.map((sc, point) => {
    const runs: RunResult[] = [];
    if (sc.warmupMode !== 'auto') return runs;
    const top = maxPilotLevel(sc);
    for (let strategy = 0; strategy < sc.strategies.length; strategy++) {
      for (let level = 0; level <= top; level++) {
        const unit = pilotUnit(point, strategy, level);
        const run = results.get(unit.key);
        if (run === undefined) {
          missing.push(unit);
          break;
        }
        if (level === top || pilotSettled(run)) {
          runs.push(run);
          break;
        }
      }
    }
    return runs;
  });
  return { missing, deciding };
}

/**
 * The warm-up of a (point) scenario: explicit or none as the scenario says, or from its
 * deciding pilot results (one per strategy, in strategy order) when it is 'auto'.
 */
export function chooseWarmup(scenario: Scenario, pilots: readonly RunResult[]): WarmupChoice {
  if (scenario.warmupMode === 'explicit') return { mode: 'explicit', cutS: scenario.warmupS };
  if (scenario.warmupMode === 'none') return { mode: 'none', cutS: 0 };
  const pilot: NonNullable<WarmupChoice['pilot']> = [];
  let cutS = 0;
  let reliable = true;
  for (const run of pilots) {
    const bucketS = run.series.bucketS;
    for (const name of PILOT_SERIES) {
      const cut = mser(seriesOf(run, name));
      const truncationS = cut.truncation * bucketS;
      pilot.push({ strategy: run.strategy, series: name, truncationS, reliable: cut.reliable });
      if (!cut.reliable) reliable = false;
      if (truncationS > cutS) cutS = truncationS;
    }
  }
  const limitS = scenario.warmupLimitS;
  return { mode: 'auto', cutS: Math.min(cutS, limitS), pilot, reliable, limitS };
}

/** The scenario the measured runs use: the chosen warm-up before its measured window. */
export function withWarmup(scenario: Scenario, choice: WarmupChoice): Scenario {
  return { ...scenario, warmupS: choice.cutS };
}
