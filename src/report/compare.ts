/**
 * Comparing several reports (e.g. the same strategies on different networks): tables with
 * one row per input × strategy and grouped bar charts (strategy groups, one bar per input),
 * from the inputs' summary.json files alone.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildDirAtomic, writeFileAtomic } from './atomicFs.js';
import { canonicalJson } from './canonicalJson.js';
import type { ChartSpec } from './chartSpec.js';
import { barChart } from './barCharts.js';
import { reportHtml } from './html.js';
import { joinBlocks, markdownChartList, markdownSection, scenarioLines } from './markdown.js';
import { HEADLINE_METRICS, labelWithUnit } from './metrics.js';
import type { FigureStyle } from './figureStyle.js';
import { chartFiles } from './render.js';
import { colorAt } from './style.js';
import { SUMMARY_SCHEMA } from './summary.js';
import {
  carriersTable,
  familyTables,
  perPhoneTables,
  pooledLatencyTable,
  type RowSource,
  reconnectCausesTable,
  type Table,
  vsBaselineTable,
} from './tables.js';
import type { ExperimentResult, Summary } from './types.js';
import { readRunsJson } from './writeReport.js';
import { pairedAcrossInputs, scenarioDiffLines } from './compareDiff.js';

export const COMPARE_SCHEMA = 'hbsim.compare/1';

export interface CompareInput {
  label: string;
  dir: string;
  summary: Summary;
}

/** null in JSON stands for NaN in the estimate fields (no data). */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'ci95' && Array.isArray(v)) out[k] = v.map((x) => (x === null ? Number.NaN : x));
    else if (v === null && k !== 'pushLatencyPooled' && k !== 'ci95') out[k] = Number.NaN;
    else out[k] = revive(v);
  }
  return out;
}

export async function readSummary(dir: string): Promise<Summary> {
  const file = join(dir, 'summary.json');
  const data = revive(JSON.parse(await readFile(file, 'utf8'))) as Summary;
  if (data?.schema !== SUMMARY_SCHEMA || !Array.isArray(data.strategies)) {
    throw new Error(`${file}: not an hbsim summary (expected schema "${SUMMARY_SCHEMA}")`);
  }
  return data;
}

/** Scenario names, made unique with the directory name (and a number) where they clash. */
export function inputLabels(inputs: readonly { dir: string; summary: Summary }[]): string[] {
  const names = inputs.map((x) => x.summary.scenario.name);
  const labels = inputs.map((x, i) =>
    names.filter((n) => n === names[i]).length > 1 ? `${names[i]} (${basename(x.dir)})` : names[i],
  );
  return labels.map((l, i) => (labels.filter((x) => x === l).length > 1 ? `${l} #${i + 1}` : l));
}

function compareRows(inputs: readonly CompareInput[]): RowSource[] {
  return inputs.flatMap((input) =>
    input.summary.strategies.map((s) => ({
      labels: [input.label, s.isBaseline ? `${s.name} (baseline)` : s.name],
      strategy: s,
    })),
  );
}

export function compareTables(inputs: readonly CompareInput[]): Table[] {
  const rows = compareRows(inputs);
  const h = ['Input', 'Strategy'];
  const vs = inputs.map((input) => {
    const t = vsBaselineTable(input.summary);
    return t
      ? { ...t, id: `${t.id}-${inputs.indexOf(input) + 1}`, title: `${t.title}: ${input.label}` }
      : null;
  });
  return [
    ...familyTables(rows, h),
    ...vs,
    reconnectCausesTable(rows, h),
    carriersTable(rows, h),
    ...perPhoneTables(rows, h),
    pooledLatencyTable(rows, h),
  ].filter((t): t is Table => t !== null);
}

/** Grouped bars per headline metric: strategies on the x axis, one bar (and colour) per input. */
export function compareCharts(inputs: readonly CompareInput[]): ChartSpec[] {
  const strategies = [...new Set(inputs.flatMap((x) => x.summary.strategies.map((s) => s.name)))];
  const charts: ChartSpec[] = [];
  for (const metric of HEADLINE_METRICS) {
    const series = inputs.map((input, i) => ({
      label: input.label,
      color: colorAt(i),
      values: strategies.map(
        (name) => input.summary.strategies.find((s) => s.name === name)?.metrics[metric],
      ),
    }));
    if (!series.some((s) => s.values.some((e) => e && Number.isFinite(e.mean)))) continue;
    charts.push(
      barChart({
        id: `compare-${metric}`,
        metric,
        categories: strategies,
        series,
        legend: true,
        subtitle: `${inputs.length} inputs: mean and 95% CI over replications`,
        caption: `${labelWithUnit(metric)} per strategy, one bar per input (mean and 95% CI over that input's replications).`,
        xTitle: 'Strategy',
      }),
    );
  }
  return charts;
}

