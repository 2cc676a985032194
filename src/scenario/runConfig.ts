import type { RunConfig } from '../model/config.js';
import type { Scenario } from './scenario.js';

/**
 * One run cut out of a scenario: the same world for every strategy (common random numbers
 * come from sharing seed and replication), one strategy, one replication (0-based). The
 * result is a fresh copy: a run may not change what the next run sees.
 */
/**
 * Replication index of the warm-up pilot runs (src/experiment/warmup.ts): a stream of its
 * own, far above any measured replication, so a pilot shares no random numbers with the
 * runs it chooses the warm-up for.
 */
export const PILOT_REPLICATION = 1 << 30;

/**
 * The simulated horizon of a run: the warm-up precedes the measured window `durationS`
 * (JaamSim's InitializationDuration before RunDuration), so a warm-up of any length leaves
 * the measured window as the scenario says. A warm-up pilot of level k runs 2^k windows
 * from time 0 with nothing left out (src/experiment/warmup.ts).
 */
export function runHorizonS(scenario: Scenario, pilotLevel?: number): number {
  return pilotLevel === undefined
    ? scenario.warmupS + scenario.durationS
    : scenario.durationS * 2 ** pilotLevel;
}

export function toRunConfig(
  scenario: Scenario,
  strategyIndex: number,
  replication: number,
  pilotLevel = 0,
): RunConfig {
  // A pilot measures from time 0: its per-minute series show the whole transient.
  const pilot = replication === PILOT_REPLICATION;
  const strategy = scenario.strategies[strategyIndex];
  if (strategy === undefined) {
    throw new RangeError(
      `strategy index ${strategyIndex} out of range (0..${scenario.strategies.length - 1})`,
    );
  }
  if (
    !pilot &&
    (!Number.isInteger(replication) || replication < 0 || replication >= scenario.replications)
  ) {
    throw new RangeError(
      `replication ${replication} out of range (0..${scenario.replications - 1})`,
    );
  }
  return structuredClone({
    scenarioName: scenario.name,
    seed: scenario.seed,
    replication,
    durationS: runHorizonS(scenario, pilot ? pilotLevel : undefined),
    warmupS: pilot ? 0 : scenario.warmupS,
    carriers: scenario.carriers,
    groups: scenario.groups,
    server: scenario.server,
    // Scripted events are the study's treatment, timed in the measured window; a pilot,
    // which only looks for the end of the start-up transient, runs without them.
    events: pilot ? [] : shiftEvents(scenario.events, scenario.warmupS),
    strategy,
    startSpreadS: scenario.startSpreadS,
    handshakeRtts: scenario.handshakeRtts,
    bucketS: scenario.bucketS,
    intervalSamplePhones: scenario.intervalSamplePhones,
    tracePhone: scenario.tracePhone,
  });
}

/** Scripted events moved from measured-window time to run time (after the warm-up). */
function shiftEvents(events: Scenario['events'], byS: number): Scenario['events'] {
  return byS === 0 ? events : events.map((e) => ({ ...e, atS: e.atS + byS }));
}
