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

export const CI_NOTE =
  'Cells: mean ± 95% Student-t half-width over replications; "m [lo, hi]": an asymmetric 95% interval (log/logit-scale t where the t interval would leave the range; bootstrap for pooled latency); "± n/a": one replication; "± 0 (no variation)": replications agreed exactly.';

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
    note: 'Paired difference strategy − baseline, replication r against replication r (common random numbers): mean ± 95% paired-t half-width (pooled latency statistics: paired bootstrap interval in brackets), relative change in parentheses; * = the interval excludes 0 and the differences varied (a "no variation" interval is never starred).',
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
        fmtEstimate(c.phoneDays),
        fmtEstimate(c.signalingPerPhoneDay),
        fmtEstimate(c.promotionsPerPhoneDay),
        fmtEstimate(c.signalingTotal),
        fmtEstimate(c.signalingPeakPerS),
        fmtEstimate(c.signalingPeakPerMin),
      ]);
    }
  }
  if (out.length === 0) return null;
  return {
    id: 'carriers',
    title: 'Per carrier',
    headers: [
      ...labelHeaders,
      'Carrier',
      'Phone-days on it (/run)',
      'Signaling (msg/phone/day)',
      'Radio promotions (/phone/day)',
      'Signaling total (msg/run)',
      'Peak (msg/s)',
      'Peak (msg/min)',
    ],
    rows: out,
    note: `Per phone-day of the time phones spent on the carrier (commuters count on each carrier for the time they were there). ${CI_NOTE}`,
  };
}

/** Per phone group: every per-phone-day metric the run breaks down by group. */
export function groupsTable(rows: readonly RowSource[], labelHeaders: string[]): Table | null {
  const metrics = sortMetricNames(
    rows.flatMap((r) =>
      Object.values(r.strategy.groups ?? {}).flatMap((g) => Object.keys(g.metrics)),
    ),
  );
  if (metrics.length === 0) return null;
  const out: string[][] = [];
  for (const r of rows) {
    for (const [name, g] of Object.entries(r.strategy.groups ?? {})) {
      out.push([
        ...r.labels,
        name,
        fmtNumber(g.phones, 10),
        ...metrics.map((m) => fmtEstimate(g.metrics[m])),
      ]);
    }
  }
  return {
    id: 'groups',
    title: 'Per phone group',
    headers: [...labelHeaders, 'Group', 'Phones', ...metrics.map(labelWithUnit)],
    rows: out,
    note: `Per-phone-day figures of each group's phones. ${CI_NOTE}`,
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
      'p90 (s)',
      'p95 (s)',
      'p99 (s)',
      'max (s)',
      '≤ 1 s (%)',
      '≤ 10 s (%)',
      '≤ 60 s (%)',
    ],
    rows: rows.map((r) => {
      const p = r.strategy.pushLatencyPooled;
      if (!p) return [...r.labels, ...new Array<string>(10).fill(MISSING)];
      return [
        ...r.labels,
        fmtNumber(p.count, 10),
        fmtNumber(p.mean),
        fmtNumber(p.p50),
        fmtNumber(p.p90),
        fmtNumber(p.p95),
        fmtNumber(p.p99),
        fmtNumber(p.max),
        fmtNumber(p.within1sPct),
        fmtNumber(p.within10sPct),
        fmtNumber(p.within60sPct),
      ];
    }),
    note: 'Every delivery of every replication pooled; quantiles from the merged latency histograms (within 1% relative error); shares are of delivered messages, counted at histogram bucket resolution. Intervals of the pooled statistics are in the Push delivery table.',
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
    groupsTable(rows, h),
    ...perPhoneTables(rows, h),
    pooledLatencyTable(rows, h),
    perAppTable(rows, h),
  ];
  return tables.filter((t): t is Table => t !== null);
}

/**
 * Estimates whose 95% half-width exceeds their mean's magnitude: too imprecise to read
 * (more replications, a longer horizon or more phones are needed).
 */
export function imprecisionWarnings(summary: Summary): string[] {
  const out: string[] = [];
  for (const s of summary.strategies) {
    for (const name of sortMetricNames(Object.keys(s.metrics))) {
      const e = s.metrics[name];
      if (!e.ci95 || !Number.isFinite(e.mean)) continue;
      const half = (e.ci95[1] - e.ci95[0]) / 2;
      if (half > Math.abs(e.mean)) out.push(`${s.name}: ${labelWithUnit(name)}`);
    }
  }
  return out;
}