function compareMarkdown(
  inputs: readonly CompareInput[],
  differences: readonly string[],
  tables: readonly Table[],
  charts: readonly ChartSpec[],
): string {
  const head = ['# hbsim comparison', ''];
  if (differences.length > 0)
    head.push('## How the inputs differ', '', ...differences.map((l) => `- ${l}`), '');
  for (const input of inputs) {
    head.push(
      `## Input: ${input.label}`,
      '',
      `From \`${input.dir}\`.`,
      '',
      ...scenarioLines(input.summary),
      '',
    );
  }
  return joinBlocks([...head, ...tables.map((t) => markdownSection(t)), markdownChartList(charts)]);
}

export interface CompareOptions {
  charts: boolean;
  figures?: FigureStyle;
  /** One label per input (CLI --label), in input order; default: scenario names. */
  labels?: string[];
}

/**
 * Against the first input: how each other input's scenario differs, and paired differences
 * where both used the same seed (needs the inputs' runs.json; skipped without it).
 */
function inputDifferences(
  inputs: readonly CompareInput[],
  results: readonly (ExperimentResult | null)[],
): { lines: string[]; tables: Table[] } {
  const lines: string[] = [];
  const tables: Table[] = [];
  const [ref] = results;
  if (!ref) return { lines, tables };
  results.forEach((r, i) => {
    if (i === 0 || !r) return;
    lines.push(...scenarioDiffLines(inputs[0].label, inputs[i].label, ref, r));
    const t = pairedAcrossInputs(inputs[0].label, inputs[i].label, ref, r);
    if (t) tables.push({ ...t, id: `${t.id}-${i + 1}` });
  });
  return { lines, tables };
}

/**
 * Reads each directory's summary.json and writes, into `outDir`, compare.json (the inputs'
 * summaries), summary.md, charts (grouped bars) and report.html.
 */
export async function compareReports(
  dirs: string[],
  outDir: string,
  opts: CompareOptions = { charts: true },
): Promise<{ files: string[] }> {
  if (dirs.length === 0) throw new Error('compareReports: no report directories given');
  if (opts.labels && opts.labels.length !== dirs.length) {
    throw new Error(
      `--label: expected one label per input (${dirs.length}), found ${opts.labels.length}`,
    );
  }
  const summaries = await Promise.all(dirs.map(readSummary));
  const labels = opts.labels ?? inputLabels(dirs.map((dir, i) => ({ dir, summary: summaries[i] })));
  // runs.json (kept by every report) gives the resolved scenarios and per-replication values.
  const results = await Promise.all(dirs.map((d) => readRunsJson(d).catch(() => null)));
  const inputs: CompareInput[] = dirs.map((dir, i) => ({
    label: labels[i],
    dir,
    summary: summaries[i],
  }));
  const differences = inputDifferences(inputs, results);
  const tables = [...differences.tables, ...compareTables(inputs)];
  const charts = compareCharts(inputs);
  const written: string[] = [];
  await buildDirAtomic(outDir, async (tmp) => {
    const put = async (name: string, data: string | Uint8Array) => {
      await writeFileAtomic(join(tmp, name), data);
      written.push(name);
    };
    await put('compare.json', canonicalJson({ schema: COMPARE_SCHEMA, inputs }));
    await put(
      'summary.md',
      compareMarkdown(inputs, differences.lines, tables, opts.charts ? charts : []),
    );
    if (opts.charts) {
      for (const c of charts) {
        for (const [name, data] of chartFiles(c, opts.figures)) await put(name, data);
      }
    }
    await put(
      'report.html',
      reportHtml({
        title: 'hbsim comparison',
        lead: [`Comparing ${inputs.length} reports: ${labels.join('; ')}.`, ...differences.lines],
        facts: inputs.map((x) => {
          const s = x.summary.scenario;
          return `${x.label}: ${x.dir}, hash ${s.hash}, seed ${s.seed}, ${s.replications} replication(s), ${s.phones} phones, baseline ${s.baseline}`;
        }),
        tables,
        charts,
        chartFiles: opts.charts,
      }),
    );
  });
  return { files: written.map((f) => join(outDir, f)) };
}
