import { ExactSum } from '../engine/stats/exactSum.js';
import { LogHistogram, type LogHistogramJSON } from '../engine/stats/logHistogram.js';
import { CAUSE_NAMES } from './causes.js';
import type { RunConfig } from './config.js';
import {
  type IntervalSampler,
  type IntervalSamples,
  mergeSamples,
  quantileSorted,
  samplesTrace,
} from './intervalSampler.js';
import { RunMetrics } from './metrics.js';
import type { AcrossPhones, GroupResult, RunResult } from './runResult.js';
import type { World } from './world.js';

const DAY = 86_400;

/**
 * The accumulators of one world as plain data: the whole run, or one population partition
 * of it. A partition's phones are a contiguous range of global ids, so the per-phone arrays
 * of the partitions, concatenated in partition order, are the whole run's arrays; counters
 * are whole numbers (sums exact in any order); per-second and per-bucket series are summed
 * bucket by bucket before any peak is taken; real-valued run-wide sums are exact sums
 * (ExactSum) and histograms merge exactly. finishRun computes a RunResult from them, the
 * same way for one partial or many, so a partitioned run's result is byte-identical to the
 * unpartitioned one.
 */
export interface RunPartial {
  kind: 'partial';
  strategy: string;
  replication: number;
  partition: { index: number; count: number; phoneBase: number; phones: number };
  counts: {
    heartbeats: number;
    heartbeatsAttributed: number;
    failedHeartbeats: number;
    connectFailures: number;
    pushArrived: number;
    pushDelivered: number;
    pushExpired: number;
    pushPending: number;
    pushWithin1: number;
    pushWithin10: number;
    pushWithin60: number;
    smsSent: number;
    polls: number;
    dozeDeferred: number;
    dozePushDelayed: number;
    dozeWhileIdleBeats: number;
    dozeReconnects: number;
    events: number;
  };
  usesDoze: boolean;
  losses: number[];
  promotionsPerCarrier: number[];
  appArrived: number[];
  appDelivered: number[];
  exact: {
    zombieSeconds: number[];
    dozeDeferredS: number[];
    dozePushDelayS: number[];
    profileSeconds: number[][];
  };
  perPhone: {
    excessJ: number[];
    baselineJ: number[];
    losses: number[];
    heartbeats: number[];
    promotions: number[];
  };
  /** Raw bucket sums (warm-up buckets included) of RunMetrics' series, and the session deltas. */
  series: {
    signalingPerS: number[][];
    handshakesPerS: number[];
    heartbeatsPerS: number[];
    signaling: number[];
    promotions: number[];
    handshakes: number[];
    heartbeats: number[];
    reconnects: number[];
    failedHeartbeats: number[];
    delivered: number[];
    sessionDelta: number[];
  };
  latency: LogHistogramJSON;
  appLatency: LogHistogramJSON[];
  samples: IntervalSamples;
  /** Learned intervals at the end over every connection (null: the policy learns none). */
  adaptive: { sum: number[]; n: number; ratio: number[]; nr: number } | null;
}

