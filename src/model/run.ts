import type { StrategyFactory } from '../strategies/types.js';
import { onPoll, onSmsWake } from './architectures.js';
import {
  onAckTimeout,
  onHeartbeatTimer,
  onReconnectTimer,
  onRetransmitTimer,
  warmConnections,
} from './client.js';
import type { RunConfig } from './config.js';
import { IntervalSampler } from './intervalSampler.js';
import { checkInvariants } from './invariants.js';
import { nextOutageDelay, nextSwitchDelay, onNetworkSwitch, onRandomOutage } from './mobility.js';
import { ALIGNED_MIN_BYTES } from '../engine/alignedMemory.js';
import { finishRun, partialOf, type RunPartial } from './collect.js';
import {
  CONN_BYTES,
  P_ALIGN_PHASE,
  P_CONN_COUNT,
  P_FIRST_CONN,
  phoneF,
  phoneI,
} from './records.js';
import type { RunResult } from './runResult.js';
import { onScripted } from './scripted.js';
import { accountOpenZombies, onServerDeadline, onServerPushAck } from './server.js';
import { CONN_TIMERS, T } from './timers.js';
import {
  nextBackgroundCandidate,
  nextPushCandidate,
  onBackground,
  onPushArrival,
} from './traffic.js';
import { hasStandingConnection, World } from './world.js';

export interface RunOptions {
  /** Checked every ~64k events; when it says stop, the run ends early and throws. */
  shouldStop?: () => boolean;
}

/** Thrown when a run is stopped from outside (Ctrl-C). */
export class RunAborted extends Error {
  override name = 'RunAborted';
}

/** Builds the world of one (strategy, replication), runs it, and returns its raw result. */
export function runWorld(
  config: RunConfig,
  factory: StrategyFactory,
  opts: RunOptions = {},
): RunResult & { trace?: unknown[] } {
  return runAny(config, factory, opts) as RunResult & { trace?: unknown[] };
}

