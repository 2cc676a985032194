/** Chart 1: bars with 95% CI error bars, per strategy (or grouped per input in compare). */
import { baseOptions, type ChartSpec, type Json, num, scaleTypeFor } from './chartSpec.js';
import { HEADLINE_METRICS, labelWithUnit, metricInfo } from './metrics.js';
import { colorAt, withAlpha } from './style.js';
import type { Estimate, Summary } from './types.js';

export interface BarSeries {
  label: string;
  color: string;
  values: (Estimate | undefined)[];
}

/** Bars with 95% CI error bars (chartjs-chart-error-bars). */
export function barChart(o: {
  id: string;
  metric: string;
  categories: string[];
  series: BarSeries[];
  legend: boolean;
  subtitle: string;
  caption: string;
  xTitle: string;
}): ChartSpec {
  const info = metricInfo(o.metric);
  const title = `${info.label}${info.unit ? ` (${info.unit})` : ''}`;
  const datasets = o.series.map((s) => {
    const data: Json[] = s.values.map((e) =>
      e && Number.isFinite(e.mean)
        ? { y: e.mean, yMin: num(e.ci95?.[0]), yMax: num(e.ci95?.[1]) }
        : { y: null, yMin: null, yMax: null },
    );
    return {
      label: s.label,
      data,
      backgroundColor: withAlpha(s.color, 0.8),
      borderColor: s.color,
      borderWidth: 1.5,
      errorBarColor: '#222222',
      errorBarWhiskerColor: '#222222',
      errorBarLineWidth: 2,
      errorBarWhiskerLineWidth: 2,
      errorBarWhiskerRatio: 0.25,
    };
  });
  const yType = scaleTypeFor(
    o.series.flatMap((s) =>
      s.values.flatMap((e) => (e ? [e.mean, ...(e.ci95 ? [e.ci95[0], e.ci95[1]] : [])] : [])),
    ),
  );
  const log = yType === 'logarithmic';
  const options = baseOptions({
    title,
    subtitle: o.subtitle,
    legend: o.legend,
    x: { title: o.xTitle, type: 'category' },
    y: log
      ? { title: `${labelWithUnit(o.metric)}, log scale`, type: yType }
      : { title: labelWithUnit(o.metric), beginAtZero: true },
  });
  // Categories without a value leave no gap (one bar per strategy stays centred).
  options.skipNull = true;
  return {
    id: o.id,
    title,
    caption: o.caption,
    config: { type: 'barWithErrorBars', data: { labels: o.categories, datasets }, options },
  };
}

function replicationsNote(summary: Summary): string {
  const ns = new Set(summary.strategies.map((s) => s.replications.length));
  const n = ns.size === 1 ? String([...ns][0]) : [...ns].sort().join('/');
  return n === '1'
    ? 'mean of 1 replication (no confidence interval)'
    : `mean and 95% CI over ${n} replications`;
}

/** Chart 1: one bar per strategy with its 95% CI. */
export function metricBarChart(summary: Summary, metric: string): ChartSpec | null {
  const values = summary.strategies.map((s) => s.metrics[metric]);
  if (!values.some((e) => e && Number.isFinite(e.mean))) return null;
  const note = replicationsNote(summary);
  const categories = summary.strategies.map((s) => s.name);
  return barChart({
    id: `bar-${metric}`,
    metric,
    categories,
    // One series per strategy holding only its own bar: the legend then toggles strategies.
    series: summary.strategies.map((s, i) => ({
      label: s.name,
      color: colorAt(i),
      values: categories.map((_, j) => (j === i ? values[i] : undefined)),
    })),
    legend: true,
    subtitle: `${summary.scenario.name}: ${note}`,
    caption: `${labelWithUnit(metric)} per strategy: ${note}.`,
    xTitle: 'Strategy',
  });
}

export function headlineBarCharts(summary: Summary): ChartSpec[] {
  return HEADLINE_METRICS.map((m) => metricBarChart(summary, m)).filter(
    (c): c is ChartSpec => c !== null,
  );
}