/** The accumulators of a finished world (after radio.finish and the zombie accounting). */
export function partialOf(w: World, sampler: IntervalSampler): RunPartial {
  const m = w.metrics;
  const cfg = w.config;
  const pending = settlePending(w);
  const perPhone = {
    excessJ: Array.from(w.radio.excessJ),
    baselineJ: Array.from({ length: w.phones }, (_, p) => w.radio.baseline(p)),
    losses: Array.from(m.lossesPerPhone),
    heartbeats: Array.from(m.heartbeatsPerPhone),
    promotions: Array.from(w.radio.promotions),
  };
  return {
    kind: 'partial',
    strategy: cfg.strategy.name,
    replication: cfg.replication,
    partition: {
      index: cfg.partition?.index ?? 0,
      count: cfg.partition?.count ?? 1,
      phoneBase: w.phoneBase,
      phones: w.phones,
    },
    counts: {
      heartbeats: m.heartbeats,
      heartbeatsAttributed: m.heartbeatsAttributed,
      failedHeartbeats: m.failedHeartbeats,
      connectFailures: m.connectFailures,
      pushArrived: m.pushArrived,
      pushDelivered: m.pushDelivered,
      pushExpired: m.pushExpired,
      pushPending: pending,
      pushWithin1: m.pushWithin1,
      pushWithin10: m.pushWithin10,
      pushWithin60: m.pushWithin60,
      smsSent: m.smsSent,
      polls: m.polls,
      dozeDeferred: w.dozeDeferred,
      dozePushDelayed: w.dozePushDelayed,
      dozeWhileIdleBeats: w.dozeWhileIdleBeats,
      dozeReconnects: w.dozeReconnects,
      events: w.sim.eventsProcessed,
    },
    usesDoze: w.dozeDue !== null,
    losses: Array.from(m.losses),
    promotionsPerCarrier: Array.from(m.promotionsPerCarrier),
    appArrived: Array.from(m.appArrived),
    appDelivered: Array.from(m.appDelivered),
    exact: {
      zombieSeconds: m.zombieSeconds.toJSON(),
      dozeDeferredS: w.dozeDeferredS.toJSON(),
      dozePushDelayS: w.dozePushDelayS.toJSON(),
      profileSeconds: w.radio.profileSeconds.map((x) => x.toJSON()),
    },
    perPhone,
    series: {
      signalingPerS: m.signalingPerS.map((x) => x.rawSums()),
      handshakesPerS: m.handshakesPerS.rawSums(),
      heartbeatsPerS: m.heartbeatsPerS.rawSums(),
      signaling: m.signaling.rawSums(),
      promotions: m.promotions.rawSums(),
      handshakes: m.handshakes.rawSums(),
      heartbeats: m.heartbeatSeries.rawSums(),
      reconnects: m.reconnects.rawSums(),
      failedHeartbeats: m.failedHeartbeatSeries.rawSums(),
      delivered: m.delivered.rawSums(),
      sessionDelta: Array.from(m.sessionDelta),
    },
    latency: m.latency.toExactJSON(),
    appLatency: m.appLatency.map((h) => h.toExactJSON()),
    samples: sampler.samples,
    adaptive: learnedAtEnd(w),
  };
}

