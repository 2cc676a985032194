import { CAUSE_NAMES } from './causes.js';
import { type IntervalSampler, quantileSorted } from './intervalSampler.js';
import type { AcrossPhones, RunResult } from './runResult.js';
import type { World } from './world.js';

const DAY = 86_400;

/** Turns the accumulators of a finished run into its RunResult (metric names of docs/model.md §8). */
export function collectResult(w: World, sampler: IntervalSampler): RunResult {
  const m = w.metrics;
  const cfg = w.config;
  const days = (w.duration - cfg.warmupS) / DAY;
  const phoneDays = Math.max(w.phones * days, Number.MIN_VALUE);
  const perPhoneDay = (x: number) => x / phoneDays;

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
  for (let p = 0; p < w.phones; p++) {
    const b = w.groupOf(p).battery;
    const capacityJ = b.capacityMah * 3.6 * b.voltageV;
    const e = w.radio.excessJ[p] / days;
    energyPerDay[p] = e;
    energySum += e;
    batteryPct[p] = (100 * e) / capacityJ;
    const totalPerDay = e + w.radio.baseline(p) / days;
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
    mAhPerPhoneDay: energySum / Math.max(1, w.phones) / (3.6 * meanVoltage),
    batteryPctPerDay: meanBatteryPct,
    standbyHours: mean(standbyH),
    pushArrived: m.pushArrived,
    pushDelivered: m.pushDelivered,
    pushExpired: m.pushExpired,
    pushPending: pending,
    pushLatencyP50S: m.latency.count > 0 ? m.latency.quantile(0.5) : Number.NaN,
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
    zombieSessionSecondsPerPhoneDay: perPhoneDay(m.zombieSeconds),
  };
  Object.assign(metrics, adaptiveMetrics(w, sampler));

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
      signalingTotal: m.signalingPerS[i].total(),
      signalingPeakPerS: orZero(m.signalingPerS[i].maxBucket()),
      signalingPeakPerMin: orZero(m.signalingPerS[i].rebucket(60).maxBucket()),
    })),
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
  // Time to converge: the last sample time at which the median sampled interval changed.
  const { timesS, p50 } = sampler.trace;
  let converged = 0;
  for (let i = 1; i < p50.length; i++) {
    const same = p50[i] === p50[i - 1] || (Number.isNaN(p50[i]) && Number.isNaN(p50[i - 1]));
    if (!same) converged = timesS[i];
  }
  out.convergeTimeS = converged;
  return out;
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
