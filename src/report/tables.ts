/**
 * Tables as plain cells, built once and rendered both to Markdown and to HTML. Rows are
 * "row groups" (a strategy of one report, or of one of several compared reports).
 */
import { FAMILIES, labelWithUnit, metricInfo, sortMetricNames } from './metrics.js';
import { fmtEstimate, fmtNumber, fmtPaired, MISSING } from './format.js';
import type { StrategySummary, Summary } from './types.js';

export interface Table {
  id: string;
  title: string;
  headers: string[];
  rows: string[][];
  note?: string;
}

/** One table row source: leading label cells (e.g. input, strategy) and the strategy's data. */
export interface RowSource {
  labels: string[];
  strategy: StrategySummary;
}

const PER_PHONE_LABELS: Record<string, string> = {
  energyJPerDay: 'Attributable energy across phones (J/day)',
  batteryPctPerDay: 'Battery drain across phones (%/day)',
  reconnectsPerDay: 'Reconnects across phones (/day)',
};

function strategyLabel(s: StrategySummary): string {
  return s.isBaseline ? `${s.name} (baseline)` : s.name;
}

/** Rows of one report: one per strategy. */
export function reportRows(summary: Summary): RowSource[] {
  return summary.strategies.map((s) => ({ labels: [strategyLabel(s)], strategy: s }));
}

const CI_NOTE =
  'Cells: mean ± half-width of the 95% Student-t confidence interval over replications; (n=1) marks a single replication (no interval).';

/** One table per metric family, metrics as columns. */
export function familyTables(rows: readonly RowSource[], labelHeaders: string[]): Table[] {
  const names = sortMetricNames(rows.flatMap((r) => Object.keys(r.strategy.metrics)));
  const tables: Table[] = [];
  for (const fam of FAMILIES) {
    const metrics = names.filter((n) => metricInfo(n).family === fam.id);
    if (metrics.length === 0) continue;
    tables.push({
      id: `family-${fam.id}`,
      title: fam.title,
      headers: [...labelHeaders, ...metrics.map(labelWithUnit)],
      rows: rows.map((r) => [
        ...r.labels,
        ...metrics.map((m) => fmtEstimate(r.strategy.metrics[m])),
      ]),
      note: CI_NOTE,
    });
  }
  return tables;
}

/** Metrics as rows, non-baseline strategies as columns: paired differences. */
export function vsBaselineTable(summary: Summary): Table | null {
  const others = summary.strategies.filter((s) => !s.isBaseline);
  if (others.length === 0) return null;
  const names = sortMetricNames(others.flatMap((s) => Object.keys(s.vsBaseline)));
  if (names.length === 0) return null;
  return {
    id: 'vs-baseline',
    title: `Difference vs baseline (${summary.scenario.baseline})`,
    headers: ['Metric', ...others.map((s) => s.name)],
    rows: names.map((m) => [labelWithUnit(m), ...others.map((s) => fmtPaired(s.vsBaseline[m]))]),
    note: 'Paired difference strategy − baseline, replication r against replication r (common random numbers): mean ± 95% paired-t half-width, relative change in parentheses; * = the interval excludes 0.',
  };
}

export function reconnectCausesTable(
  rows: readonly RowSource[],
  labelHeaders: string[],
): Table | null {
  const causes = [...new Set(rows.flatMap((r) => Object.keys(r.strategy.reconnectCauses)))].sort();
  if (causes.length === 0) return null;
  return {
    id: 'reconnect-causes',
    title: 'Reconnects by cause (/phone/day)',
    headers: [...labelHeaders, ...causes],
    rows: rows.map((r) => [
      ...r.labels,
      ...causes.map((c) => fmtEstimate(r.strategy.reconnectCauses[c])),
    ]),
    note: CI_NOTE,
  };
}

export function carriersTable(rows: readonly RowSource[], labelHeaders: string[]): Table | null {
  const out: string[][] = [];
  for (const r of rows) {
    for (const [name, c] of Object.entries(r.strategy.carriers)) {
      out.push([
        ...r.labels,
        name,
        fmtEstimate(c.signalingTotal),
        fmtEstimate(c.signalingPeakPerS),
        fmtEstimate(c.signalingPeakPerMin),
      ]);
    }
  }
  if (out.length === 0) return null;
  return {
    id: 'carriers',
    title: 'Carrier signaling',
    headers: [
      ...labelHeaders,
      'Carrier',
      'Signaling (msg/phone/day of its phones)',
      'Peak (msg/s)',
      'Peak (msg/min)',
    ],
    rows: out,
    note: CI_NOTE,
  };
}