/** Turns the partials of one run (one, or every partition in any order) into its RunResult. */
export function finishRun(cfg: RunConfig, parts: readonly RunPartial[]): RunResult {
  const partials = [...parts].sort((a, b) => a.partition.index - b.partition.index);
  const first = partials[0];
  const count = first.partition.count;
  let next = 0;
  partials.forEach((q, i) => {
    if (q.partition.count !== count || q.partition.index !== i || q.partition.phoneBase !== next) {
      throw new Error(
        `partitions of ${cfg.strategy.name} replication ${cfg.replication} do not add up (partition ${q.partition.index + 1}/${q.partition.count} at phone ${q.partition.phoneBase}, expected ${i + 1}/${count} at phone ${next})`,
      );
    }
    next += q.partition.phones;
  });
  if (partials.length !== count) {
    throw new Error(
      `${partials.length} of ${count} partitions of ${cfg.strategy.name} replication ${cfg.replication}`,
    );
  }
  const sum = (f: (q: RunPartial) => number) => partials.reduce((s, q) => s + f(q), 0);
  const sumArrays = (f: (q: RunPartial) => number[]) => {
    const out = f(first).slice();
    for (const q of partials.slice(1)) {
      f(q).forEach((x, i) => {
        out[i] += x;
      });
    }
    return out;
  };
  const exact = (f: (q: RunPartial) => number[]) => {
    const s = new ExactSum();
    for (const q of partials) s.merge(f(q));
    return s.value;
  };
  const phones = next;
  const durationS = cfg.durationS;
  const appNames = [...new Set(cfg.groups.flatMap((g) => g.apps.map((x) => x.name)))];
  const m = new RunMetrics(
    durationS,
    cfg.warmupS,
    cfg.bucketS,
    cfg.carriers.length,
    0,
    Math.max(1, appNames.length),
  );
  for (const q of partials) {
    q.series.signalingPerS.forEach((x, i) => {
      m.signalingPerS[i].addSums(x);
    });
    m.handshakesPerS.addSums(q.series.handshakesPerS);
    m.heartbeatsPerS.addSums(q.series.heartbeatsPerS);
    m.signaling.addSums(q.series.signaling);
    m.promotions.addSums(q.series.promotions);
    m.handshakes.addSums(q.series.handshakes);
    m.heartbeatSeries.addSums(q.series.heartbeats);
    m.reconnects.addSums(q.series.reconnects);
    m.failedHeartbeatSeries.addSums(q.series.failedHeartbeats);
    m.delivered.addSums(q.series.delivered);
    q.series.sessionDelta.forEach((x, i) => {
      m.sessionDelta[i] += x;
    });
    m.latency.merge(LogHistogram.fromJSON(q.latency));
    q.appLatency.forEach((h, k) => {
      m.appLatency[k].merge(LogHistogram.fromJSON(h));
    });
  }
  const c = {
    heartbeats: sum((q) => q.counts.heartbeats),
    heartbeatsAttributed: sum((q) => q.counts.heartbeatsAttributed),
    failedHeartbeats: sum((q) => q.counts.failedHeartbeats),
    connectFailures: sum((q) => q.counts.connectFailures),
    pushArrived: sum((q) => q.counts.pushArrived),
    pushDelivered: sum((q) => q.counts.pushDelivered),
    pushExpired: sum((q) => q.counts.pushExpired),
    pushPending: sum((q) => q.counts.pushPending),
    pushWithin1: sum((q) => q.counts.pushWithin1),
    pushWithin10: sum((q) => q.counts.pushWithin10),
    pushWithin60: sum((q) => q.counts.pushWithin60),
    smsSent: sum((q) => q.counts.smsSent),
    polls: sum((q) => q.counts.polls),
    dozeDeferred: sum((q) => q.counts.dozeDeferred),
    dozePushDelayed: sum((q) => q.counts.dozePushDelayed),
    dozeWhileIdleBeats: sum((q) => q.counts.dozeWhileIdleBeats),
    dozeReconnects: sum((q) => q.counts.dozeReconnects),
    events: sum((q) => q.counts.events),
  };
  const losses = sumArrays((q) => q.losses);
  const promotionsPerCarrier = sumArrays((q) => q.promotionsPerCarrier);
  const appArrived = sumArrays((q) => q.appArrived);
  const appDelivered = sumArrays((q) => q.appDelivered);
  const profileSeconds = cfg.carriers.map((_, i) => exact((q) => q.exact.profileSeconds[i]));
  const zombieSeconds = exact((q) => q.exact.zombieSeconds);
  const dozeDeferredS = exact((q) => q.exact.dozeDeferredS);
  const dozePushDelayS = exact((q) => q.exact.dozePushDelayS);
  const concat = (f: (q: RunPartial) => number[]) => partials.flatMap(f);
  const excessJ = concat((q) => q.perPhone.excessJ);
  const baselineJ = concat((q) => q.perPhone.baselineJ);
  const lossesPerPhone = concat((q) => q.perPhone.losses);
  const heartbeatsPerPhone = concat((q) => q.perPhone.heartbeats);
  const promotionsPerPhone = concat((q) => q.perPhone.promotions);
  const groupOf = phoneGroups(cfg, phones);
  const samples = mergeSamples(partials.map((q) => reviveSamples(q.samples)));

  const days = (durationS - cfg.warmupS) / DAY;
  const phoneDays = Math.max(phones * days, Number.MIN_VALUE);
  const perPhoneDay = (x: number) => x / phoneDays;
  // A carrier's phone-days: measured time its phones spent on it (phones that move count
  // on each carrier for the time they were there).
  const perCarrierPhoneDay = (x: number, carrier: number) =>
    profileSeconds[carrier] > 0 ? x / (profileSeconds[carrier] / DAY) : Number.NaN;

  const pending = c.pushPending;
  const lossTotal = losses.reduce((s, x) => s + x, 0);
  const signalingTotal = m.signaling.total();
  const sessions = sessionLevels(cfg, m.sessionDelta);

  // Per-phone energy and battery (attributable = total − idle baseline, docs/model.md §2.2).
  const energyPerDay = new Float64Array(phones);
  const batteryPct = new Float64Array(phones);
  const standbyH = new Float64Array(phones);
  const reconnects = new Float64Array(phones);
  let energySum = 0;
  let idleSum = 0;
  const baselinePerDay = new Float64Array(phones);
  for (let p = 0; p < phones; p++) {
    const b = cfg.groups[groupOf[p]].battery;
    const capacityJ = b.capacityMah * 3.6 * b.voltageV;
    const e = excessJ[p] / days;
    energyPerDay[p] = e;
    energySum += e;
    batteryPct[p] = (100 * e) / capacityJ;
    baselinePerDay[p] = baselineJ[p] / days;
    idleSum += baselinePerDay[p];
    const totalPerDay = e + baselinePerDay[p];
    standbyH[p] = totalPerDay > 0 ? (capacityJ / totalPerDay) * 24 : Number.POSITIVE_INFINITY;
    reconnects[p] = lossesPerPhone[p] / days;
  }
  const meanBatteryPct = mean(batteryPct);
  const meanVoltage =
    cfg.groups.reduce((s, g) => s + g.battery.voltageV * g.count, 0) / Math.max(1, phones);

  const metrics: Record<string, number> = {
    reconnectsPerPhoneDay: perPhoneDay(lossTotal),
    heartbeatsPerPhoneDay: perPhoneDay(c.heartbeats),
    failedHeartbeatsPerPhoneDay: perPhoneDay(c.failedHeartbeats),
    connectFailuresPerPhoneDay: perPhoneDay(c.connectFailures),
    promotionsPerPhoneDay: perPhoneDay(m.promotions.total()),
    signalingPerPhoneDay: perPhoneDay(signalingTotal),
    signalingPeakPerS: peakOfSum(m.signalingPerS.map((s) => s.values())),
    signalingPeakPerMin: peakOfSum(m.signalingPerS.map((s) => s.rebucket(60).values())),
    energyJPerPhoneDay: energySum / Math.max(1, phones),
    energyIdleJPerPhoneDay: idleSum / Math.max(1, phones),
    energyTotalJPerPhoneDay: (energySum + idleSum) / Math.max(1, phones),
    mAhPerPhoneDay: energySum / Math.max(1, phones) / (3.6 * meanVoltage),
    batteryPctPerDay: meanBatteryPct,
    standbyHours: mean(standbyH),
    pushArrived: c.pushArrived,
    pushDelivered: c.pushDelivered,
    pushExpired: c.pushExpired,
    pushPending: pending,
    pushLatencyMeanS: m.latency.count > 0 ? m.latency.mean : Number.NaN,
    pushLatencyP50S: m.latency.count > 0 ? m.latency.quantile(0.5) : Number.NaN,
    pushLatencyP90S: m.latency.count > 0 ? m.latency.quantile(0.9) : Number.NaN,
    pushLatencyP95S: m.latency.count > 0 ? m.latency.quantile(0.95) : Number.NaN,
    pushLatencyP99S: m.latency.count > 0 ? m.latency.quantile(0.99) : Number.NaN,
    pushLatencyMaxS: m.latency.count > 0 ? m.latency.max : Number.NaN,
    pushWithin1sPct: 100 * share(c.pushWithin1, c.pushDelivered),
    pushWithin10sPct: 100 * share(c.pushWithin10, c.pushDelivered),
    pushWithin60sPct: 100 * share(c.pushWithin60, c.pushDelivered),
    smsPerPhoneDay: perPhoneDay(c.smsSent),
    pollsPerPhoneDay: perPhoneDay(c.polls),
    serverSessionsPeak: sessions.peak,
    serverHandshakesPeakPerS: orZero(m.handshakesPerS.maxBucket()),
    serverHandshakesPerSMean: m.handshakes.total() / Math.max(1, durationS - cfg.warmupS),
    serverHeartbeatsPerSMean: m.heartbeatsPerS.total() / Math.max(1, durationS - cfg.warmupS),
    serverHeartbeatsPeakPerS: orZero(m.heartbeatsPerS.maxBucket()),
    zombieSessionSecondsSumPerPhoneDay: perPhoneDay(zombieSeconds),
  };
  Object.assign(metrics, adaptiveMetrics(partials, samples));
  if (first.usesDoze) {
    // Android Doze (doze.ts): heartbeats held for a maintenance window, and how long.
    metrics.dozeDeferredHeartbeatsPerPhoneDay = perPhoneDay(c.dozeDeferred);
    metrics.dozeHeartbeatDeferralMeanS = c.dozeDeferred > 0 ? dozeDeferredS / c.dozeDeferred : 0;
    metrics.dozeDelayedPushesPerPhoneDay = perPhoneDay(c.dozePushDelayed);
    metrics.dozePushDelayMeanS = c.dozePushDelayed > 0 ? dozePushDelayS / c.dozePushDelayed : 0;
    // Per delivered push, held or not: what Doze adds to the mean push latency.
    metrics.dozePushLatencyAddedS = c.pushDelivered > 0 ? dozePushDelayS / c.pushDelivered : 0;
    metrics.dozeWhileIdleHeartbeatsPerPhoneDay = perPhoneDay(c.dozeWhileIdleBeats);
    metrics.dozeReconnectsPerPhoneDay = perPhoneDay(c.dozeReconnects);
  }

  const reconnectCauses: Record<string, number> = {};
  CAUSE_NAMES.forEach((name, i) => {
    reconnectCauses[name] = perPhoneDay(losses[i]);
  });

  const trace = samplesTrace(
    samples,
    cfg.groups.map((g) => g.name),
  );
  const result: RunResult = {
    scenarioName: cfg.scenarioName,
    strategy: cfg.strategy.name,
    replication: cfg.replication,
    seed: cfg.seed,
    phones,
    durationS,
    warmupS: cfg.warmupS,
    metrics,
    reconnectCauses,
    carriers: cfg.carriers.map((carrier, i) => ({
      name: carrier.name,
      phoneDays: profileSeconds[i] / DAY,
      signalingPerPhoneDay: perCarrierPhoneDay(m.signalingPerS[i].total(), i),
      promotionsPerPhoneDay: perCarrierPhoneDay(promotionsPerCarrier[i], i),
      signalingTotal: m.signalingPerS[i].total(),
      signalingPeakPerS: orZero(m.signalingPerS[i].maxBucket()),
      signalingPeakPerMin: orZero(m.signalingPerS[i].rebucket(60).maxBucket()),
    })),
    groups: groupBreakdown(cfg, groupOf, days, {
      losses: lossesPerPhone,
      heartbeats: heartbeatsPerPhone,
      promotions: promotionsPerPhone,
      energyPerDay,
      baselinePerDay,
      batteryPct,
      heartbeatsKnown: c.heartbeatsAttributed === c.heartbeats,
    }),
    perPhone: {
      energyJPerDay: acrossPhones(energyPerDay),
      batteryPctPerDay: acrossPhones(batteryPct),
      reconnectsPerDay: acrossPhones(reconnects),
    },
    apps: appNames.map((name, k) => ({
      name,
      arrived: appArrived[k],
      delivered: appDelivered[k],
      latency: m.appLatency[k].toJSON(),
    })),
    latency: m.latency.toJSON(),
    series: {
      bucketS: cfg.bucketS,
      signaling: Array.from(m.signaling.values()),
      promotions: Array.from(m.promotions.values()),
      handshakes: Array.from(m.handshakes.values()),
      heartbeats: Array.from(m.heartbeatSeries.values()),
      reconnects: Array.from(m.reconnects.values()),
      failedHeartbeats: Array.from(m.failedHeartbeatSeries.values()),
      pushDelivered: Array.from(m.delivered.values()),
      sessions: sessions.perBucket,
    },
    intervals: trace.timesS.length > 0 ? trace : undefined,
    events: c.events,
  };
  return result;
}

