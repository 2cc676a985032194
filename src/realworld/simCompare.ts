import { runScenarioPoints } from '../experiment/experiment.js';
import type { RunResult } from '../model/runResult.js';
import { meanCI } from '../report/aggregate.js';
import type { Estimate } from '../report/types.js';
import type { Scenario } from '../scenario/scenario.js';
import type { ReplayMetrics } from './replayMetrics.js';

/** The simulation's figures for the metrics the replay measures, per phone, with 95% CIs over replications. */
export interface SimFigures {
  phones: number;
  replications: number;
  metrics: Record<keyof Omit<ReplayMetrics, 'hours'>, Estimate>;
  /** Reconnects per hour of single phones: mean over replications of the p5 and p95 across phones. */
  reconnectsPerHourPhones: { p5: number; p95: number };
}

const PER_DAY = 24;

/**
 * Runs the scenario with the one strategy the replay uses, for `durationS`, through the
 * library (in this thread: call it before the replay starts, never during).
 */
export async function simulateForReplay(
  scenario: Scenario,
  strategyIndex: number,
  durationS: number,
): Promise<SimFigures> {
  const spec = scenario.strategies[strategyIndex];
  const one: Scenario = {
    ...scenario,
    strategies: [spec],
    baseline: spec.name,
    durationS,
    warmupS: Math.min(scenario.warmupS, durationS),
  };
  const [point] = await runScenarioPoints(one, { jobs: 0 });
  return simFigures(point.result.runs);
}

export function simFigures(runs: RunResult[]): SimFigures {
  const phones = runs[0]?.phones ?? 0;
  const est = (f: (r: RunResult) => number) => meanCI(runs.map(f));
  const perHour = (name: string) => est((r) => r.metrics[name] / PER_DAY);
  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  return {
    phones,
    replications: runs.length,
    metrics: {
      reconnectsPerHour: perHour('reconnectsPerPhoneDay'),
      heartbeatsPerHour: perHour('heartbeatsPerPhoneDay'),
      failedHeartbeatsPerHour: perHour('failedHeartbeatsPerPhoneDay'),
      connectFailuresPerHour: perHour('connectFailuresPerPhoneDay'),
      pushArrived: est((r) => r.metrics.pushArrived / r.phones),
      pushDelivered: est((r) => r.metrics.pushDelivered / r.phones),
      pushLatencyP50S: est((r) => r.metrics.pushLatencyP50S),
      pushLatencyP95S: est((r) => r.metrics.pushLatencyP95S),
      pushLatencyP99S: est((r) => r.metrics.pushLatencyP99S),
    },
    reconnectsPerHourPhones: {
      p5: avg(runs.map((r) => r.perPhone.reconnectsPerDay.p5 / PER_DAY)),
      p95: avg(runs.map((r) => r.perPhone.reconnectsPerDay.p95 / PER_DAY)),
    },
  };
}