export function perPhoneTables(rows: readonly RowSource[], labelHeaders: string[]): Table[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.strategy.perPhone)))].sort();
  const quantiles = ['mean', 'min', 'p5', 'p25', 'p50', 'p75', 'p95', 'max'] as const;
  return keys.map((key) => ({
    id: `per-phone-${key}`,
    title: PER_PHONE_LABELS[key] ?? `${metricInfo(key).label} across phones`,
    headers: [...labelHeaders, ...quantiles],
    rows: rows.map((r) => {
      const d = r.strategy.perPhone[key];
      return [...r.labels, ...quantiles.map((q) => (d ? fmtNumber(d[q]) : MISSING))];
    }),
    note: 'Distribution across phones; each quantile is averaged over replications.',
  }));
}

export function pooledLatencyTable(
  rows: readonly RowSource[],
  labelHeaders: string[],
): Table | null {
  if (!rows.some((r) => r.strategy.pushLatencyPooled)) return null;
  return {
    id: 'latency-pooled',
    title: 'Push delivery latency, all replications pooled',
    headers: [
      ...labelHeaders,
      'Delivered (messages)',
      'mean (s)',
      'p50 (s)',
      'p95 (s)',
      'p99 (s)',
      'max (s)',
      '≤ 1 s (%)',
      '≤ 10 s (%)',
      '≤ 60 s (%)',
    ],
    rows: rows.map((r) => {
      const p = r.strategy.pushLatencyPooled;
      if (!p) return [...r.labels, ...new Array<string>(9).fill(MISSING)];
      return [
        ...r.labels,
        fmtNumber(p.count, 10),
        fmtNumber(p.mean),
        fmtNumber(p.p50),
        fmtNumber(p.p95),
        fmtNumber(p.p99),
        fmtNumber(p.max),
        fmtNumber(p.within1sPct),
        fmtNumber(p.within10sPct),
        fmtNumber(p.within60sPct),
      ];
    }),
    note: 'Quantiles from the merged latency histograms (within 1% relative error); shares are of delivered messages, counted at histogram bucket resolution.',
  };
}

/** Push delivery per app (per-app breakdown of every architecture, including a shared channel). */
export function perAppTable(rows: readonly RowSource[], labelHeaders: string[]): Table | null {
  if (!rows.some((r) => Object.keys(r.strategy.perApp ?? {}).length > 0)) return null;
  const out: string[][] = [];
  for (const r of rows) {
    for (const [app, s] of Object.entries(r.strategy.perApp ?? {})) {
      const share = (100 * s.delivered.mean) / s.arrived.mean;
      out.push([
        ...r.labels,
        app,
        fmtNumber(s.arrived.mean),
        fmtNumber(share),
        s.latency ? fmtNumber(s.latency.p50) : MISSING,
        s.latency ? fmtNumber(s.latency.p95) : MISSING,
        s.latency ? fmtNumber(s.latency.max) : MISSING,
      ]);
    }
  }
  return {
    id: 'per-app',
    title: 'Push delivery per app',
    headers: [
      ...labelHeaders,
      'App',
      'Arrived (msgs/run)',
      'Delivered (%)',
      'p50 (s)',
      'p95 (s)',
      'max (s)',
    ],
    rows: out,
    note: 'Arrivals are means over replications; latency quantiles from the pooled per-app histograms.',
  };
}

/** Every table of one report, in reading order. */
export function summaryTables(summary: Summary): Table[] {
  const rows = reportRows(summary);
  const h = ['Strategy'];
  const tables: (Table | null)[] = [
    ...familyTables(rows, h),
    vsBaselineTable(summary),
    reconnectCausesTable(rows, h),
    carriersTable(rows, h),
    ...perPhoneTables(rows, h),
    pooledLatencyTable(rows, h),
    perAppTable(rows, h),
  ];
  return tables.filter((t): t is Table => t !== null);
}