/** Group index of every phone of the whole population (phones are laid out group by group). */
function phoneGroups(cfg: RunConfig, phones: number): Int32Array {
  const out = new Int32Array(phones);
  let p = 0;
  cfg.groups.forEach((g, gi) => {
    out.fill(gi, p, Math.min(phones, p + g.count));
    p += g.count;
  });
  return out;
}

/** JSON turns NaN into null: a partial read back from a checkpoint has them restored. */
function reviveSamples(s: IntervalSamples): IntervalSamples {
  const nan = (xs: (number | null)[]) => xs.map((x) => (x === null ? Number.NaN : x));
  return {
    ...s,
    lastValue: nan(s.lastValue),
    lastChangeS: nan(s.lastChangeS),
    stableSinceS: nan(s.stableSinceS),
  };
}

/** Sums of the learned intervals over every connection at the end (exact sums). */
function learnedAtEnd(w: World): RunPartial['adaptive'] {
  if (w.connections === 0 || typeof w.strategies[0].learnedInterval !== 'function') return null;
  const sum = new ExactSum();
  const ratio = new ExactSum();
  let n = 0;
  let nr = 0;
  for (let c = 0; c < w.connections; c++) {
    const v = w.strategyOf(c).learnedInterval!(w.ctxFor(c, w.duration));
    if (!(v > 0)) continue;
    sum.add(v);
    n++;
    const truth = w.nat.timeoutOf(c);
    if (truth > 0) {
      ratio.add(v / truth);
      nr++;
    }
  }
  return { sum: sum.toJSON(), n, ratio: ratio.toJSON(), nr };
}

