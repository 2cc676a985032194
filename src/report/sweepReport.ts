/**
 * The report of a scenario with a `sweep:` grid (reports/README.md, one report per point plus the
 * sweep's index), built whole in a temp dir and swapped in atomically:
 *
 *   points/<NN>/     the full report of each point (writeReport), NN = zero-padded index
 *   sweep.csv        long format: point × strategy × metric with mean, 95% CI and n
 *   sweep.json       hbsim.sweep/1: the points (index, label, overrides) and their summaries
 *   charts/sweep-*   per headline metric, the metric against the first swept path
 *   summary.md       the index: question, points with links, point × strategy tables
 *   report.html      the same with interactive charts and links to each point's page
 *
 * Charts of a grid over several paths: the first path is the x axis and there is one chart
 * per combination of the other paths' values (`sweep-<metric>-<GG>`, GG the combination's
 * position in grid order; the fixed values are in the subtitle and caption). A first path
 * whose values are not all numbers or durations gets a category axis in grid order.
 */
import { join, relative } from 'node:path';
import type { PointResult } from '../experiment/experiment.js';
import { parseDuration } from '../scenario/units.js';
import { buildDirAtomic, writeFileAtomic } from './atomicFs.js';
import { canonicalJson } from './canonicalJson.js';
import type { ChartSpec, Json } from './chartSpec.js';
import { csvLine } from './csv.js';
import { fmtDuration, fmtEstimate } from './format.js';
import { escapeHtml, reportHtml } from './html.js';
import { joinBlocks, markdownChartList, markdownSection, markdownTable } from './markdown.js';
import { axisTitle } from './axisNames.js';
import { HEADLINE_METRICS, labelWithUnit, sortMetricNames } from './metrics.js';
import { chartFiles } from './render.js';
import { summarize } from './summary.js';
import { type SweepPoint as CurvePoint, sweepChart } from './sweep.js';
import type { Table } from './tables.js';
import type { Estimate, Summary } from './types.js';
import type { WriteReportOptions } from './writeReport.js';
import { writeReport } from './writeReport.js';

export const SWEEP_SCHEMA = 'hbsim.sweep/1';

/** What the sweep report reads of a PointResult (the resolved scenario is not needed). */
export type SweepInput = Pick<PointResult, 'point' | 'result'>;

/** One point as the sweep report sees it. */
export interface SweepEntry {
  index: number;
  /** Zero-padded index: the name of its directory under points/. */
  id: string;
  label: string;
  overrides: { path: string; value: unknown }[];
  /** Its report directory relative to the sweep's: `points/<id>`. */
  dir: string;
  summary: Summary;
}

/** A swept path and its distinct values in grid order. */
export interface SweepAxis {
  path: string;
  values: unknown[];
}

/** Text of a swept value, as in point labels: strings as written, others as JSON. */
export function showValue(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
}

function valueKey(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

/** A swept value as a number: numbers, numeric strings, durations (in seconds). */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : parseDuration(t);
}

function isDurationText(v: unknown): boolean {
  return typeof v === 'string' && !Number.isFinite(Number(v)) && parseDuration(v) !== undefined;
}

/**
 * The points in index order with their summaries. A result without a point (a scenario
 * without sweep) counts as point <its position>, "base scenario", no overrides.
 */
export function sweepEntries(points: readonly SweepInput[]): SweepEntry[] {
  const raw = points
    .map((p, i) => ({
      index: p.point?.index ?? i,
      label: p.point?.label ?? 'base scenario',
      overrides: p.point?.overrides ?? [],
      result: p.result,
    }))
    .sort((a, b) => a.index - b.index);
  raw.forEach((r, i) => {
    if (i > 0 && raw[i - 1].index === r.index) throw new Error(`sweep point ${r.index} is twice`);
  });
  const width = Math.max(2, String(raw.at(-1)?.index ?? 0).length);
  return raw.map((r) => {
    const id = String(r.index).padStart(width, '0');
    return {
      index: r.index,
      id,
      label: r.label,
      overrides: r.overrides,
      dir: `points/${id}`,
      summary: summarize(r.result),
    };
  });
}

