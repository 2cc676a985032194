import type { CarrierConfig, StrategySpec } from '../model/config.js';
import type { TraceRecord } from '../model/trace.js';
import type { Scenario } from '../scenario/scenario.js';

/** A scenario (or flag) the replay cannot honour: exit 2 with this message. */
export class ReplayError extends Error {
  override name = 'UsageError';
}

/** One phone of a scenario, as the real-stack replay runs it. Times in scenario seconds. */
export interface ReplayPlan {
  scenarioName: string;
  phone: number;
  /** The sim's connection id of that phone (its strategy and backoff random streams). */
  connection: number;
  /** −1: the shared system channel; else the app index on the phone. */
  app: number;
  strategyIndex: number;
  spec: StrategySpec;
  /** Where the next heartbeat is timed from: the last ping sent, or its answer. */
  timing: 'send' | 'answer';
  carrier: CarrierConfig;
  seed: number;
  /** Scenario seconds per wall second. */
  speed: number;
  durationS: number;
  warmupS: number;
  /** The phone's first connect attempt in the simulation (replication 0). */
  firstConnectS: number;
  /** The phone's push arrivals at the server in the simulation (replication 0). */
  pushes: { atS: number; app: number }[];
}

/** The sim's StrategySpec gains `timing` in the fidelity work; until then 'send' (MQTT clients). */
export function timingOf(spec: StrategySpec): 'send' | 'answer' {
  const t = (spec as StrategySpec & { timing?: 'send' | 'answer' }).timing;
  return t ?? 'send';
}

/** Checks that one phone of the scenario is something a single real MQTT connection can replay. */
export function checkReplayable(scenario: Scenario, phone: number): { groupIndex: number } {
  if (scenario.sweep.length > 0) {
    throw new ReplayError(
      `${scenario.name} has a sweep; replay runs one scenario: fix the swept field with --set`,
    );
  }
  if (!Number.isInteger(phone) || phone < 0 || phone >= scenario.phones) {
    throw new ReplayError(`--phone ${phone}: the scenario has phones 0..${scenario.phones - 1}`);
  }
  let first = 0;
  let groupIndex = -1;
  scenario.groups.forEach((g, i) => {
    if (groupIndex < 0 && phone < first + g.count) groupIndex = i;
    first += g.count;
  });
  const g = scenario.groups[groupIndex];
  const where = `groups[${groupIndex}] (${g.name})`;
  if (g.networks.length !== 1) {
    throw new ReplayError(`${where} switches networks; replay runs one phone on one network`);
  }
  if (
    g.architecture !== 'system-channel' &&
    !(g.architecture === 'per-app' && g.apps.length === 1)
  ) {
    throw new ReplayError(
      `${where} is ${g.architecture} with ${g.apps.length} apps; replay runs one standing connection (system-channel, or per-app with one app)`,
    );
  }
  if (g.outages && g.outages.ratePerDay > 0) {
    throw new ReplayError(`${where} has coverage outages; replay does not emulate them`);
  }
  if (g.alignment) {
    throw new ReplayError(`${where} uses OS alarm alignment; replay does not emulate it`);
  }
  const scripted = scenario.events.filter((e) => e.type !== 'push');
  if (scripted.length > 0) {
    throw new ReplayError(
      `the scenario has scripted ${scripted[0].type} events; replay emulates only pushes`,
    );
  }
  return { groupIndex };
}

/** Builds the plan from the scenario and the simulated trace of the same phone (replication 0). */
export function replayPlan(
  scenario: Scenario,
  opts: { phone: number; strategyIndex: number; speed: number; durationS: number },
  trace: TraceRecord[],
): ReplayPlan {
  const { groupIndex } = checkReplayable(scenario, opts.phone);
  const g = scenario.groups[groupIndex];
  const carrier = scenario.carriers.find((c) => c.name === g.networks[0].carrier);
  if (!carrier) throw new ReplayError(`carrier ${g.networks[0].carrier} not found`);
  const spec = scenario.strategies[opts.strategyIndex];
  const attempts = trace.filter((r) => r.event === 'connect' || r.event === 'connect-failed');
  const firstConn = attempts.find((r) => typeof r.conn === 'number');
  const pushes = trace
    .filter((r) => r.event === 'push-arrived' && r.t < opts.durationS)
    .map((r) => ({ atS: r.t, app: typeof r.app === 'number' ? r.app : 0 }));
  return {
    scenarioName: scenario.name,
    phone: opts.phone,
    connection: typeof firstConn?.conn === 'number' ? firstConn.conn : opts.phone,
    app: g.architecture === 'system-channel' ? -1 : 0,
    strategyIndex: opts.strategyIndex,
    spec,
    timing: timingOf(spec),
    carrier,
    seed: scenario.seed,
    speed: opts.speed,
    durationS: opts.durationS,
    warmupS: Math.min(scenario.warmupS, opts.durationS),
    firstConnectS: attempts.length > 0 ? attempts[0].t : 0,
    pushes,
  };
}

/**
 * The NAT a namespace lab must emulate for this carrier, in wall seconds; an error names what
 * the kernel NAT cannot be (a drawn timeout, outbound-only refresh, a timeout that is not a
 * whole number of wall seconds at this speed).
 */
export function labNatFor(
  carrier: CarrierConfig,
  speed: number,
): { idleTimeoutS: number; expiredPacket: 'drop' | 'rst' } {
  const nat = carrier.nat;
  const what = `carrier ${carrier.name}`;
  if (nat.idleTimeout.type !== 'constant') {
    throw new ReplayError(
      `${what}: the namespace NAT needs a constant idleTimeout (found ${nat.idleTimeout.type}); set one with --set, or replay through your own NAT with --broker`,
    );
  }
  if (nat.timeoutByHour) {
    throw new ReplayError(`${what}: the namespace NAT cannot follow timeoutByHour`);
  }
  if (nat.refreshOn !== 'both') {
    throw new ReplayError(
      `${what}: Linux conntrack refreshes a mapping on packets in both directions; refreshOn must be both (found ${nat.refreshOn})`,
    );
  }
  const wall = nat.idleTimeout.value / speed;
  const whole = Math.round(wall);
  if (Math.abs(wall - whole) > 1e-9 || whole < 2) {
    throw new ReplayError(
      `${what}: NAT idle timeout ${nat.idleTimeout.value} s at --speed ${speed} is ${Math.round(wall * 1000) / 1000} s of wall time; conntrack needs a whole number of seconds ≥ 2 (try --speed ${suggestSpeed(nat.idleTimeout.value)})`,
    );
  }
  return { idleTimeoutS: whole, expiredPacket: nat.expiredPacket };
}

function suggestSpeed(tauS: number): number {
  for (const s of [60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1]) {
    const w = tauS / s;
    if (Number.isInteger(w) && w >= 2) return s;
  }
  return 1;
}
