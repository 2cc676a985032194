/**
 * Test data only: realistic fake experiments (strategies × replications of RunResult with
 * metrics, series, latency histograms, interval traces). Replications share a "world"
 * effect across strategies, as common random numbers do, so paired differences are tight.
 */
import { LogHistogram } from '../../src/engine/stats/index.js';
import type { AcrossPhones, IntervalTrace, RunResult } from '../../src/model/runResult.js';
import type { ExperimentResult } from '../../src/report/types.js';

/** mulberry32: small deterministic PRNG for fixtures. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

interface StrategyProfile {
  name: string;
  reconnects: number;
  heartbeats: number;
  failed: number;
  energyJ: number;
  /** Share of pushes that fall into a dead mapping and wait for the next reconnect. */
  lateShare: number;
  adaptive: boolean;
}

export const PROFILES: StrategyProfile[] = [
  {
    name: 'fixed-270',
    reconnects: 2.0,
    heartbeats: 320,
    failed: 1.5,
    energyJ: 900,
    lateShare: 0.04,
    adaptive: false,
  },
  {
    name: 'smart',
    reconnects: 0.8,
    heartbeats: 180,
    failed: 4.0,
    energyJ: 560,
    lateShare: 0.08,
    adaptive: true,
  },
  {
    name: 'aimd',
    reconnects: 1.1,
    heartbeats: 220,
    failed: 3.0,
    energyJ: 640,
    lateShare: 0.06,
    adaptive: true,
  },
];

export interface FixtureOptions {
  strategies?: number;
  replications?: number;
  durationS?: number;
  bucketS?: number;
  phones?: number;
  seed?: number;
  name?: string;
}

function acrossPhones(mean: number, spread: number): AcrossPhones {
  return {
    mean,
    min: mean * (1 - 2.5 * spread),
    p5: mean * (1 - 1.6 * spread),
    p25: mean * (1 - 0.6 * spread),
    p50: mean * (1 - 0.1 * spread),
    p75: mean * (1 + 0.6 * spread),
    p95: mean * (1 + 1.9 * spread),
    max: mean * (1 + 3.5 * spread),
  };
}

function intervalTrace(
  durationS: number,
  profile: StrategyProfile,
  rand: () => number,
): IntervalTrace {
  const timesS: number[] = [];
  const p10: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  const nat: number[] = [];
  for (let t = 0; t < durationS; t += 300) {
    const natTimeout = t < durationS / 2 ? 300 : 240; // busy hours shorten the NAT timeout
    const target = 0.9 * natTimeout;
    const learn = 1 - Math.exp(-t / (profile.name === 'smart' ? 3000 : 6000));
    const wobble = profile.name === 'aimd' ? 25 * Math.sin(t / 1500) : 5 * normal(rand);
    const median = 60 + (target - 60) * learn + wobble;
    timesS.push(t);
    p50.push(median);
    p10.push(median * 0.75);
    p90.push(median * 1.2);
    nat.push(natTimeout);
  }
  return { timesS, p10, p50, p90, natTimeoutP50: nat };
}

function latencyJson(rand: () => number, lateShare: number, n: number): unknown {
  const h = new LogHistogram();
  for (let i = 0; i < n; i++) {
    const x =
      rand() < lateShare
        ? 5 + rand() * 600 // waited for the next reconnect
        : Math.exp(Math.log(0.12) + 0.5 * normal(rand)); // live connection: one-way latency
    h.observe(0, x);
  }
  return h.toJSON();
}

