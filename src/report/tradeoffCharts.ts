/**
 * The figure a heartbeat study is about: what each strategy pays (energy) against what it
 * loses (reconnects, push delay). One point per strategy with 95 % CI crosses on both axes,
 * and the Pareto front — the strategies no other one beats on both axes at once.
 */
import { baseOptions, type ChartSpec, type Json, num, scaleTypeFor } from './chartSpec.js';
import { labelWithUnit, metricInfo } from './metrics.js';
import { colorAt, REFERENCE_COLOR } from './style.js';
import type { Estimate, Summary } from './types.js';

export interface TradeoffPoint {
  name: string;
  x: number;
  y: number;
}

/**
 * Indices of the Pareto-optimal points when both coordinates are to be minimised, in
 * increasing x: a point is on the front when no other point is ≤ on both and < on one.
 */
export function paretoFront(points: readonly TradeoffPoint[]): number[] {
  const idx = points.map((_, i) => i).filter((i) => Number.isFinite(points[i].x + points[i].y));
  const front = idx.filter(
    (i) =>
      !idx.some(
        (j) =>
          j !== i &&
          points[j].x <= points[i].x &&
          points[j].y <= points[i].y &&
          (points[j].x < points[i].x || points[j].y < points[i].y),
      ),
  );
  return front.sort((a, b) => points[a].x - points[b].x || points[a].y - points[b].y);
}

function finite(e: Estimate | undefined): e is Estimate {
  return e !== undefined && Number.isFinite(e.mean);
}

/** Energy (x) against `yMetric` (y), one point per strategy; null with fewer than two. */
export function tradeoffChart(
  summary: Summary,
  yMetric: string,
  xMetric = 'energyJPerPhoneDay',
): ChartSpec | null {
  const rows = summary.strategies
    .map((s, i) => ({ name: s.name, idx: i, x: s.metrics[xMetric], y: s.metrics[yMetric] }))
    .filter((r): r is typeof r & { x: Estimate; y: Estimate } => finite(r.x) && finite(r.y));
  if (rows.length < 2) return null;
  const datasets: { [key: string]: Json }[] = rows.map((r) => ({
    label: r.name,
    data: [
      {
        x: r.x.mean,
        y: r.y.mean,
        // No interval (one replication): the cross collapses onto the point.
        xMin: num(r.x.ci95?.[0] ?? r.x.mean),
        xMax: num(r.x.ci95?.[1] ?? r.x.mean),
        yMin: num(r.y.ci95?.[0] ?? r.y.mean),
        yMax: num(r.y.ci95?.[1] ?? r.y.mean),
      },
    ],
    backgroundColor: colorAt(r.idx),
    borderColor: colorAt(r.idx),
    pointRadius: 6,
    pointHoverRadius: 8,
    pointStyle: ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded'][
      r.idx % 7
    ],
    errorBarColor: colorAt(r.idx),
    errorBarWhiskerColor: colorAt(r.idx),
    errorBarLineWidth: 1.5,
    errorBarWhiskerLineWidth: 1.5,
    errorBarWhiskerSize: 8,
  }));
  const pts = rows.map((r) => ({ name: r.name, x: r.x.mean, y: r.y.mean }));
  const front = paretoFront(pts);
  if (front.length >= 2) {
    datasets.push({
      type: 'line',
      label: 'Pareto front',
      data: front.map((i) => ({ x: pts[i].x, y: pts[i].y })),
      borderColor: REFERENCE_COLOR,
      backgroundColor: REFERENCE_COLOR,
      borderDash: [5, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
    });
  }
  const all = (pick: (r: (typeof rows)[number]) => Estimate) =>
    rows.flatMap((r) => {
      const e = pick(r);
      return e.ci95 ? [e.mean, e.ci95[0], e.ci95[1]] : [e.mean];
    });
  const xType = scaleTypeFor(all((r) => r.x));
  const yType = scaleTypeFor(all((r) => r.y));
  const xInfo = metricInfo(xMetric);
  const yInfo = metricInfo(yMetric);
  const title = `${xInfo.label} against ${yInfo.label.toLowerCase()}`;
  const onFront = front.map((i) => pts[i].name).join(', ');
  const log = (t: string) => (t === 'logarithmic' ? ', log scale' : '');
  return {
    id: `tradeoff-${yMetric}`,
    title,
    caption: `Each strategy's mean ${xInfo.label.toLowerCase()} against its mean ${yInfo.label.toLowerCase()}, with 95% confidence intervals on both axes (crosses); lower is better on both. The dashed line joins the Pareto front (strategies no other beats on both): ${onFront}.`,
    config: {
      type: 'scatterWithErrorBars',
      data: { datasets },
      options: baseOptions({
        title,
        subtitle: `${summary.scenario.name}: mean and 95% CI over replications; lower left is better`,
        legend: true,
        x: { title: `${labelWithUnit(xMetric)}${log(xType)}`, type: xType },
        y: { title: `${labelWithUnit(yMetric)}${log(yType)}`, type: yType },
      }),
    },
  };
}

/** Energy against reconnects and against push p95, for every run with two strategies or more. */
export function tradeoffCharts(summary: Summary): ChartSpec[] {
  return ['reconnectsPerPhoneDay', 'pushLatencyP95S']
    .map((m) => tradeoffChart(summary, m))
    .filter((c): c is ChartSpec => c !== null);
}