function runAny(
  config: RunConfig,
  factory: StrategyFactory,
  opts: RunOptions,
): (RunResult & { trace?: unknown[] }) | RunPartial {
  const w = new World(config, factory);
  const sim = w.sim;
  const sampler = new IntervalSampler(w, config.intervalSamplePhones);

  // Kinds, one per timer of CONN_TIMERS in its order; each closure calls its handler
  // directly (a call site with one target, which the JIT inlines).
  const connKinds = [
    sim.registerKind((c) => onHeartbeatTimer(w, c)),
    sim.registerKind((c) => onServerDeadline(w, c)),
    sim.registerKind((c) => onAckTimeout(w, c)),
    sim.registerKind((c) => onRetransmitTimer(w, c)),
    sim.registerKind((c) => onReconnectTimer(w, c)),
    sim.registerKind((c) => onServerPushAck(w, c)),
  ];
  if (connKinds.length !== CONN_TIMERS.length) throw new Error('a connection timer has no kind');
  const kSwitch = sim.registerKind((p) => onNetworkSwitch(w, p));
  const kOutage = sim.registerKind((p) => onRandomOutage(w, p));
  const kBackground = sim.registerKind((p) => onBackground(w, p));
  const kPush = sim.registerKind((a) => onPushArrival(w, a));
  const kPoll = sim.registerKind((a) => onPoll(w, a));
  const kScripted = sim.registerKind((e) => onScripted(w, e));
  const kSampler = sim.registerKind((_e, slot) => {
    sampler.sample(w, sim.now);
    const next = sim.now + sampler.everyS;
    if (next < w.duration) sim.at(slot, next);
  });
  w.kindSmsWake = sim.registerKind((m, slot) => onSmsWake(w, m, slot));

  // Cache warm-up: events of a connection (heartbeats, server deadlines, ...) and pushes
  // touch their connection's and phone's records; the scheduler hands us each bucket of
  // events before they fire. Slots map to entities by the layout below (no lookup). Only
  // for worlds whose records outgrow the cache: in a small one it would cost, not save.
  if (w.connections * CONN_BYTES >= ALIGNED_MIN_BYTES) {
    const warmConns = new Int32Array(256);
    const warmPhones = new Int32Array(256);
    const connSlots = w.connections * CONN_TIMERS.length;
    sim.setWarmUp((slots, n) => {
      for (let i = 0; i < n; i++) {
        const k = slots[i] - w.connSlotBase;
        const a = slots[i] - w.appPushSlot;
        if (k >= 0 && k < connSlots) warmConns[i] = Math.floor(k / CONN_TIMERS.length);
        else warmConns[i] = a >= 0 && a < w.apps ? w.appConn[a] : -1;
      }
      return warmConnections(w, warmConns, warmPhones, n);
    });
  }

  // Slots: a connection's timers are adjacent (World.slot); other kinds are contiguous
  // ranges, slot = base + entity.
  w.connSlotBase = sim.queue.slotCount;
  for (let c = 0; c < w.connections; c++) {
    for (const kind of connKinds) sim.allocSlot(kind, c);
  }
  // Optional timers get their range only when some group uses them (-1: none).
  w.phoneSwitchSlot = w.usesSwitching ? allocRange(w, kSwitch, w.phones) : -1;
  w.phoneOutageSlot = w.usesOutages ? allocRange(w, kOutage, w.phones) : -1;
  w.phoneBackgroundSlot = w.usesBackground ? allocRange(w, kBackground, w.phones) : -1;
  w.appPushSlot = allocRange(w, kPush, w.apps);
  w.appPollSlot = w.usesPolling ? allocRange(w, kPoll, w.apps) : -1;
  w.scriptedSlot = allocRange(w, kScripted, config.events.length * 2);
  w.samplerSlot = allocRange(w, kSampler, 1);

  // Initial events.
  for (let p = 0; p < w.phones; p++) {
    const g = w.groupOf(p);
    if (g.alignment) w.pf[phoneF(p) + P_ALIGN_PHASE] = w.rngStart.uniform(p) * g.alignment.periodS;
    if (hasStandingConnection(g)) {
      // Each connection (each app's, for per-app) comes up at its own time: apps are not aligned.
      const first = w.pi[phoneI(p) + P_FIRST_CONN];
      const spread = Math.min(config.startSpreadS, w.duration);
      for (let c = first; c < first + w.pi[phoneI(p) + P_CONN_COUNT]; c++) {
        sim.at(w.slot(T.reconnect, c), w.rngConnStart.uniform(c) * spread);
      }
    }
    if (g.networks.length > 1) sim.at(w.phoneSwitchSlot + p, nextSwitchDelay(w, p));
    if (g.outages && g.outages.ratePerDay > 0) sim.at(w.phoneOutageSlot + p, nextOutageDelay(w, p));
    if (g.background && g.background.ratePerHour > 0) {
      sim.at(w.phoneBackgroundSlot + p, nextBackgroundCandidate(w, p));
    }
  }
  for (let a = 0; a < w.apps; a++) {
    const spec = w.appSpec[w.appSpecOf[a]];
    if (spec.ratePerS > 0) sim.at(w.appPushSlot + a, nextPushCandidate(w, a));
    const g = w.groupOf(w.appPhone[a]);
    if (g.architecture === 'polling')
      sim.at(w.appPollSlot + a, w.rngPoll.uniform(a) * g.polling!.intervalS);
  }
  config.events.forEach((ev, i) => {
    if (ev.atS < w.duration) sim.at(w.scriptedSlot + 2 * i, ev.atS);
  });
  if (config.intervalSamplePhones > 0 && w.totalConnections > 0) sim.at(w.samplerSlot, 0);

  // Run in chunks so a stop request (Ctrl-C) is honoured within a fraction of a second.
  const chunk = 3600;
  for (let t = 0; t < w.duration; ) {
    t = Math.min(w.duration, t + chunk);
    sim.run(t);
    if (opts.shouldStop?.()) throw new RunAborted('run stopped');
  }
  sim.run(w.duration);
  w.radio.finish();
  accountOpenZombies(w);
  const partial = partialOf(w, sampler);
  if (config.partition) {
    // One partition of the population: its accumulators, to be merged with the others'.
    const c = partial.counts;
    checkInvariants(w, {
      metrics: {
        pushArrived: c.pushArrived,
        pushDelivered: c.pushDelivered,
        pushExpired: c.pushExpired,
        pushPending: c.pushPending,
      },
    });
    return partial;
  }
  const result = finishRun(config, [partial]);
  checkInvariants(w, result);
  return w.trace ? { ...result, trace: w.trace } : result;
}

/** Runs one population partition (config.partition set) to its accumulators. */
export function runPartition(
  config: RunConfig,
  factory: StrategyFactory,
  opts: RunOptions = {},
): RunPartial {
  if (!config.partition) throw new Error('runPartition: the config names no partition');
  return runAny(config, factory, opts) as RunPartial;
}

function allocRange(w: World, kind: number, n: number): number {
  const base = w.sim.queue.slotCount;
  for (let i = 0; i < n; i++) w.sim.allocSlot(kind, i);
  return base;
}
