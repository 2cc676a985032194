/**
 * The automatic warm-up of a steady-state study. The warm-up cut is applied inside the
 * accumulators while a run goes (src/engine/stats/warmup.ts), so it must be known before
 * the measured runs start. Hence a pilot: one run per strategy, on a replication stream of
 * its own (PILOT_REPLICATION) and with warm-up 0, whose per-bucket series of the headline
 * metrics are handed to MSER-5. The cut is the latest truncation over every strategy and
 * series, so one window serves every strategy (their differences stay paired), in whole
 * buckets. Pilots are deterministic, so every shard of a sharded run computes the same cut.
 */
import { mser } from '../engine/stats/mser.js';
import type { RunResult, RunSeries } from '../model/runResult.js';
import type { WarmupChoice } from '../report/types.js';
import type { Scenario } from '../scenario/scenario.js';

/** The per-bucket series MSER-5 looks at: the headline metrics that have a time series. */
export const PILOT_SERIES = ['reconnects', 'heartbeats', 'promotions', 'signaling'] as const;

/**
 * The warm-up of a (point) scenario: explicit or none as the scenario says, or from its
 * pilot results (one per strategy, in strategy order) when it is 'auto'.
 */
export function chooseWarmup(scenario: Scenario, pilots: readonly RunResult[]): WarmupChoice {
  if (scenario.warmupMode === 'explicit') return { mode: 'explicit', cutS: scenario.warmupS };
  if (scenario.warmupMode === 'none') return { mode: 'none', cutS: 0 };
  const pilot: NonNullable<WarmupChoice['pilot']> = [];
  let cutBuckets = 0;
  let bucketS = scenario.bucketS;
  let reliable = true;
  for (const run of pilots) {
    bucketS = run.series.bucketS;
    for (const name of PILOT_SERIES) {
      const values = run.series[name as keyof RunSeries] as number[];
      const cut = mser(values);
      pilot.push({
        strategy: run.strategy,
        series: name,
        truncationS: cut.truncation * bucketS,
        reliable: cut.reliable,
      });
      if (!cut.reliable) reliable = false;
      if (cut.truncation > cutBuckets) cutBuckets = cut.truncation;
    }
  }
  // MSER searches the first half only, so the cut stays below the duration.
  const cutS = Math.min(cutBuckets * bucketS, scenario.durationS / 2);
  return { mode: 'auto', cutS, pilot, reliable };
}

/** The scenario the measured runs use: its warm-up set to the chosen cut. */
export function withWarmup(scenario: Scenario, choice: WarmupChoice): Scenario {
  return { ...scenario, warmupS: choice.cutS };
}