/**
 * Messages still held at the end: those past their TTL count as expired (lost), the rest as
 * pending. Returns the pending count of messages that arrived in the measured window.
 */
function settlePending(w: World): number {
  const ttl = w.config.server.messageTtlS;
  let pending = 0;
  for (const q of [w.queued, w.unacked]) {
    for (let c = 0; c < w.connections; c++) {
      for (let m = q.shift(c); m >= 0; m = q.shift(c)) {
        const arrival = w.pool.arrival[m];
        if (w.duration - arrival > ttl) w.metrics.expiredMessage(arrival);
        else if (arrival >= w.config.warmupS) pending++;
        w.pool.free(m);
        w.heldAtEnd++;
      }
    }
  }
  // SMS wake-ups still on their way hold their message too.
  return pending + w.smsPendingMeasured();
}

/** Open sessions per second (prefix sum of the ±1 deltas): peak and end-of-bucket levels. */
function sessionLevels(cfg: RunConfig, d: Float64Array): { peak: number; perBucket: number[] } {
  const bucket = cfg.bucketS;
  const from = Math.floor(cfg.warmupS);
  const perBucket: number[] = [];
  let level = 0;
  let peak = 0;
  for (let s = 0; s < Math.ceil(cfg.durationS); s++) {
    level += d[s];
    if (s >= from && level > peak) peak = level;
    if ((s + 1) % bucket === 0 || s === Math.ceil(cfg.durationS) - 1) {
      if ((s + 1) * 1 > from) perBucket.push(level);
    }
  }
  return { peak, perBucket };
}

