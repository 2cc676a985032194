/** Distributions: push-latency CDF (chart 3) and battery drain across phones (chart 5). */
import { baseOptions, type ChartSpec, type Json, num } from './chartSpec.js';
import { pooledHistogram } from './latency.js';
import { groupRuns } from './runs.js';
import { colorAt, strategyLine, withAlpha } from './style.js';
import { MAX_LINE_POINTS } from './timeCharts.js';
import type { ExperimentResult, Summary } from './types.js';

/** Chart 3: CDF of push delivery latency on a log axis, replications pooled. */
export function latencyCdfChart(result: ExperimentResult): ChartSpec | null {
  const datasets: { [key: string]: Json }[] = [];
  let i = 0;
  for (const [name, runs] of groupRuns(result)) {
    const idx = i++;
    const h = pooledHistogram(runs);
    if (!h || h.count === 0) continue;
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
  const title = 'Push delivery latency (CDF)';
  return {
    id: 'latency-cdf',
    title,
    caption:
      'Cumulative distribution of push delivery latency (log scale), every delivered message of every replication pooled; one line per strategy.',
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

/** Chart 5: battery drain across phones as a box plot per strategy. */
export function batteryBoxChart(summary: Summary): ChartSpec | null {
  const key = 'batteryPctPerDay';
  const strategies = summary.strategies.filter((s) => s.perPhone[key]);
  if (strategies.length === 0) return null;
  const colors = summary.strategies
    .map((_, i) => colorAt(i))
    .filter((_, i) => summary.strategies[i].perPhone[key]);
  const data: Json[] = strategies.map((s) => {
    const d = s.perPhone[key];
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
  });
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
