/**
 * The raw outcome of one run (one strategy × one replication): what the report layer
 * aggregates. Plain data so it crosses worker threads and can be checkpointed as JSON.
 */

/** Distribution of a per-phone figure across phones. */
export interface AcrossPhones {
  mean: number;
  min: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
}

/** Per-bucket counts over simulated time (bucket width `bucketS`), warm-up included, marked by `warmupS`. */
export interface RunSeries {
  bucketS: number;
  signaling: number[];
  promotions: number[];
  handshakes: number[];
  heartbeats: number[];
  reconnects: number[];
  /** Heartbeats that got no answer (the learners' probes that failed). */
  failedHeartbeats: number[];
  pushDelivered: number[];
  /** Server sessions open at the end of each bucket. */
  sessions: number[];
}

/** The interval adaptive strategies use over time, across sampled phones. */
export interface IntervalTrace {
  timesS: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  /** Median NAT idle timeout of the sampled phones' current networks (the truth to learn). */
  natTimeoutP50: number[];
  /** The same per phone group (when there are several), with how many sampled phones it has. */
  groups?: IntervalBand[];
}

/** One phone group's interval band and the median NAT timeout its sampled phones face. */
export interface IntervalBand {
  name: string;
  phones: number;
  p10: number[];
  p50: number[];
  p90: number[];
  natTimeoutP50: number[];
}

export interface GroupResult {
  name: string;
  phones: number;
  metrics: Record<string, number>;
  /** Battery drain (%/day) across the group's phones (a population can be two-moded). */
  batteryPctPerDay?: AcrossPhones;
}

export interface RunResult {
  scenarioName: string;
  strategy: string;
  replication: number;
  seed: number;
  phones: number;
  durationS: number;
  warmupS: number;
  /** Metric name → value; names as in docs/model.md §8, per phone per simulated day unless named otherwise. */
  metrics: Record<string, number>;
  /** Reconnects per phone per day by cause. */
  reconnectCauses: Record<string, number>;
  /**
   * Per carrier: its phone-days (measured time phones spent on it), signaling messages and
   * promotions per phone-day of that time, the total, and peaks per second and minute.
   */
  carriers: {
    name: string;
    phoneDays?: number;
    signalingPerPhoneDay?: number;
    promotionsPerPhoneDay?: number;
    signalingTotal: number;
    signalingPeakPerS: number;
    signalingPeakPerMin: number;
  }[];
  /** Per phone group: per-phone-day metrics of its phones (names as in `metrics`). */
  groups?: GroupResult[];
  perPhone: {
    energyJPerDay: AcrossPhones;
    batteryPctPerDay: AcrossPhones;
    reconnectsPerDay: AcrossPhones;
  };
  /** Push delivery per app name (measured window): arrivals, deliveries, latency histogram. */
  apps?: { name: string; arrived: number; delivered: number; latency: unknown }[];
  /** Push latency histogram (LogHistogram JSON) for CDFs and pooled quantiles. */
  latency: unknown;
  series: RunSeries;
  intervals?: IntervalTrace;
  /** Events fired by the engine (for meta.json's events/s; not a model metric). */
  events: number;
}