/** The swept paths in order of first appearance, each with its distinct values. */
export function sweepAxes(entries: readonly SweepEntry[]): SweepAxis[] {
  const axes = new Map<string, { values: unknown[]; seen: Set<string> }>();
  for (const e of entries) {
    for (const o of e.overrides) {
      let a = axes.get(o.path);
      if (!a) {
        a = { values: [], seen: new Set() };
        axes.set(o.path, a);
      }
      const k = valueKey(o.value);
      if (!a.seen.has(k)) {
        a.seen.add(k);
        a.values.push(o.value);
      }
    }
  }
  return [...axes].map(([path, a]) => ({ path, values: a.values }));
}

function valueAt(e: SweepEntry, path: string): unknown {
  return e.overrides.find((o) => o.path === path)?.value;
}

/** Strategy names of every point, in order of first appearance. */
export function sweepStrategies(entries: readonly SweepEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.summary.strategies.map((s) => s.name)))];
}

/** Metric names of every strategy of every point, in catalog order. */
export function sweepMetrics(entries: readonly SweepEntry[]): string[] {
  return sortMetricNames(
    entries.flatMap((e) => e.summary.strategies.flatMap((s) => Object.keys(s.metrics))),
  );
}

function estimate(e: SweepEntry, strategy: string, metric: string): Estimate | undefined {
  return e.summary.strategies.find((s) => s.name === strategy)?.metrics[metric];
}

