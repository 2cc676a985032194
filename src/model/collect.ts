import { CAUSE_NAMES } from './causes.js';
import { type IntervalSampler, quantileSorted } from './intervalSampler.js';
import type { AcrossPhones, GroupResult, RunResult } from './runResult.js';
import type { World } from './world.js';

const DAY = 86_400;

/** Turns the accumulators of a finished run into its RunResult (metric names of docs/model.md §8). */
export function collectResult(w: World, sampler: IntervalSampler): RunResult {
  const m = w.metrics;
  const cfg = w.config;
  const days = (w.duration - cfg.warmupS) / DAY;
  const phoneDays = Math.max(w.phones * days, Number.MIN_VALUE);
  const perPhoneDay = (x: number) => x / phoneDays;
  // A carrier's phone-days: measured time its phones spent on it (phones that move count
  // on each carrier for the time they were there).
  const perCarrierPhoneDay = (x: number, carrier: number) =>
    w.radio.profileSeconds[carrier] > 0 ? x / (w.radio.profileSeconds[carrier] / DAY) : Number.NaN;

  const pending = settlePending(w);
  const lossTotal = m.losses.reduce((s, x) => s + x, 0);
  const signalingTotal = m.signaling.total();
  const sessions = sessionLevels(w);

  // Per-phone energy and battery (attributable = total − idle baseline, docs/model.md §2.2).
  const energyPerDay = new Float64Array(w.phones);
  const batteryPct = new Float64Array(w.phones);
  const standbyH = new Float64Array(w.phones);
  const reconnects = new Float64Array(w.phones);
  let energySum = 0;
  let idleSum = 0;
  const baselinePerDay = new Float64Array(w.phones);
  for (let p = 0; p < w.phones; p++) {
    const b = w.groupOf(p).battery;
    const capacityJ = b.capacityMah * 3.6 * b.voltageV;
    const e = w.radio.excessJ[p] / days;
    energyPerDay[p] = e;
    energySum += e;
    batteryPct[p] = (100 * e) / capacityJ;
    baselinePerDay[p] = w.radio.baseline(p) / days;
    idleSum += baselinePerDay[p];
    const totalPerDay = e + baselinePerDay[p];
    standbyH[p] = totalPerDay > 0 ? (capacityJ / totalPerDay) * 24 : Number.POSITIVE_INFINITY;
    reconnects[p] = m.lossesPerPhone[p] / days;
  }
  const meanBatteryPct = mean(batteryPct);
  const meanVoltage =
    w.groups.reduce((s, g) => s + g.battery.voltageV * g.count, 0) / Math.max(1, w.phones);

  const metrics: Record<string, number> = {
    reconnectsPerPhoneDay: perPhoneDay(lossTotal),
    heartbeatsPerPhoneDay: perPhoneDay(m.heartbeats),
    failedHeartbeatsPerPhoneDay: perPhoneDay(m.failedHeartbeats),
    connectFailuresPerPhoneDay: perPhoneDay(m.connectFailures),
    promotionsPerPhoneDay: perPhoneDay(m.promotions.total()),
    signalingPerPhoneDay: perPhoneDay(signalingTotal),
    signalingPeakPerS: peakOfSum(m.signalingPerS.map((s) => s.values())),
    signalingPeakPerMin: peakOfSum(m.signalingPerS.map((s) => s.rebucket(60).values())),
    energyJPerPhoneDay: energySum / Math.max(1, w.phones),
    energyIdleJPerPhoneDay: idleSum / Math.max(1, w.phones),
    energyTotalJPerPhoneDay: (energySum + idleSum) / Math.max(1, w.phones),
    mAhPerPhoneDay: energySum / Math.max(1, w.phones) / (3.6 * meanVoltage),
    batteryPctPerDay: meanBatteryPct,
    standbyHours: mean(standbyH),
    pushArrived: m.pushArrived,
    pushDelivered: m.pushDelivered,
    pushExpired: m.pushExpired,
    pushPending: pending,
    pushLatencyMeanS: m.latency.count > 0 ? m.latency.mean : Number.NaN,
    pushLatencyP50S: m.latency.count > 0 ? m.latency.quantile(0.5) : Number.NaN,
    pushLatencyP90S: m.latency.count > 0 ? m.latency.quantile(0.9) : Number.NaN,
    pushLatencyP95S: m.latency.count > 0 ? m.latency.quantile(0.95) : Number.NaN,
    pushLatencyP99S: m.latency.count > 0 ? m.latency.quantile(0.99) : Number.NaN,
    pushLatencyMaxS: m.latency.count > 0 ? m.latency.max : Number.NaN,
    pushWithin1sPct: 100 * share(m.pushWithin1, m.pushDelivered),
    pushWithin10sPct: 100 * share(m.pushWithin10, m.pushDelivered),
    pushWithin60sPct: 100 * share(m.pushWithin60, m.pushDelivered),
    smsPerPhoneDay: perPhoneDay(m.smsSent),
    pollsPerPhoneDay: perPhoneDay(m.polls),
    serverSessionsPeak: sessions.peak,
    serverHandshakesPeakPerS: orZero(m.handshakesPerS.maxBucket()),
    serverHandshakesPerSMean: m.handshakes.total() / Math.max(1, w.duration - cfg.warmupS),
    serverHeartbeatsPerSMean: m.heartbeatsPerS.total() / Math.max(1, w.duration - cfg.warmupS),
    serverHeartbeatsPeakPerS: orZero(m.heartbeatsPerS.maxBucket()),
    zombieSessionSecondsSumPerPhoneDay: perPhoneDay(m.zombieSeconds),
  };
  Object.assign(metrics, adaptiveMetrics(w, sampler));
  if (w.dozeDue !== null) {
    // Android Doze (doze.ts): heartbeats held for a maintenance window, and how long.
    metrics.dozeDeferredHeartbeatsPerPhoneDay = perPhoneDay(w.dozeDeferred);
    metrics.dozeHeartbeatDeferralMeanS = w.dozeDeferred > 0 ? w.dozeDeferredS / w.dozeDeferred : 0;
    metrics.dozeDelayedPushesPerPhoneDay = perPhoneDay(w.dozePushDelayed);
    metrics.dozePushDelayMeanS = w.dozePushDelayed > 0 ? w.dozePushDelayS / w.dozePushDelayed : 0;
    // Per delivered push, held or not: what Doze adds to the mean push latency.
    metrics.dozePushLatencyAddedS = m.pushDelivered > 0 ? w.dozePushDelayS / m.pushDelivered : 0;
    metrics.dozeWhileIdleHeartbeatsPerPhoneDay = perPhoneDay(w.dozeWhileIdleBeats);
    metrics.dozeReconnectsPerPhoneDay = perPhoneDay(w.dozeReconnects);
  }

  const reconnectCauses: Record<string, number> = {};
  CAUSE_NAMES.forEach((name, i) => {
    reconnectCauses[name] = perPhoneDay(m.losses[i]);
  });

  return {
    scenarioName: cfg.scenarioName,
    strategy: cfg.strategy.name,
    replication: cfg.replication,
    seed: cfg.seed,
    phones: w.phones,
    durationS: w.duration,
    warmupS: cfg.warmupS,
    metrics,
    reconnectCauses,
    carriers: w.carriers.map((c, i) => ({
      name: c.name,
      phoneDays: w.radio.profileSeconds[i] / DAY,
      signalingPerPhoneDay: perCarrierPhoneDay(m.signalingPerS[i].total(), i),
      promotionsPerPhoneDay: perCarrierPhoneDay(m.promotionsPerCarrier[i], i),
      signalingTotal: m.signalingPerS[i].total(),
      signalingPeakPerS: orZero(m.signalingPerS[i].maxBucket()),
      signalingPeakPerMin: orZero(m.signalingPerS[i].rebucket(60).maxBucket()),
    })),
    groups: groupBreakdown(w, days, energyPerDay, baselinePerDay, batteryPct),
    perPhone: {
      energyJPerDay: acrossPhones(energyPerDay),
      batteryPctPerDay: acrossPhones(batteryPct),
      reconnectsPerDay: acrossPhones(reconnects),
    },
    apps: w.appNames.map((name, k) => ({
      name,
      arrived: m.appArrived[k],
      delivered: m.appDelivered[k],
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
    intervals: sampler.trace.timesS.length > 0 ? sampler.trace : undefined,
    events: w.sim.eventsProcessed,
  };
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
function sessionLevels(w: World): { peak: number; perBucket: number[] } {
  const d = w.metrics.sessionDelta;
  const bucket = w.config.bucketS;
  const from = Math.floor(w.config.warmupS);
  const perBucket: number[] = [];
  let level = 0;
  let peak = 0;
  for (let s = 0; s < Math.ceil(w.duration); s++) {
    level += d[s];
    if (s >= from && level > peak) peak = level;
    if ((s + 1) % bucket === 0 || s === Math.ceil(w.duration) - 1) {
      if ((s + 1) * 1 > from) perBucket.push(level);
    }
  }
  return { peak, perBucket };
}

function adaptiveMetrics(w: World, sampler: IntervalSampler): Record<string, number> {
  if (w.connections === 0 || typeof w.strategies[0].learnedInterval !== 'function') return {};
  let sum = 0;
  let ratio = 0;
  let n = 0;
  let nr = 0;
  for (let c = 0; c < w.connections; c++) {
    const v = w.strategyOf(c).learnedInterval!(w.ctxFor(c, w.duration));
    if (!(v > 0)) continue;
    sum += v;
    n++;
    const truth = w.nat.timeoutOf(c);
    if (truth > 0) {
      ratio += v / truth;
      nr++;
    }
  }
  const out: Record<string, number> = {
    learnedIntervalS: n > 0 ? sum / n : Number.NaN,
    learnedOverNatTimeout: nr > 0 ? ratio / nr : Number.NaN,
  };
  // Time to stable, over the sampled connections (simulated time from the start of the run):
  // where the policy declares stability (isStable), the time since which it has declared it,
  // for connections stable at the end; otherwise the time of the last change of the
  // interval (the first use of the final interval; nothing confirms it is final).
  const times: number[] = [];
  if (sampler.hasStableFlag) {
    for (const t of sampler.stableSinceS) if (!Number.isNaN(t)) times.push(t);
    const n = sampler.stableSinceS.length;
    out.stableAtEndPct = n > 0 ? (100 * times.length) / n : Number.NaN;
  } else {
    for (let k = 0; k < sampler.lastChangeS.length; k++) {
      if (!Number.isNaN(sampler.lastValue[k])) times.push(sampler.lastChangeS[k]);
    }
  }
  times.sort((a, b) => a - b);
  out.timeToStableS = quantileSorted(times, 0.5);
  return out;
}

/** Per-phone-day figures of each phone group (phones stay in their group). */
function groupBreakdown(
  w: World,
  days: number,
  energyPerDay: Float64Array,
  baselinePerDay: Float64Array,
  batteryPct: Float64Array,
): GroupResult[] {
  const m = w.metrics;
  const out = w.groups.map((g) => ({ name: g.name, phones: 0, sums: new Float64Array(6) }));
  for (let p = 0; p < w.phones; p++) {
    const row = out[w.groupIdx(p)];
    row.phones++;
    row.sums[0] += m.lossesPerPhone[p];
    row.sums[1] += m.heartbeatsPerPhone[p];
    row.sums[2] += w.radio.promotions[p];
    row.sums[3] += energyPerDay[p];
    row.sums[4] += energyPerDay[p] + baselinePerDay[p];
    row.sums[5] += batteryPct[p];
  }
  // Heartbeats are broken down only when every one was attributed to its phone.
  const heartbeatsKnown = m.heartbeatsAttributed === m.heartbeats;
  const batteryOf = out.map((g) => new Float64Array(g.phones));
  const filled = new Int32Array(out.length);
  for (let p = 0; p < w.phones; p++) {
    const gi = w.groupIdx(p);
    batteryOf[gi][filled[gi]++] = batteryPct[p];
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
