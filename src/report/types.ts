/**
 * Input and output shapes of the report layer. The input is the raw outcome of an
 * experiment (every run of every strategy and replication); the output types describe
 * summary.json. Numbers that are undefined (no data) are NaN in memory and null in JSON.
 */
import type { AcrossPhones, RunResult, RunSeries } from '../model/runResult.js';

/** The scenario as the report needs it; `echo` is the resolved scenario for the HTML echo. */
export interface ScenarioBlock {
  name: string;
  description: string;
  hash: string;
  seed: number;
  durationS: number;
  warmupS: number;
  /** Steady-state study (warm-up cut) or terminating study (the whole horizon counts). */
  analysis?: Analysis;
  /** How the warm-up cut was chosen (absent in reports of older versions). */
  warmup?: WarmupChoice;
  replications: number;
  phones: number;
  /** Name of the strategy the others are compared with (paired differences). */
  baseline: string;
  /** Strategy names in the order the scenario lists them (the order of every table and chart). */
  strategies: string[];
  echo: unknown;
}

/** Facts about the execution, not the model: they go to meta.json only (never summary.json). */
export interface ExperimentMeta {
  hbsimVersion: string;
  node: string;
  wallS: number;
  events: number;
  jobs: number;
}

export interface ExperimentResult {
  scenario: ScenarioBlock;
  runs: RunResult[];
  /** Series of the warm-up pilot runs (warm-up 0), one per strategy, when the cut was automatic. */
  pilots?: { strategy: string; series: RunSeries }[];
  meta: ExperimentMeta;
}

/** The range a metric's values can take (intervals never leave it). */
export type MetricRange = 'real' | 'nonNegative' | 'percent';

/**
 * How an interval was made: 't' Student-t; 'log-t' / 'logit-t' the t interval on the log
 * or logit scale (used where the plain one would leave the metric's range); 'bootstrap'
 * the expanded percentile bootstrap over replications (pooled quantiles); 'none' no
 * interval (one replication).
 */
export type IntervalMethod = 't' | 'log-t' | 'logit-t' | 'bootstrap' | 'none';

/**
 * Estimate and 95% confidence interval over replications. `mean` is the point estimate:
 * the mean over replications, or for pooled latency quantiles the quantile of all
 * deliveries pooled. One replication gives no interval (ci95 null).
 */
export interface Estimate {
  mean: number;
  ci95: [number, number] | null;
  /** Replications with a finite value. */
  n: number;
  interval: IntervalMethod;
  /** The values did not vary: the interval has width 0 and says nothing about precision. */
  noVariation: boolean;
}

/** Paired difference strategy − baseline over common replications (common random numbers). */
export interface PairedEstimate {
  meanDiff: number;
  /** null with fewer than two pairs. */
  ci95: [number, number] | null;
  /** Pairs with finite values on both sides. */
  n: number;
  /** meanDiff divided by the baseline's mean over the same replications (NaN if that is 0). */
  relDiff: number;
  interval: IntervalMethod;
  /** Every pair differed by the same amount: never read as significant. */
  noVariation: boolean;
}

/** Push latency of every delivered message of every replication, pooled into one histogram. */
export interface PooledLatency {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Percent of delivered messages delivered within 1 s, 10 s, 60 s. */
  within1sPct: number;
  within10sPct: number;
  within60sPct: number;
}

export type Analysis = 'steady-state' | 'terminating';

/**
 * The warm-up cut and where it came from: 'auto' MSER-5 on pilot runs (one per strategy,
 * warm-up 0), 'explicit' the scenario's `warmup`, 'none' a terminating study (or warm-up 0).
 */
export interface WarmupChoice {
  mode: 'auto' | 'explicit' | 'none';
  cutS: number;
  /** Auto only: the MSER-5 truncation of each strategy's pilot, per series, in seconds. */
  pilot?: { strategy: string; series: string; truncationS: number; reliable: boolean }[];
  /** Auto only: false when some pilot series showed no steady state in its first half. */
  reliable?: boolean;
  /** Auto only: the longest warm-up the pilots could choose (the scenario's `warmupLimit`). */
  limitS?: number;
}

/** Per phone group: per-phone-day metrics of its phones. */
export interface GroupSummary {
  phones: number;
  metrics: Record<string, Estimate>;
  /** Battery drain (%/day) across the group's phones, each quantile averaged over replications. */
  batteryPctPerDay?: AcrossPhones;
}

export interface CarrierSummary {
  /** Measured phone-days spent on the carrier (per run). */
  phoneDays: Estimate;
  /** Signaling messages and promotions per phone-day of the carrier's phone time. */
  signalingPerPhoneDay: Estimate;
  promotionsPerPhoneDay: Estimate;
  signalingTotal: Estimate;
  signalingPeakPerS: Estimate;
  signalingPeakPerMin: Estimate;
}

export interface StrategySummary {
  name: string;
  isBaseline: boolean;
  /** Replication numbers that went into the estimates. */
  replications: number[];
  metrics: Record<string, Estimate>;
  vsBaseline: Record<string, PairedEstimate>;
  /** Reconnects per phone per day by cause. */
  reconnectCauses: Record<string, Estimate>;
  carriers: Record<string, CarrierSummary>;
  /** Per phone group: per-phone-day metrics. */
  groups: Record<string, GroupSummary>;
  /** Distribution across phones, each quantile averaged over replications. */
  perPhone: Record<string, AcrossPhones>;
  pushLatencyPooled: PooledLatency | null;
  /** Push delivery per app name: arrivals and deliveries per run, latency pooled. */
  perApp: Record<string, AppSummary>;
}

export interface AppSummary {
  arrived: Estimate;
  delivered: Estimate;
  latency: PooledLatency | null;
}

export interface Summary {
  schema: 'hbsim.summary/1';
  scenario: {
    name: string;
    description: string;
    hash: string;
    seed: number;
    durationS: number;
    warmupS: number;
    analysis: Analysis;
    warmup: WarmupChoice;
    replications: number;
    phones: number;
    baseline: string;
  };
  strategies: StrategySummary[];
}