function csvValue(v: unknown): string | number | undefined {
  if (v === undefined || typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * sweep.csv: one row per point × strategy × metric (the union over points and strategies,
 * so the table is rectangular; a missing estimate has empty values and n = 0).
 */
export function sweepCsv(entries: readonly SweepEntry[], axes: readonly SweepAxis[]): string {
  const strategies = sweepStrategies(entries);
  const metrics = sweepMetrics(entries);
  const chunks = [
    csvLine([
      'point',
      'label',
      ...axes.map((a) => a.path),
      'strategy',
      'metric',
      'mean',
      'ci95Low',
      'ci95High',
      'n',
    ]),
  ];
  for (const e of entries) {
    const head = [e.index, e.label, ...axes.map((a) => csvValue(valueAt(e, a.path)))];
    for (const s of strategies) {
      for (const m of metrics) {
        const est = estimate(e, s, m);
        chunks.push(
          csvLine([...head, s, m, est?.mean, est?.ci95?.[0], est?.ci95?.[1], est ? est.n : 0]),
        );
      }
    }
  }
  return chunks.join('');
}

/** sweep.json (canonical: sorted keys, rounded numbers, no wall clock). */
export function sweepJson(entries: readonly SweepEntry[], axes: readonly SweepAxis[]): string {
  const first = entries[0]?.summary.scenario;
  return canonicalJson({
    schema: SWEEP_SCHEMA,
    scenario: { name: first?.name ?? '', description: first?.description ?? '' },
    parameters: axes,
    strategies: sweepStrategies(entries),
    points: entries.map((e) => ({
      index: e.index,
      label: e.label,
      overrides: e.overrides,
      dir: e.dir,
      summary: e.summary,
    })),
  });
}

/** The chart with a category x axis: x positions 0..k−1 become the labels. */
function categoryX(spec: ChartSpec, labels: readonly string[]): ChartSpec {
  const config = structuredClone(spec.config);
  config.data.labels = [...labels];
  for (const ds of config.data.datasets) {
    const data = ds.data as { x: number; y: Json }[];
    ds.data = data.map((p) => ({ x: labels[p.x], y: p.y }));
  }
  const scales = config.options.scales as { [key: string]: { [key: string]: Json } };
  scales.x = { ...scales.x, type: 'category' };
  return { ...spec, config };
}

/**
 * Sweep curves of the headline metrics (pure): the first swept path on x (log scale when
 * its values are positive and span more than a factor of 20), one chart per combination
 * of the other paths' values. No chart without a swept path, or without a finite mean.
 */
export function sweepCharts(
  entries: readonly SweepEntry[],
  axes: readonly SweepAxis[],
): ChartSpec[] {
  if (axes.length === 0) return [];
  const [xAxis, ...fixed] = axes;
  const xs = xAxis.values.map(numericValue);
  const numeric = xs.every((x) => x !== undefined);
  const nums = xs as number[];
  const logX = numeric && nums.every((x) => x > 0) && Math.max(...nums) > 20 * Math.min(...nums);
  const parameter = axisTitle(xAxis.path, numeric && xAxis.values.some(isDurationText), {
    strategies: entries[0]?.summary.strategies.map((s) => s.name),
  });
  const xKeys = xAxis.values.map(valueKey);
  const groups = new Map<string, { values: unknown[]; entries: SweepEntry[] }>();
  for (const e of entries) {
    const values = fixed.map((a) => valueAt(e, a.path));
    const key = valueKey(values.map(valueKey));
    const g = groups.get(key) ?? { values, entries: [] };
    g.entries.push(e);
    groups.set(key, g);
  }
  const strategies = sweepStrategies(entries);
  const width = Math.max(2, String(groups.size - 1).length);
  const charts: ChartSpec[] = [];
  for (const metric of HEADLINE_METRICS) {
    [...groups.values()].forEach((g, gi) => {
      const pts: CurvePoint[] = [];
      for (const s of strategies) {
        for (const e of g.entries) {
          const est = estimate(e, s, metric);
          const pos = xKeys.indexOf(valueKey(valueAt(e, xAxis.path)));
          if (!est || pos < 0) continue;
          pts.push({ strategy: s, x: numeric ? nums[pos] : pos, mean: est.mean, ci95: est.ci95 });
        }
      }
      if (!pts.some((p) => Number.isFinite(p.mean))) return;
      const where = fixed.map((a, k) => `${a.path}=${showValue(g.values[k])}`).join(', ');
      const id =
        groups.size > 1 ? `sweep-${metric}-${String(gi).padStart(width, '0')}` : `sweep-${metric}`;
      let spec = sweepChart(pts, {
        metric,
        parameter,
        logX,
        id,
        subtitle: where ? `at ${where}; mean with 95% CI band over replications` : undefined,
      });
      if (where) spec = { ...spec, caption: `${spec.caption} Other swept paths at ${where}.` };
      charts.push(numeric ? spec : categoryX(spec, xAxis.values.map(showValue)));
    });
  }
  return charts;
}

const CI_NOTE =
  'Cells: mean ± half-width of the 95% Student-t confidence interval over replications; (n=1) marks a single replication (no interval).';

/** "03: 300, 1000": the point's id and its swept values (or its label without axes). */
function pointCell(e: SweepEntry, axes: readonly SweepAxis[]): string {
  const values = axes.map((a) => showValue(valueAt(e, a.path))).join(', ');
  return `${e.id}: ${axes.length > 0 ? values : e.label}`;
}

/** Per headline metric present in the sweep: points as rows, strategies as columns. */
export function sweepTables(entries: readonly SweepEntry[], axes: readonly SweepAxis[]): Table[] {
  const strategies = sweepStrategies(entries);
  const present = new Set(sweepMetrics(entries));
  const head = axes.length > 0 ? `Point: ${axes.map((a) => a.path).join(', ')}` : 'Point';
  return HEADLINE_METRICS.filter((m) => present.has(m)).map((metric) => ({
    id: `table-${metric}`,
    title: labelWithUnit(metric),
    headers: [head, ...strategies],
    rows: entries.map((e) => [
      pointCell(e, axes),
      ...strategies.map((s) => fmtEstimate(estimate(e, s, metric))),
    ]),
    note: CI_NOTE,
  }));
}

function factLines(entries: readonly SweepEntry[], axes: readonly SweepAxis[]): string[] {
  const s = entries[0].summary.scenario;
  const grid = axes.map((a) => `${a.path} (${a.values.map(showValue).join(', ')})`).join(' × ');
  return [
    `${entries.length} point(s)${grid ? ` over ${grid}` : ''}`,
    `Strategies: ${sweepStrategies(entries).join(', ')}; baseline: ${s.baseline}`,
    `Per point: measured ${fmtDuration(s.durationS)}${s.warmupS > 0 ? ` after a warm-up of ${fmtDuration(s.warmupS)}` : ''}, ${s.replications} replication(s); its full report is in points/<NN>/`,
  ];
}

/** summary.md of the sweep: question, points with links, the tables, the chart list. */
export function sweepMarkdown(
  entries: readonly SweepEntry[],
  axes: readonly SweepAxis[],
  tables: readonly Table[],
  charts: readonly ChartSpec[],
): string {
  const s = entries[0].summary.scenario;
  const head = [`# hbsim sweep: ${s.name}`, ''];
  if (s.description) head.push(s.description.trim(), '');
  head.push(...factLines(entries, axes).map((f) => `- ${f}`), '');
  const points: Table = {
    id: 'points',
    title: 'Points',
    headers: ['Point', 'Overrides', 'Report'],
    rows: entries.map((e) => [e.id, e.label, `[${e.dir}/summary.md](${e.dir}/summary.md)`]),
  };
  return joinBlocks([
    ...head,
    '## Points',
    '',
    markdownTable(points),
    '',
    ...tables.map((t) => markdownSection(t)),
    markdownChartList(charts),
  ]);
}

function insertAfter(html: string, marker: string, text: string): string {
  const at = html.indexOf(marker);
  if (at < 0) throw new Error(`report.html template changed: no ${JSON.stringify(marker)}`);
  return html.slice(0, at + marker.length) + text + html.slice(at + marker.length);
}

/** report.html of the sweep: the report page (tables, interactive charts) plus the points. */
export function sweepHtml(
  entries: readonly SweepEntry[],
  axes: readonly SweepAxis[],
  tables: readonly Table[],
  charts: readonly ChartSpec[],
  chartFiles: boolean,
): string {
  const s = entries[0].summary.scenario;
  const page = reportHtml({
    title: `hbsim sweep: ${s.name}`,
    lead: s.description ? [s.description] : [],
    facts: factLines(entries, axes),
    tables,
    charts,
    chartFiles,
  });
  const rows = entries
    .map(
      (e) =>
        `<tr><th scope="row">${escapeHtml(e.id)}</th><td>${escapeHtml(e.label)}</td><td><a href="${e.dir}/report.html">report.html</a> · <a href="${e.dir}/summary.md">summary.md</a></td></tr>`,
    )
    .join('\n');
  const section = `<section id="points">
<h2>Points</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">Point</th><th scope="col">Overrides</th><th scope="col">Report</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>
`;
  const withNav = insertAfter(page, '<nav><ul>', '<li><a href="#points">Points</a></li>');
  return insertAfter(withNav, '<main>\n', section);
}

/**
 * Writes the sweep report directory `dir` (replacing a previous report there) from the
 * results of every point. Returns the written files as paths under `dir`.
 */
export async function writeSweepReport(
  dir: string,
  points: readonly SweepInput[],
  opts: WriteReportOptions,
): Promise<{ files: string[] }> {
  if (points.length === 0) throw new Error('a sweep report needs at least one point');
  const entries = sweepEntries(points);
  const axes = sweepAxes(entries);
  const tables = sweepTables(entries, axes);
  const charts = sweepCharts(entries, axes);
  const byIndex = new Map(points.map((p, i) => [p.point?.index ?? i, p.result]));
  const written: string[] = [];
  await buildDirAtomic(dir, async (tmp) => {
    const put = async (name: string, data: string | Uint8Array) => {
      await writeFileAtomic(join(tmp, name), data);
      written.push(name);
    };
    for (const e of entries) {
      const { files } = await writeReport(join(tmp, e.dir), byIndex.get(e.index)!, opts);
      written.push(...files.map((f) => relative(tmp, f)));
    }
    await put('sweep.csv', sweepCsv(entries, axes));
    await put('sweep.json', sweepJson(entries, axes));
    if (opts.charts) {
      for (const c of charts) {
        for (const [name, data] of chartFiles(c, opts.figures)) await put(name, data);
      }
    }
    await put('summary.md', sweepMarkdown(entries, axes, tables, opts.charts ? charts : []));
    await put('report.html', sweepHtml(entries, axes, tables, charts, opts.charts));
  });
  return { files: written.map((f) => join(dir, f)) };
}