function makeRun(
  profile: StrategyProfile,
  replication: number,
  world: number,
  o: Required<FixtureOptions>,
): RunResult {
  const rand = prng(o.seed * 1000 + replication * 37 + profile.name.length * 101);
  const jitter = () => 1 + 0.02 * normal(rand);
  const days = o.durationS / 86400;
  const reconnects = profile.reconnects * world * jitter();
  const heartbeats = profile.heartbeats * world * jitter();
  const promotions = heartbeats * 1.05 + reconnects * 3;
  const signaling = promotions * 15;
  const energy = profile.energyJ * world * jitter();
  const battery = (energy / (3000 * 3.85 * 3.6)) * 100;
  // Push arrivals are exogenous: identical for every strategy of a replication (CRN).
  const arrived = 48 * (1 + 0.05 * Math.sin(replication));
  const expired = arrived * profile.lateShare * 0.05;
  const pending = arrived * 0.002;
  const buckets = Math.ceil(o.durationS / o.bucketS);
  const perBucketSignaling = (signaling * o.phones * days) / buckets;
  const series = {
    bucketS: o.bucketS,
    signaling: [] as number[],
    promotions: [] as number[],
    handshakes: [] as number[],
    heartbeats: [] as number[],
    reconnects: [] as number[],
    failedHeartbeats: [] as number[],
    pushDelivered: [] as number[],
    sessions: [] as number[],
  };
  for (let i = 0; i < buckets; i++) {
    const diurnal = 1 + 0.4 * Math.sin((2 * Math.PI * i * o.bucketS) / 86400);
    const s = Math.max(0, Math.round(perBucketSignaling * diurnal * (1 + 0.15 * normal(rand))));
    series.signaling.push(s);
    series.promotions.push(Math.round(s / 15));
    series.handshakes.push(Math.round((reconnects * o.phones * days) / buckets + rand()));
    series.heartbeats.push(Math.round((heartbeats * o.phones * days) / buckets));
    series.reconnects.push(Math.round((reconnects * o.phones * days) / buckets + rand() * 0.5));
    series.failedHeartbeats.push(Math.round((profile.failed * o.phones * days) / buckets));
    series.pushDelivered.push(Math.round((arrived * o.phones * days) / buckets));
    series.sessions.push(Math.round(o.phones * (0.97 + 0.02 * rand())));
  }
  const latency = latencyJson(rand, profile.lateShare, 1500);
  const lh = LogHistogram.fromJSON(latency as never);
  const metrics: Record<string, number> = {
    reconnectsPerPhoneDay: reconnects,
    heartbeatsPerPhoneDay: heartbeats,
    failedHeartbeatsPerPhoneDay: profile.failed * world * jitter(),
    promotionsPerPhoneDay: promotions,
    signalingPerPhoneDay: signaling,
    signalingPeakPerS: 40 * world * jitter(),
    energyJPerPhoneDay: energy,
    batteryPctPerDay: battery,
    pushArrived: arrived,
    pushDelivered: arrived - expired - pending,
    pushExpired: expired,
    pushPending: pending,
    pushLatencyP50S: lh.quantile(0.5),
    pushLatencyP95S: lh.quantile(0.95),
    pushLatencyP99S: lh.quantile(0.99),
    pushLatencyMaxS: lh.max,
    serverHandshakesPeakPerS: 3 * world * jitter(),
    serverHeartbeatsPerSMean: (heartbeats * o.phones) / 86400,
    zombieSessionSecondsSumPerPhoneDay: 400 * reconnects * jitter(),
  };
  if (profile.adaptive)
    metrics.learnedIntervalS = (profile.name === 'smart' ? 250 : 230) * jitter();
  return {
    scenarioName: o.name,
    strategy: profile.name,
    replication,
    seed: o.seed,
    phones: o.phones,
    durationS: o.durationS,
    warmupS: 600,
    metrics,
    reconnectCauses: {
      natEviction: reconnects * 0.5,
      networkChange: reconnects * 0.4,
      serverTimeout: reconnects * 0.1,
    },
    carriers: [
      {
        name: 'lte-a',
        signalingTotal: signaling * 1.1,
        signalingPeakPerS: 30 * world,
        signalingPeakPerMin: 900 * world,
      },
      { name: 'wifi-home', signalingTotal: 0, signalingPeakPerS: 0, signalingPeakPerMin: 0 },
    ],
    perPhone: {
      energyJPerDay: acrossPhones(energy, 0.2),
      batteryPctPerDay: acrossPhones(battery, 0.2),
      reconnectsPerDay: acrossPhones(reconnects, 0.5),
    },
    latency,
    series,
    intervals: profile.adaptive ? intervalTrace(o.durationS, profile, rand) : undefined,
    events: Math.round(o.phones * heartbeats * days * 6),
  };
}

/** A complete fake experiment: strategies × replications with a shared world per replication. */
export function makeExperiment(options: FixtureOptions = {}): ExperimentResult {
  const o: Required<FixtureOptions> = {
    strategies: 3,
    replications: 3,
    durationS: 6 * 3600,
    bucketS: 60,
    phones: 200,
    seed: 42,
    name: 'fixture-commute',
    ...options,
  };
  const profiles = PROFILES.slice(0, o.strategies);
  const worldRand = prng(o.seed);
  const worlds = Array.from({ length: o.replications }, () => 1 + 0.15 * normal(worldRand));
  const runs: RunResult[] = [];
  for (const p of profiles) {
    for (let r = 0; r < o.replications; r++) runs.push(makeRun(p, r, worlds[r], o));
  }
  return {
    scenario: {
      name: o.name,
      description:
        'Commuters on LTE and home Wi-Fi; does an adaptive heartbeat beat a fixed 270 s one?',
      hash: 'sha256:0123456789abcdef',
      seed: o.seed,
      durationS: o.durationS,
      warmupS: 600,
      replications: o.replications,
      phones: o.phones,
      baseline: profiles[0].name,
      strategies: profiles.map((p) => p.name),
      echo: {
        name: o.name,
        seed: o.seed,
        duration: '6h',
        strategies: profiles.map((p) => ({ name: p.name })),
      },
    },
    runs,
    meta: { hbsimVersion: '0.1.0', node: process.version, wallS: 12.5, events: 4_200_000, jobs: 2 },
  };
}
