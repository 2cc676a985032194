import { totalmem } from 'node:os';
import type { PhoneGroupConfig } from '../model/config.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * What an experiment will cost, from the resolved scenario alone, before any work: so a
 * mistyped `replications=1e9` or `bucket: 1ms` is refused in a second with a reason instead
 * of dying of heap exhaustion an hour later. The figures are upper-side estimates; the
 * constants were measured on the default scenario (about 300–800 engine events per phone
 * per simulated day per strategy, about 1.2 KB of heap per phone, a worker's heap ~40 MB).
 */
export interface CostEstimate {
  /** Units (point × strategy × replication) to run. */
  units: number;
  /** Runs (strategies × replications × points): units, less the population partitions. */
  runs: number;
  /** Phones and connections of the largest point. */
  phones: number;
  connections: number;
  /** Simulated days per run. */
  days: number;
  /** Engine events over all units. */
  events: number;
  /** Bytes one running unit needs (world state, event queue, series, histograms). */
  unitBytes: number;
  /** Bytes of one finished unit's result (kept until the report is written). */
  resultBytes: number;
  /** Bytes of all finished units' results together. */
  resultsBytes: number;
  /** Peak bytes of the whole run with `concurrency` units running at once. */
  peakBytes: number;
  concurrency: number;
}

/** Engine events per connection per simulated day from heartbeats, acks and timers. */
const EVENTS_PER_CONNECTION_DAY = 800;
const BYTES_PER_PHONE = 2048;
const BYTES_PER_CONNECTION = 1024;
/** A NAT box's lists and counters (nat.ts: several Int32Array entries per box). */
const BYTES_PER_NAT_BOX = 64;
/** Per-bucket series a run keeps (signaling, promotions, handshakes, …, per carrier). */
const SERIES_PER_RUN = 12;
const RESULT_BASE_BYTES = 64 * 1024;
const WORKER_BASE_BYTES = 40 * 1024 ** 2;
const PROCESS_BASE_BYTES = 150 * 1024 ** 2;
/** Per phone of a partitioned run: 5 per-phone arrays in its partials, and their merge. */
const MERGE_BYTES_PER_PHONE = 128;
/** Engine events per second on one core (measured: 0.5–0.6 M on the default scenario). */
export const EVENTS_PER_CORE_S = 5e5;

function connectionsPerPhone(g: PhoneGroupConfig): number {
  return g.architecture === 'per-app' ? Math.max(1, g.apps.length) : 1;
}

/** Extra events per phone per day from pushes, background use, moves, outages and polls. */
function trafficEventsPerPhoneDay(g: PhoneGroupConfig): number {
  const pushes = g.apps.reduce((s, a) => s + (a.pushRatePerHour ?? 0) * 24, 0);
  const background = (g.background?.ratePerHour ?? 0) * 24;
  const moves = g.networks.reduce(
    (s, n) => s + (n.meanDwellS && n.meanDwellS > 0 ? 86_400 / n.meanDwellS : 0),
    0,
  );
  const outages = g.outages?.ratePerDay ?? 0;
  const polls = g.polling ? 86_400 / Math.max(1, g.polling.intervalS) : 0;
  return 4 * pushes + 2 * background + 6 * moves + 4 * outages + 3 * polls;
}

/** A point's cost; with `parts` population partitions a unit holds 1/parts of the phones. */
function pointCost(sc: Scenario, parts = 1) {
  let phones = 0;
  let connections = 0;
  let perDay = 0;
  for (const g of sc.groups) {
    const c = g.count * connectionsPerPhone(g);
    phones += g.count;
    connections += c;
    perDay += c * EVENTS_PER_CONNECTION_DAY + g.count * trafficEventsPerPhoneDay(g);
  }
  // A run simulates its warm-up before the measured window; an automatic one is not known
  // yet, so its limit stands in (an upper bound).
  const horizonS = sc.durationS + (sc.warmupMode === 'auto' ? sc.warmupLimitS : sc.warmupS);
  const days = horizonS / 86_400;
  const buckets = Math.ceil(horizonS / Math.max(sc.bucketS, 1e-9));
  const seriesBytes = buckets * SERIES_PER_RUN * 8 * Math.max(1, sc.carriers.length);
  const runs = sc.strategies.length * sc.replications;
  const units = runs * parts;
  const natBytes = sc.carriers.reduce((s, c) => s + (c.nat?.boxes ?? 1) * BYTES_PER_NAT_BOX, 0);
  return {
    phones,
    connections,
    days,
    units,
    events: perDay * days * runs,
    unitBytes:
      (phones * BYTES_PER_PHONE + connections * BYTES_PER_CONNECTION) / parts +
      seriesBytes +
      natBytes,
    // A partition's result holds its phones' per-phone arrays until the run is merged, and
    // the merge builds the whole run's (MERGE_BYTES_PER_PHONE covers both).
    resultBytes:
      RESULT_BASE_BYTES +
      2 * seriesBytes +
      (parts > 1 ? (phones / parts) * MERGE_BYTES_PER_PHONE : 0),
    runs,
  };
}

/** The cost of running the point scenarios `points` on `jobs` workers (0: in this thread). */
export function estimateCost(
  points: readonly Scenario[],
  jobs: number,
  partitions: readonly number[] = [],
): CostEstimate {
  let units = 0;
  let runs = 0;
  let events = 0;
  let unitBytes = 0;
  let resultsBytes = 0;
  let resultBytes = 0;
  let phones = 0;
  let connections = 0;
  let days = 0;
  for (const sc of points) {
    const c = pointCost(sc, partitions[points.indexOf(sc)] ?? 1);
    units += c.units;
    runs += c.runs;
    events += c.events;
    unitBytes = Math.max(unitBytes, c.unitBytes);
    resultBytes = Math.max(resultBytes, c.resultBytes);
    resultsBytes += c.units * c.resultBytes;
    phones = Math.max(phones, c.phones);
    connections = Math.max(connections, c.connections);
    days = Math.max(days, c.days);
  }
  const concurrency = Math.max(1, Math.min(jobs, units));
  const perRunning = unitBytes + (jobs > 0 ? WORKER_BASE_BYTES : 0);
  const peakBytes = PROCESS_BASE_BYTES + concurrency * perRunning + resultsBytes;
  return {
    units,
    runs,
    phones,
    connections,
    days,
    events,
    unitBytes,
    resultBytes,
    resultsBytes,
    peakBytes,
    concurrency,
  };
}

/** The default memory budget: half of this machine's RAM. */
export function defaultMemoryBudget(): number {
  return Math.floor(totalmem() / 2);
}

/** Beyond this many events (~11 core-hours; the default scenario is ~1e8) a run is refused without --force. */
export const MAX_EVENTS = 2e10;

export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return 'unbounded';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let v = b;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toPrecision(2)} ${units[i]}`;
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  if (n < 1e4) return String(Math.round(n));
  const [m, e] = n.toExponential(1).split('e');
  return `${m}e${Number(e)}`;
}

/** Estimated wall time on `cores` cores, in seconds. */
export function estimatedWallS(est: CostEstimate, cores: number): number {
  return est.events / (EVENTS_PER_CORE_S * Math.max(1, cores));
}

/** One line for the progress header. */
export function describeEstimate(est: CostEstimate, cores: number): string {
  const wall = estimatedWallS(est, cores);
  const t =
    wall < 120
      ? `${Math.ceil(wall)} s`
      : wall < 7200
        ? `${Math.ceil(wall / 60)} min`
        : `${(wall / 3600).toFixed(1)} h`;
  return `estimate: ${est.units} units, ~${formatCount(est.events)} events, ~${formatBytes(est.peakBytes)} peak memory, ~${t}`;
}

/** Why the estimate is over budget, or undefined. */
export function overBudget(est: CostEstimate, maxBytes: number): string | undefined {
  if (!(est.peakBytes <= maxBytes)) {
    return `it would need about ${formatBytes(est.peakBytes)} of memory (${est.units} units; ${formatBytes(est.unitBytes)} per running unit, ${formatBytes(est.resultBytes)} per finished one), over the budget of ${formatBytes(maxBytes)} (--max-memory)`;
  }
  if (!(est.events <= MAX_EVENTS)) {
    return `it would simulate about ${formatCount(est.events)} events (${formatCount(est.phones)} phones × ${formatCount(est.days)} days × ${est.runs} runs), more than ${formatCount(MAX_EVENTS)}`;
  }
  return undefined;
}