function adaptiveMetrics(
  partials: readonly RunPartial[],
  samples: IntervalSamples,
): Record<string, number> {
  const learned = partials.filter((q) => q.adaptive !== null).map((q) => q.adaptive!);
  if (learned.length === 0) return {};
  const sum = new ExactSum();
  const ratio = new ExactSum();
  let n = 0;
  let nr = 0;
  for (const a of learned) {
    sum.merge(a.sum);
    ratio.merge(a.ratio);
    n += a.n;
    nr += a.nr;
  }
  const out: Record<string, number> = {
    learnedIntervalS: n > 0 ? sum.value / n : Number.NaN,
    learnedOverNatTimeout: nr > 0 ? ratio.value / nr : Number.NaN,
  };
  // Time to stable, over the sampled connections (simulated time from the start of the run):
  // where the policy declares stability (isStable), the time since which it has declared it,
  // for connections stable at the end; otherwise the time of the last change of the
  // interval (the first use of the final interval; nothing confirms it is final).
  const times: number[] = [];
  if (samples.hasStableFlag) {
    for (const t of samples.stableSinceS) if (!Number.isNaN(t)) times.push(t);
    const k = samples.stableSinceS.length;
    out.stableAtEndPct = k > 0 ? (100 * times.length) / k : Number.NaN;
  } else {
    for (let k = 0; k < samples.lastChangeS.length; k++) {
      if (!Number.isNaN(samples.lastValue[k])) times.push(samples.lastChangeS[k]);
    }
  }
  times.sort((x, y) => x - y);
  out.timeToStableS = quantileSorted(times, 0.5);
  return out;
}

