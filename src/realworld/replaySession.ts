import { strategyFactory } from '../experiment/runUnit.js';
import { traceRun } from '../experiment/trace.js';
import type { Scenario } from '../scenario/scenario.js';
import { type Broker, startMosquittoInLab } from './mosquitto.js';
import { NatLab, natLabUnavailable } from './natLab.js';
import { runReplay, type ReplayOutcome } from './replay.js';
import {
  type ReplayEvent,
  type ReplayMetrics,
  replayMetrics,
  traceMetrics,
} from './replayMetrics.js';
import {
  checkReplayable,
  labNatFor,
  ReplayError,
  type ReplayPlan,
  replayPlan,
} from './replayPlan.js';
import { type SimFigures, simulateForReplay } from './simCompare.js';

export interface ReplaySessionOptions {
  phone: number;
  /** Strategy name (default: the scenario's baseline). */
  strategy?: string;
  /** Scenario seconds per wall second. */
  speed: number;
  /** Scenario time to replay (default: the scenario's duration). */
  durationS?: number;
  /** A broker reached through a NAT of the user's; omitted: a namespace NAT and mosquitto are set up here. */
  brokerUrl?: string;
  onEvent?: (e: ReplayEvent) => void;
  /** Progress lines (what is being set up). */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface ReplaySessionResult {
  plan: ReplayPlan;
  /** The namespace NAT, when hbsim made one: its timeout in wall seconds and its expired-packet rule. */
  lab?: { idleTimeoutS: number; expiredPacket: 'drop' | 'rst' };
  brokerUrl: string;
  sim: SimFigures;
  real: ReplayMetrics;
  /** The replayed phone in the simulation (replication 0): same pushes, same start. */
  simPhone: ReplayMetrics;
  outcome: ReplayOutcome;
  simWallS: number;
}

/**
 * The whole replay: check the scenario, simulate it (before the replay, so the simulation
 * never competes with the replay's timers), build the NAT and broker if asked, replay, and
 * compute the same metrics on both sides.
 */
export async function replayScenario(
  scenario: Scenario,
  opts: ReplaySessionOptions,
): Promise<ReplaySessionResult> {
  const log = opts.log ?? (() => {});
  checkReplayable(scenario, opts.phone);
  const strategyName = opts.strategy ?? scenario.baseline;
  const strategyIndex = scenario.strategies.findIndex((s) => s.name === strategyName);
  if (strategyIndex < 0) {
    throw new ReplayError(
      `no strategy named "${strategyName}" (the scenario has: ${scenario.strategies.map((s) => s.name).join(', ')})`,
    );
  }
  if (!(opts.speed > 0)) throw new ReplayError(`speed must be > 0, found ${opts.speed}`);
  const durationS = Math.min(opts.durationS ?? scenario.durationS, scenario.durationS);
  const trace = await traceRun(scenario, {
    phone: opts.phone,
    strategy: strategyName,
    untilS: durationS,
  });
  const plan = replayPlan(
    scenario,
    { phone: opts.phone, strategyIndex, speed: opts.speed, durationS },
    trace,
  );
  const labNat = opts.brokerUrl ? undefined : labNatFor(plan.carrier, opts.speed);
  if (labNat) {
    const why = natLabUnavailable();
    if (why) throw new ReplayError(`${why}; or replay through a NAT of yours with --broker`);
  }

  const t0 = performance.now();
  log(
    `simulating ${scenario.phones} phones × ${scenario.replications} replications of ${strategyName}`,
  );
  const sim = await simulateForReplay(scenario, strategyIndex, durationS);
  const simWallS = (performance.now() - t0) / 1000;
  const factory = await strategyFactory(scenario, strategyIndex);

  let lab: NatLab | undefined;
  let broker: Broker | undefined;
  try {
    let brokerUrl = opts.brokerUrl;
    if (labNat) {
      lab = await NatLab.create(labNat);
      log(
        `namespace NAT ${lab.plan.routerNs}: idle timeout ${labNat.idleTimeoutS} s wall, expired packets ${labNat.expiredPacket === 'rst' ? 'reset' : 'dropped'}; broker at ${lab.serverAddr}`,
      );
      broker = await startMosquittoInLab(lab, 1883);
      brokerUrl = broker.url;
    }
    log(`replaying ${durationS} s of scenario time in ${(durationS / opts.speed).toFixed(0)} s`);
    const outcome = await runReplay({
      plan,
      factory,
      brokerUrl: brokerUrl as string,
      onEvent: opts.onEvent,
      signal: opts.signal,
    });
    const real = replayMetrics(outcome.events, plan.warmupS, durationS);
    const simPhone = traceMetrics(trace, plan.warmupS, durationS);
    return {
      plan,
      lab: labNat,
      brokerUrl: brokerUrl as string,
      sim,
      real,
      simPhone,
      outcome,
      simWallS,
    };
  } finally {
    await broker?.stop();
    await lab?.destroy();
  }
}
