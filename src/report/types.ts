/**
 * Input and output shapes of the report layer. The input is the raw outcome of an
 * experiment (every run of every strategy and replication); the output types describe
 * summary.json. Numbers that are undefined (no data) are NaN in memory and null in JSON.
 */
import type { AcrossPhones, RunResult } from '../model/runResult.js';

/** The scenario as the report needs it; `echo` is the resolved scenario for the HTML echo. */
export interface ScenarioBlock {
  name: string;
  description: string;
  hash: string;
  seed: number;
  durationS: number;
  warmupS: number;
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
  meta: ExperimentMeta;
}

/** Mean and 95% Student-t confidence interval over replications. n = 1 gives ci95 = [mean, mean]. */
export interface Estimate {
  mean: number;
  ci95: [number, number];
  /** Replications with a finite value. */
  n: number;
}

/** Paired difference strategy − baseline over common replications (common random numbers). */
export interface PairedEstimate {
  meanDiff: number;
  ci95: [number, number];
  /** Pairs with finite values on both sides. */
  n: number;
  /** meanDiff divided by the baseline's mean over the same replications (NaN if that is 0). */
  relDiff: number;
}

/** Push latency of every delivered message of every replication, pooled into one histogram. */
export interface PooledLatency {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Percent of delivered messages delivered within 1 s, 10 s, 60 s. */
  within1sPct: number;
  within10sPct: number;
  within60sPct: number;
}

export interface CarrierSummary {
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
    replications: number;
    phones: number;
    baseline: string;
  };
  strategies: StrategySummary[];
}
