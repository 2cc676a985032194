/**
 * What the replay logged, and the metrics the simulation reports, computed the same way
 * (src/model/collect.ts): events count when they happen in the measured window
 * [warm-up, duration); rates are per hour of scenario time; latency quantiles are over the
 * pushes that arrived in the window and were delivered.
 */
export type ReplayEvent =
  | { t: number; event: 'connect-attempt' }
  | { t: number; event: 'connect'; conn: number }
  | { t: number; event: 'connect-failed'; reason: string }
  | { t: number; event: 'heartbeat'; interval: number }
  | { t: number; event: 'heartbeat-ack'; interval: number; rttS: number }
  | { t: number; event: 'heartbeat-failed'; interval: number; reason: string }
  | { t: number; event: 'connection-lost'; cause: string; livedS: number; nextAttemptS: number }
  | { t: number; event: 'push-published'; id: number }
  | { t: number; event: 'push-delivered'; id: number; latencyS: number };

export interface ReplayMetrics {
  hours: number;
  reconnectsPerHour: number;
  heartbeatsPerHour: number;
  failedHeartbeatsPerHour: number;
  connectFailuresPerHour: number;
  pushArrived: number;
  pushDelivered: number;
  pushLatencyP50S: number;
  pushLatencyP95S: number;
  pushLatencyP99S: number;
}

/** Nearest-rank quantile of sorted values (NaN when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[k];
}

export function replayMetrics(
  events: readonly ReplayEvent[],
  warmupS: number,
  durationS: number,
): ReplayMetrics {
  const inWindow = (t: number) => t >= warmupS && t < durationS;
  const hours = (durationS - warmupS) / 3600;
  const count = (name: ReplayEvent['event']) =>
    events.filter((e) => e.event === name && inWindow(e.t)).length;
  const published = new Map<number, number>();
  for (const e of events) if (e.event === 'push-published') published.set(e.id, e.t);
  const latencies: number[] = [];
  for (const e of events) {
    if (e.event !== 'push-delivered') continue;
    const at = published.get(e.id);
    if (at !== undefined && inWindow(at)) latencies.push(e.latencyS);
  }
  latencies.sort((a, b) => a - b);
  return {
    hours,
    reconnectsPerHour: count('connection-lost') / hours,
    heartbeatsPerHour: count('heartbeat') / hours,
    failedHeartbeatsPerHour: count('heartbeat-failed') / hours,
    connectFailuresPerHour: count('connect-failed') / hours,
    pushArrived: [...published.values()].filter(inWindow).length,
    pushDelivered: latencies.length,
    pushLatencyP50S: quantile(latencies, 0.5),
    pushLatencyP95S: quantile(latencies, 0.95),
    pushLatencyP99S: quantile(latencies, 0.99),
  };
}

/**
 * The same metrics from the simulation's trace of the replayed phone (replication 0): the
 * simulated twin of the real run, with the same push arrivals and start time.
 */
export function traceMetrics(
  trace: readonly { t: number; event: string; [k: string]: unknown }[],
  warmupS: number,
  durationS: number,
): ReplayMetrics {
  const inWindow = (t: number) => t >= warmupS && t < durationS;
  const hours = (durationS - warmupS) / 3600;
  const count = (...names: string[]) =>
    trace.filter((r) => names.includes(r.event) && inWindow(r.t)).length;
  const latencies = trace
    .filter((r) => r.event === 'push-delivered' && typeof r.latency === 'number')
    .filter((r) => inWindow(r.t - (r.latency as number)))
    .map((r) => r.latency as number)
    .sort((a, b) => a - b);
  return {
    hours,
    reconnectsPerHour: count('connection-lost') / hours,
    heartbeatsPerHour: count('heartbeat-ack', 'heartbeat-lost') / hours,
    failedHeartbeatsPerHour: count('heartbeat-lost') / hours,
    connectFailuresPerHour: count('connect-failed') / hours,
    pushArrived: count('push-arrived'),
    pushDelivered: latencies.length,
    pushLatencyP50S: quantile(latencies, 0.5),
    pushLatencyP95S: quantile(latencies, 0.95),
    pushLatencyP99S: quantile(latencies, 0.99),
  };
}
