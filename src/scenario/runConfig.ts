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

export function toRunConfig(
  scenario: Scenario,
  strategyIndex: number,
  replication: number,
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
    durationS: scenario.durationS,
    warmupS: pilot ? 0 : scenario.warmupS,
    carriers: scenario.carriers,
    groups: scenario.groups,
    server: scenario.server,
    events: scenario.events,
    strategy,
    startSpreadS: scenario.startSpreadS,
    handshakeRtts: scenario.handshakeRtts,
    bucketS: scenario.bucketS,
    intervalSamplePhones: scenario.intervalSamplePhones,
    tracePhone: scenario.tracePhone,
  });
}
