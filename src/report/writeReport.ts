/**
 * The report entry points: writeReport() turns an experiment's raw runs into the report
 * directory described in reports/README.md; rebuildReport() redraws it from the runs.json it keeps.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chartJsVersion } from './assets.js';
import { headlineTable } from './answer.js';
import { buildDirAtomic, writeFileAtomic } from './atomicFs.js';
import { canonicalJson } from './canonicalJson.js';
import { reportCharts } from './charts.js';
import { runsCsv, timeseriesCsv } from './csv.js';
import { fmtDuration, fmtNumber } from './format.js';
import { reportHtml } from './html.js';
import { summaryMarkdown } from './markdown.js';
import type { FigureStyle } from './figureStyle.js';
import { chartFiles } from './render.js';
import { summarize } from './summary.js';
import { summaryTables } from './tables.js';
import type { ExperimentResult, Summary } from './types.js';

export const RUNS_SCHEMA = 'hbsim.runs/1';
export const META_SCHEMA = 'hbsim.meta/1';

export interface WriteReportOptions {
  /** Render charts/*.png, *.svg and *.pdf (the HTML has interactive charts either way). */
  charts: boolean;
  /** Look of the chart files (default: the screen style of the HTML). */
  figures?: FigureStyle;
}

/** meta.json: how the experiment ran (versions, timing); the one file with wall-clock facts. */
export function metaJson(result: ExperimentResult): string {
  const m = result.meta;
  return canonicalJson({
    schema: META_SCHEMA,
    hbsimVersion: m.hbsimVersion,
    node: m.node,
    chartJs: chartJsVersion(),
    wallS: m.wallS,
    events: m.events,
    eventsPerS: m.wallS > 0 ? m.events / m.wallS : null,
    jobs: m.jobs,
  });
}

/** runs.json: everything needed to rebuild the report, compact. */
export function runsJson(result: ExperimentResult): string {
  return `${JSON.stringify({ schema: RUNS_SCHEMA, scenario: result.scenario, runs: result.runs, meta: result.meta })}\n`;
}

function htmlFacts(summary: Summary, result: ExperimentResult): string[] {
  const s = summary.scenario;
  const m = result.meta;
  const rate = m.wallS > 0 ? `, ${fmtNumber(m.events / m.wallS, 3)} events/s` : '';
  return [
    `Scenario hash ${s.hash}, seed ${s.seed}`,
    `Simulated ${fmtDuration(s.durationS)} (warm-up ${fmtDuration(s.warmupS)} excluded from metrics), ${s.replications} replication(s), ${s.phones} phones`,
    `Strategies: ${summary.strategies.map((x) => x.name).join(', ')}; baseline: ${s.baseline}`,
    `hbsim ${m.hbsimVersion}, Node ${m.node}, Chart.js ${chartJsVersion()}; ${fmtNumber(m.events, 6)} events in ${fmtNumber(m.wallS, 3)} s wall time on ${m.jobs} job(s)${rate}`,
  ];
}

/**
 * Writes the report directory `dir` (replacing a previous report there). Returns the
 * written files as paths under `dir`.
 */
export async function writeReport(
  dir: string,
  result: ExperimentResult,
  opts: WriteReportOptions,
): Promise<{ files: string[] }> {
  const summary = summarize(result);
  const tables = summaryTables(summary);
  const charts = reportCharts(result, summary);
  const written: string[] = [];
  await buildDirAtomic(dir, async (tmp) => {
    const put = async (name: string, data: string | Uint8Array) => {
      await writeFileAtomic(join(tmp, name), data);
      written.push(name);
    };
    await put('summary.json', canonicalJson(summary));
    await put('summary.md', summaryMarkdown(summary, tables, opts.charts ? charts : []));
    await put('runs.csv', runsCsv(result));
    await put('timeseries.csv', timeseriesCsv(result));
    await put('runs.json', runsJson(result));
    await put('meta.json', metaJson(result));
    if (opts.charts) {
      for (const c of charts) {
        for (const [name, data] of chartFiles(c, opts.figures)) await put(name, data);
      }
    }
    await put(
      'report.html',
      reportHtml({
        title: `hbsim report: ${summary.scenario.name}`,
        lead: summary.scenario.description ? [summary.scenario.description] : [],
        facts: htmlFacts(summary, result),
        tables,
        charts,
        chartFiles: opts.charts,
        echo: { summary: 'Scenario', value: result.scenario.echo },
        answer: {
          charts: charts.filter((c) => c.id.startsWith('tradeoff-')),
          table: headlineTable(summary),
        },
      }),
    );
  });
  return { files: written.map((f) => join(dir, f)) };
}

/** Reads the runs.json of a report directory back into an ExperimentResult. */
export async function readRunsJson(dir: string): Promise<ExperimentResult> {
  const file = join(dir, 'runs.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as Partial<ExperimentResult> & {
    schema?: string;
  };
  if (data.schema !== RUNS_SCHEMA || !data.scenario || !Array.isArray(data.runs) || !data.meta) {
    throw new Error(`${file}: not an hbsim runs file (expected schema "${RUNS_SCHEMA}")`);
  }
  return { scenario: data.scenario, runs: data.runs, meta: data.meta };
}

/** Rebuilds every file of a report directory (charts, tables, HTML) from its runs.json. */
export async function rebuildReport(
  dir: string,
  opts: WriteReportOptions = { charts: true },
): Promise<{ files: string[] }> {
  return writeReport(dir, await readRunsJson(dir), opts);
}
