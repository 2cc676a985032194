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

/** The dashed line joining the Pareto front, or null when fewer than two points are on it. */
function paretoFrontDataset(
  points: readonly TradeoffPoint[],
  front: readonly number[] = paretoFront(points),
): { [key: string]: Json } | null {
  if (front.length < 2) return null;
  return {
    type: 'line',
    label: 'Pareto front',
    data: front.map((i) => ({ x: points[i].x, y: points[i].y })),
    borderColor: REFERENCE_COLOR,
    backgroundColor: REFERENCE_COLOR,
    borderDash: [5, 4],
    borderWidth: 1.5,
    pointRadius: 0,
    fill: false,
  };
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
  const frontLine = paretoFrontDataset(pts, front);
  if (frontLine) datasets.push(frontLine);
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

/** A bound on one axis drawn as a dashed line across the plot (a tuning constraint). */
export interface AxisLimit {
  axis: 'x' | 'y';
  value: number;
  label: string;
}

/**
 * Line datasets for axis limits, spanning the given range of the other axis. Drawn in the
 * scatter as datasets (not annotations) so the PNG, SVG and the HTML page show the same.
 */
export function limitLineDatasets(
  limits: readonly AxisLimit[],
  xRange: readonly [number, number],
  yRange: readonly [number, number],
): { [key: string]: Json }[] {
  return limits.map((l, i) => ({
    type: 'line',
    label: l.label,
    data:
      l.axis === 'y'
        ? [
            { x: xRange[0], y: l.value },
            { x: xRange[1], y: l.value },
          ]
        : [
            { x: l.value, y: yRange[0] },
            { x: l.value, y: yRange[1] },
          ],
    // Reddish purple: not one of the first four point colours of a grouped chart.
    borderColor: colorAt(4),
    backgroundColor: colorAt(4),
    borderDash: i % 2 === 0 ? [8, 4] : [2, 3],
    borderWidth: 2,
    pointRadius: 0,
    fill: false,
  }));
}

/** A group of points of a candidate trade-off chart (e.g. evaluated, dropped, the best). */
export interface TradeoffGroup {
  label: string;
  points: {
    name: string;
    x: Estimate | { mean: number; ci95: [number, number] | null };
    y: Estimate | { mean: number; ci95: [number, number] | null };
  }[];
}

/**
 * x against y for groups of points (tuning candidates), with 95% CI crosses, the Pareto
 * front over all points and the given axis limits as dashed lines.
 */
export function groupedTradeoffChart(o: {
  id: string;
  subtitle: string;
  groups: readonly TradeoffGroup[];
  xMetric: string;
  yMetric: string;
  limits?: readonly AxisLimit[];
  caption: string;
}): ChartSpec | null {
  const ok = (e: { mean: number }) => Number.isFinite(e.mean);
  const groups = o.groups
    .map((g, gi) => ({ ...g, gi, points: g.points.filter((p) => ok(p.x) && ok(p.y)) }))
    .filter((g) => g.points.length > 0);
  const last = o.groups.length - 1;
  const pts = groups.flatMap((g) => g.points);
  if (pts.length === 0) return null;
  const lo = (e: { mean: number; ci95: [number, number] | null }) => e.ci95?.[0] ?? e.mean;
  const hi = (e: { mean: number; ci95: [number, number] | null }) => e.ci95?.[1] ?? e.mean;
  const datasets: { [key: string]: Json }[] = groups.map(({ gi, ...g }) => ({
    label: g.label,
    data: g.points.map((p) => ({
      x: p.x.mean,
      y: p.y.mean,
      xMin: num(lo(p.x)),
      xMax: num(hi(p.x)),
      yMin: num(lo(p.y)),
      yMax: num(hi(p.y)),
    })),
    backgroundColor: colorAt(gi),
    borderColor: colorAt(gi),
    // The last group (the answer) stands out.
    pointRadius: gi === last ? 9 : 4,
    pointStyle: ['circle', 'rect', 'triangle', 'star'][gi % 4],
    errorBarColor: colorAt(gi),
    errorBarWhiskerColor: colorAt(gi),
    errorBarLineWidth: 1,
    errorBarWhiskerLineWidth: 1,
    errorBarWhiskerSize: 5,
  }));
  const front = paretoFrontDataset(
    pts.map((p, i) => ({ name: String(i), x: p.x.mean, y: p.y.mean })),
  );
  if (front) datasets.push(front);
  const xs = pts.flatMap((p) => [p.x.mean, lo(p.x), hi(p.x)]);
  const ys = pts.flatMap((p) => [p.y.mean, lo(p.y), hi(p.y)]);
  const limits = o.limits ?? [];
  for (const l of limits) (l.axis === 'x' ? xs : ys).push(l.value);
  const span = (v: number[]): [number, number] => [Math.min(...v), Math.max(...v)];
  datasets.push(...limitLineDatasets(limits, span(xs), span(ys)));
  const xType = scaleTypeFor(xs);
  const yType = scaleTypeFor(ys);
  const title = `${metricInfo(o.xMetric).label} against ${metricInfo(o.yMetric).label.toLowerCase()}`;
  const log = (t: string) => (t === 'logarithmic' ? ', log scale' : '');
  return {
    id: o.id,
    title,
    caption: o.caption,
    config: {
      type: 'scatterWithErrorBars',
      data: { datasets },
      options: baseOptions({
        title,
        subtitle: o.subtitle,
        legend: true,
        x: { title: `${labelWithUnit(o.xMetric)}${log(xType)}`, type: xType },
        y: { title: `${labelWithUnit(o.yMetric)}${log(yType)}`, type: yType },
      }),
    },
  };
}
