import type { Estimate } from '../report/types.js';
import type { ReplayMetrics } from './replayMetrics.js';
import type { SimFigures } from './simCompare.js';

type MetricKey = keyof Omit<ReplayMetrics, 'hours'>;

const ROWS: { key: MetricKey; label: string; digits: number }[] = [
  { key: 'reconnectsPerHour', label: 'reconnects / hour', digits: 2 },
  { key: 'heartbeatsPerHour', label: 'heartbeats / hour', digits: 2 },
  { key: 'failedHeartbeatsPerHour', label: 'failed heartbeats / hour', digits: 2 },
  { key: 'connectFailuresPerHour', label: 'failed connects / hour', digits: 2 },
  { key: 'pushArrived', label: 'pushes arrived', digits: 2 },
  { key: 'pushDelivered', label: 'pushes delivered', digits: 2 },
  { key: 'pushLatencyP50S', label: 'push latency p50 (s)', digits: 2 },
  { key: 'pushLatencyP95S', label: 'push latency p95 (s)', digits: 2 },
  { key: 'pushLatencyP99S', label: 'push latency p99 (s)', digits: 2 },
];

function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

function ci(e: Estimate, digits: number): string {
  return e.n > 1 ? `[${fmt(e.ci95[0], digits)}, ${fmt(e.ci95[1], digits)}]` : '–';
}

/**
 * Real replay and simulation side by side, in scenario time (per hour of scenario time;
 * latencies in scenario seconds): the real phone; the same phone simulated (replication 0:
 * same pushes, same start); and the simulation's per-phone mean over all its phones and
 * replications, with the 95% CI of that mean over replications.
 */
export function replayTable(real: ReplayMetrics, simPhone: ReplayMetrics, sim: SimFigures): string {
  const head = ['metric', 'real', 'sim, same phone', 'sim mean', 'sim 95% CI'];
  const rows = ROWS.map(({ key, label, digits }) => [
    label,
    fmt(real[key], digits),
    fmt(simPhone[key], digits),
    fmt(sim.metrics[key].mean, digits),
    ci(sim.metrics[key], digits),
  ]);
  rows.push([
    'reconnects / hour, sim phones p5–p95',
    '',
    '',
    '',
    `[${fmt(sim.reconnectsPerHourPhones.p5, 2)}, ${fmt(sim.reconnectsPerHourPhones.p95, 2)}]`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
