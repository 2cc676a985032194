/** Distributions: push-latency CDF (chart 3) and battery drain across phones (chart 5). */
import type { AcrossPhones } from '../model/runResult.js';
import { baseOptions, type ChartSpec, type Json, num } from './chartSpec.js';
import { pooledHistogram } from './latency.js';
import { groupRuns } from './runs.js';
import { colorAt, strategyLine, withAlpha } from './style.js';
import { MAX_LINE_POINTS } from './timeCharts.js';
import type { ExperimentResult, Summary } from './types.js';

/** A CDF step: a narrow latency range holding at least STEP_MIN of the messages. */
export interface CdfStep {
  /** Upper edge of the step, s. */
  x: number;
  /** Share of messages in the step (0..1). */
  mass: number;
}

export const STEP_MIN = 0.05;

/**
 * The steps of a staircase CDF (points at histogram bucket edges, as cdfPoints gives them):
 * buckets holding ≥ STEP_MIN of the messages, adjacent ones (within 10 %) merged. Such a step
 * is a group of messages that all waited the same fixed time.
 */
export function cdfSteps(points: readonly [number, number][]): CdfStep[] {
  const steps: CdfStep[] = [];
  let prevF = 0;
  for (const [x, f] of points) {
    const mass = f - prevF;
    prevF = f;
    if (mass < STEP_MIN || !(x > 0)) continue;
    const last = steps[steps.length - 1];
    if (last && x / last.x <= 1.1) last.mass += mass;
    else steps.push({ x, mass });
  }
  return steps;
}

function fmtSeconds(x: number): string {
  return `${Number(x.toPrecision(2))} s`;
}

/** Chart 3: CDF of push delivery latency on a log axis, replications pooled. */
export function latencyCdfChart(result: ExperimentResult): ChartSpec | null {
  const datasets: { [key: string]: Json }[] = [];
  const steps: CdfStep[] = [];
  let i = 0;
  for (const [name, runs] of groupRuns(result)) {
    const idx = i++;
    const h = pooledHistogram(runs);
    if (!h || h.count === 0) continue;
    for (const st of cdfSteps(h.cdfPoints())) {
      const same = steps.find((o) => Math.max(o.x, st.x) / Math.min(o.x, st.x) <= 1.1);
      if (same) same.mass = Math.max(same.mass, st.mass);
      else steps.push({ ...st });
    }
    const pts = h.cdfPoints().filter(([x]) => x > 0);
    const step = Math.max(1, Math.ceil(pts.length / MAX_LINE_POINTS));
    const kept = pts.filter((_, k) => k % step === 0 || k === pts.length - 1);
    datasets.push(
      strategyLine(
        name,
        kept.map(([x, f]) => ({ x, y: 100 * f })),
        idx,
      ),
    );
  }
  if (datasets.length === 0) return null;
  steps.sort((a, b) => a.x - b.x);
  steps.forEach((st, k) => {
    datasets.push({
      label: 'steps of the staircase',
      data: [
        { x: st.x, y: 0 },
        { x: st.x, y: 100 },
      ],
      borderColor: '#888888',
      borderDash: [2, 3],
      borderWidth: 1,
      pointRadius: 0,
      fill: false,
      ...(k > 0 ? { hbsimLegendHidden: true } : {}),
    });
  });
  const stepText =
    steps.length > 0
      ? ` The staircase (dotted lines): steps at ${steps.map((st) => `${fmtSeconds(st.x)} (up to ${Math.round(100 * st.mass)}% of messages)`).join(', ')}. A step is a group of messages that all waited the same fixed time — e.g. a radio promotion plus half a round trip for a push to an idle phone, or a timer the message had to wait out (ack timeout, reconnect delay) before a new connection delivered it.`
      : '';
  const title = 'Push delivery latency (CDF)';
  return {
    id: 'latency-cdf',
    title,
    caption: `Cumulative distribution of push delivery latency (log scale), every delivered message of every replication pooled; one line per strategy.${stepText}`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        title,
        subtitle: `${result.scenario.name}: delivered messages of all replications pooled`,
        legend: true,
        lineLegend: true,
        x: { title: 'Delivery latency (s, log scale)', type: 'logarithmic' },
        y: { title: 'Messages delivered within (%)', min: 0, max: 100 },
      }),
    },
  };
}

