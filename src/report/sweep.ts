/**
 * Sweep curves: a metric against a swept scenario parameter, one line per strategy with
 * its 95% CI as a shaded band. Pure spec; render with renderChartFiles like any chart.
 */
import { baseOptions, type ChartSpec, type Json, num } from './chartSpec.js';
import { labelWithUnit } from './metrics.js';
import { colorAt, dashAt, withAlpha } from './style.js';

export interface SweepPoint {
  strategy: string;
  /** Value of the swept parameter. */
  x: number;
  mean: number;
  /** null: no interval (one replication). */
  ci95: [number, number] | null;
}

export interface SweepChartOptions {
  /** Metric on the y axis (its label and unit come from the metric catalog). */
  metric: string;
  /** Axis title of the swept parameter, with its unit, e.g. "NAT idle timeout (s)". */
  parameter: string;
  logX?: boolean;
  id?: string;
  subtitle?: string;
}

export function sweepChart(points: readonly SweepPoint[], opts: SweepChartOptions): ChartSpec {
  const strategies = [...new Set(points.map((p) => p.strategy))];
  const datasets: { [key: string]: Json }[] = [];
  strategies.forEach((name, i) => {
    const pts = points.filter((p) => p.strategy === name).sort((a, b) => a.x - b.x);
    const color = colorAt(i);
    const band = {
      pointRadius: 0,
      borderWidth: 0,
      borderColor: withAlpha(color, 0),
      hbsimGroup: name,
      hbsimLegendHidden: true,
    };
    datasets.push(
      {
        ...band,
        label: `${name} CI low`,
        data: pts.map((p) => ({ x: p.x, y: num(p.ci95?.[0]) })),
        fill: false,
      },
      {
        ...band,
        label: `${name} CI high`,
        data: pts.map((p) => ({ x: p.x, y: num(p.ci95?.[1]) })),
        fill: '-1',
        backgroundColor: withAlpha(color, 0.18),
      },
      {
        label: name,
        hbsimGroup: name,
        data: pts.map((p) => ({ x: p.x, y: num(p.mean) })),
        borderColor: color,
        backgroundColor: color,
        borderDash: dashAt(i),
        borderWidth: 2,
        pointRadius: 3,
        fill: false,
      },
    );
  });
  const metric = labelWithUnit(opts.metric);
  const title = `${metric} vs ${opts.parameter}`;
  return {
    id: opts.id ?? `sweep-${opts.metric}`,
    title,
    caption: `${metric} against ${opts.parameter}, one line per strategy (mean over replications) with its 95% CI band.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        title,
        subtitle: opts.subtitle ?? 'mean with 95% CI band over replications',
        legend: true,
        lineLegend: true,
        x: { title: opts.parameter, type: opts.logX ? 'logarithmic' : 'linear' },
        y: { title: metric, beginAtZero: true },
      }),
    },
  };
}
