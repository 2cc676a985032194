import { ExactSum } from '../engine/stats/exactSum.js';
import { LogHistogram } from '../engine/stats/logHistogram.js';
import { TimeSeries } from '../engine/stats/timeSeries.js';
import { CAUSE_NAMES } from './causes.js';

/**
 * The raw accumulators of one run. Everything is counted only inside the measured window
 * [warmup, duration): the per-second and per-bucket series and the histogram apply the
 * cut themselves, the plain counters check `measured(t)`.
 */
export class RunMetrics {
  readonly warmup: number;
  readonly duration: number;
  heartbeats = 0;
  failedHeartbeats = 0;
  connectAttempts = 0;
  connectFailures = 0;
  readonly losses = new Float64Array(CAUSE_NAMES.length);
  readonly lossesPerPhone: Float64Array;
  /** Heartbeats per phone (for the per-group breakdown); heartbeatsAttributed counts those with a phone. */
  readonly heartbeatsPerPhone: Float64Array;
  heartbeatsAttributed = 0;
  /** Promotions and signaling messages per carrier (the carrier the phone was on). */
  readonly promotionsPerCarrier: Float64Array;
  readonly latency: LogHistogram;
  /** Message fates, for messages that arrived inside the measured window. */
  pushArrived = 0;
  pushDelivered = 0;
  pushExpired = 0;
  /** Message fates over the whole run (the conservation invariant). */
  allArrived = 0;
  allDelivered = 0;
  allExpired = 0;
  pushWithin1 = 0;
  pushWithin10 = 0;
  pushWithin60 = 0;
  smsSent = 0;
  polls = 0;
  /** Exact (order-free), so partitions add up to the same double. */
  readonly zombieSeconds = new ExactSum();
  /** Per-second series (peaks) and per-bucket series (charts). */
  readonly signalingPerS: TimeSeries[];
  readonly handshakesPerS: TimeSeries;
  readonly heartbeatsPerS: TimeSeries;
  readonly signaling: TimeSeries;
  readonly promotions: TimeSeries;
  readonly handshakes: TimeSeries;
  readonly heartbeatSeries: TimeSeries;
  readonly reconnects: TimeSeries;
  readonly failedHeartbeatSeries: TimeSeries;
  readonly delivered: TimeSeries;
  /** +1/−1 per second at session open/close; the prefix sum is the open-session count. */
  readonly sessionDelta: Float64Array;

  constructor(
    duration: number,
    warmup: number,
    bucketS: number,
    carriers: number,
    phones: number,
    appNames = 1,
  ) {
    this.appArrived = new Float64Array(appNames);
    this.appDelivered = new Float64Array(appNames);
    this.appLatency = Array.from({ length: appNames }, () => new LogHistogram({ warmup }));
    this.warmup = warmup;
    this.duration = duration;
    const perS = { bucketS: 1, warmup };
    const perBucket = { bucketS, warmup };
    this.signalingPerS = Array.from({ length: carriers }, () => new TimeSeries(duration, perS));
    this.handshakesPerS = new TimeSeries(duration, perS);
    this.heartbeatsPerS = new TimeSeries(duration, perS);
    this.signaling = new TimeSeries(duration, perBucket);
    this.promotions = new TimeSeries(duration, perBucket);
    this.handshakes = new TimeSeries(duration, perBucket);
    this.heartbeatSeries = new TimeSeries(duration, perBucket);
    this.reconnects = new TimeSeries(duration, perBucket);
    this.failedHeartbeatSeries = new TimeSeries(duration, perBucket);
    this.delivered = new TimeSeries(duration, perBucket);
    this.latency = new LogHistogram({ warmup });
    this.lossesPerPhone = new Float64Array(phones);
    this.heartbeatsPerPhone = new Float64Array(phones);
    this.promotionsPerCarrier = new Float64Array(carriers);
    this.sessionDelta = new Float64Array(Math.ceil(duration) + 2);
  }

  measured(t: number): boolean {
    return t >= this.warmup && t < this.duration;
  }

  promotion(t: number, carrier: number, signaling: number): void {
    if (!this.measured(t)) return;
    this.promotions.add(t);
    this.promotionsPerCarrier[carrier]++;
    if (signaling > 0) {
      this.signaling.add(t, signaling);
      this.signalingPerS[carrier].add(t, signaling);
    }
  }

  /** Extra carrier signaling not tied to a promotion (SMS wake-ups). */
  extraSignaling(t: number, carrier: number, messages: number): void {
    if (!this.measured(t)) return;
    this.signaling.add(t, messages);
    this.signalingPerS[carrier].add(t, messages);
  }

  handshake(t: number): void {
    if (!this.measured(t)) return;
    this.handshakes.add(t);
    this.handshakesPerS.add(t);
  }

  heartbeatAtServer(t: number): void {
    if (!this.measured(t)) return;
    this.heartbeatsPerS.add(t);
  }

  heartbeatSent(t: number, phone?: number): void {
    if (!this.measured(t)) return;
    this.heartbeats++;
    this.heartbeatSeries.add(t);
    if (phone !== undefined) {
      this.heartbeatsPerPhone[phone]++;
      this.heartbeatsAttributed++;
    }
  }

  heartbeatFailed(t: number): void {
    if (!this.measured(t)) return;
    this.failedHeartbeats++;
    this.failedHeartbeatSeries.add(t);
  }

  loss(t: number, phone: number, cause: number): void {
    if (!this.measured(t)) return;
    this.losses[cause]++;
    this.lossesPerPhone[phone]++;
    this.reconnects.add(t);
  }

  /** Per app name (index into the run's app names): arrivals, deliveries and latency. */
  readonly appArrived: Float64Array;
  readonly appDelivered: Float64Array;
  readonly appLatency: LogHistogram[];

  arrived(t: number, app: number): void {
    this.allArrived++;
    if (t < this.warmup) return;
    this.pushArrived++;
    this.appArrived[app]++;
  }

  deliveredMessage(arrival: number, t: number, app: number): void {
    this.allDelivered++;
    if (arrival < this.warmup) return;
    this.pushDelivered++;
    const latency = t - arrival;
    this.latency.observe(arrival, latency);
    this.appDelivered[app]++;
    this.appLatency[app].observe(arrival, latency);
    if (latency <= 1) this.pushWithin1++;
    if (latency <= 10) this.pushWithin10++;
    if (latency <= 60) this.pushWithin60++;
    if (t < this.duration) this.delivered.add(t);
  }

  expiredMessage(arrival: number): void {
    this.allExpired++;
    if (arrival >= this.warmup) this.pushExpired++;
  }

  sessionOpened(t: number): void {
    this.sessionDelta[Math.min(Math.floor(t), this.sessionDelta.length - 1)]++;
  }

  sessionClosed(t: number): void {
    this.sessionDelta[Math.min(Math.floor(t), this.sessionDelta.length - 1)]--;
  }

  /** Seconds of [a, b) inside the measured window (zombie sessions). */
  addZombie(a: number, b: number): void {
    const lo = Math.max(a, this.warmup);
    const hi = Math.min(b, this.duration);
    if (hi > lo) this.zombieSeconds.add(hi - lo);
  }
}