/** One box of the box-plot plugin from a per-phone distribution: whiskers p5/p95. */
function boxOf(d: AcrossPhones): Json {
  const outliers = [d.min, d.max].filter((v) => Number.isFinite(v) && (v < d.p5 || v > d.p95));
  return {
    min: num(d.min),
    whiskerMin: num(d.p5),
    q1: num(d.p25),
    median: num(d.p50),
    q3: num(d.p75),
    whiskerMax: num(d.p95),
    max: num(d.max),
    mean: num(d.mean),
    outliers,
    items: [],
  };
}

/** Chart 5: battery drain across phones as a box plot per strategy. */
export function batteryBoxChart(summary: Summary): ChartSpec | null {
  const key = 'batteryPctPerDay';
  const strategies = summary.strategies.filter((s) => s.perPhone[key]);
  if (strategies.length === 0) return null;
  const colors = summary.strategies
    .map((_, i) => colorAt(i))
    .filter((_, i) => summary.strategies[i].perPhone[key]);
  const data: Json[] = strategies.map((s) => boxOf(s.perPhone[key]));
  const title = 'Battery drain across phones';
  const subtitle = 'box p25–p75, line median, whiskers p5/p95, dots min/max, × mean';
  return {
    id: 'battery-boxplot',
    title,
    caption: `Battery % per day across phones, one box per strategy: box p25–p75, line median, whiskers p5 and p95 (not 1.5 IQR), dots min and max, cross the mean; each quantile averaged over replications.`,
    config: {
      type: 'boxplot',
      data: {
        labels: strategies.map((s) => s.name),
        datasets: [
          {
            label: 'Battery drain (%/day)',
            data,
            backgroundColor: colors.map((c) => withAlpha(c, 0.45)),
            borderColor: colors,
            borderWidth: 2,
            medianColor: '#000000',
            outlierStyle: 'circle',
            outlierRadius: 4,
            outlierBackgroundColor: '#444444',
            outlierBorderColor: '#444444',
            meanStyle: 'crossRot',
            meanRadius: 6,
            meanBorderColor: '#000000',
            meanBackgroundColor: '#000000',
            itemRadius: 0,
          },
        ],
      },
      options: baseOptions({
        title,
        subtitle: `${summary.scenario.name}: ${subtitle}`,
        legend: false,
        x: { title: 'Strategy', type: 'category' },
        y: { title: 'Battery drain (%/day)', beginAtZero: true },
      }),
    },
  };
}

/**
 * Chart 5 per phone group (scenarios with several groups): one box per strategy within each
 * group, so a population whose groups drain very differently (a 5-min NAT carrier beside a
 * Wi-Fi one) shows its modes instead of one wide box.
 */
export function batteryByGroupChart(summary: Summary): ChartSpec | null {
  const groupNames = Object.keys(summary.strategies[0]?.groups ?? {});
  if (groupNames.length < 2) return null;
  const datasets: { [key: string]: Json }[] = [];
  summary.strategies.forEach((s, i) => {
    const boxes = groupNames.map((g) => s.groups[g]?.batteryPctPerDay);
    if (boxes.every((b) => b === undefined)) return;
    const color = colorAt(i);
    datasets.push({
      label: s.name,
      data: boxes.map((d) => (d ? boxOf(d) : null)),
      backgroundColor: withAlpha(color, 0.45),
      borderColor: color,
      borderWidth: 2,
      medianColor: '#000000',
      outlierStyle: 'circle',
      outlierRadius: 3,
      outlierBackgroundColor: '#444444',
      outlierBorderColor: '#444444',
      meanStyle: 'crossRot',
      meanRadius: 5,
      meanBorderColor: '#000000',
      meanBackgroundColor: '#000000',
      itemRadius: 0,
    });
  });
  if (datasets.length === 0) return null;
  const phones = summary.strategies[0].groups;
  const title = 'Battery drain across phones, per phone group';
  return {
    id: 'battery-boxplot-groups',
    title,
    caption: `Battery % per day across the phones of each group (${groupNames.map((g) => `${g}: ${phones[g].phones} phones`).join(', ')}), one box per strategy: box p25–p75, line median, whiskers p5 and p95, dots min and max, cross the mean; each quantile averaged over replications.`,
    config: {
      type: 'boxplot',
      data: { labels: groupNames, datasets },
      options: baseOptions({
        title,
        subtitle: `${summary.scenario.name}: box p25–p75, line median, whiskers p5/p95, × mean`,
        legend: true,
        x: { title: 'Phone group', type: 'category' },
        y: { title: 'Battery drain (%/day)', beginAtZero: true },
      }),
    },
  };
}