/** Per-phone-day figures of each phone group (phones stay in their group). */
function groupBreakdown(
  cfg: RunConfig,
  groupOf: Int32Array,
  days: number,
  x: {
    losses: number[];
    heartbeats: number[];
    promotions: number[];
    energyPerDay: Float64Array;
    baselinePerDay: Float64Array;
    batteryPct: Float64Array;
    /** Heartbeats are broken down only when every one was attributed to its phone. */
    heartbeatsKnown: boolean;
  },
): GroupResult[] {
  const out = cfg.groups.map((g) => ({ name: g.name, phones: 0, sums: new Float64Array(6) }));
  for (let p = 0; p < groupOf.length; p++) {
    const row = out[groupOf[p]];
    row.phones++;
    row.sums[0] += x.losses[p];
    row.sums[1] += x.heartbeats[p];
    row.sums[2] += x.promotions[p];
    row.sums[3] += x.energyPerDay[p];
    row.sums[4] += x.energyPerDay[p] + x.baselinePerDay[p];
    row.sums[5] += x.batteryPct[p];
  }
  const heartbeatsKnown = x.heartbeatsKnown;
  // Each group's phones' battery drain in phone order (phones are laid out group by group).
  const batteryOf = out.map((g) => new Float64Array(g.phones));
  const filled = new Int32Array(out.length);
  for (let p = 0; p < groupOf.length; p++) {
    const gi = groupOf[p];
    batteryOf[gi][filled[gi]++] = x.batteryPct[p];
  }
  return out.map(({ name, phones, sums }, gi) => {
    const pd = Math.max(phones * days, Number.MIN_VALUE);
    const metrics: Record<string, number> = {
      reconnectsPerPhoneDay: sums[0] / pd,
      promotionsPerPhoneDay: sums[2] / pd,
      energyJPerPhoneDay: phones > 0 ? sums[3] / phones : Number.NaN,
      energyTotalJPerPhoneDay: phones > 0 ? sums[4] / phones : Number.NaN,
      batteryPctPerDay: phones > 0 ? sums[5] / phones : Number.NaN,
    };
    if (heartbeatsKnown) metrics.heartbeatsPerPhoneDay = sums[1] / pd;
    return { name, phones, metrics, batteryPctPerDay: acrossPhones(batteryOf[gi]) };
  });
}

function acrossPhones(xs: Float64Array): AcrossPhones {
  const s = Float64Array.from(xs).sort();
  return {
    mean: mean(xs),
    min: s.length ? s[0] : Number.NaN,
    p5: quantileSorted(s, 0.05),
    p25: quantileSorted(s, 0.25),
    p50: quantileSorted(s, 0.5),
    p75: quantileSorted(s, 0.75),
    p95: quantileSorted(s, 0.95),
    max: s.length ? s[s.length - 1] : Number.NaN,
  };
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : Number.NaN;
}

function share(k: number, n: number): number {
  return n > 0 ? k / n : Number.NaN;
}

function orZero(x: number): number {
  return Number.isNaN(x) ? 0 : x;
}

/** Peak of the element-wise sum of aligned series (all carriers together). */
function peakOfSum(series: Float64Array[]): number {
  if (series.length === 0) return 0;
  let peak = 0;
  for (let i = 0; i < series[0].length; i++) {
    let s = 0;
    for (const x of series) s += x[i];
    if (s > peak) peak = s;
  }
  return peak;
}
