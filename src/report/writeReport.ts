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
import { fmtNumber } from './format.js';
import { reportHtml } from './html.js';
import type { FigureStyle } from './figureStyle.js';
import { analysisLine, measuredLine, summaryMarkdown } from './markdown.js';
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
  return `${JSON.stringify({ schema: RUNS_SCHEMA, scenario: result.scenario, runs: result.runs, pilots: result.pilots, meta: result.meta })}\n`;
}

function htmlFacts(summary: Summary, result: ExperimentResult): string[] {
  const s = summary.scenario;
  const m = result.meta;
  const rate = m.wallS > 0 ? `, ${fmtNumber(m.events / m.wallS, 3)} events/s` : '';
  return [
    `Scenario hash ${s.hash}, seed ${s.seed}`,
    `${measuredLine(s)}, ${s.replications} replication(s), ${s.phones} phones`,
    analysisLine(summary),
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
  await buildDirAtomic(
    dir,
    async (tmp) => {
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
    },
    { identity: { scenario: result.scenario.name, hash: result.scenario.hash } },
  );
  return { files: written.map((f) => join(dir, f)) };
}

/** A stored file (runs.json) that is missing, damaged or inconsistent; names the file. */
export class StoredStateError extends Error {
  override name = 'StoredStateError';
}

/** Why `data` is not a complete, consistent runs file, or undefined. */
function runsProblem(data: Partial<ExperimentResult> & { schema?: string }): string | undefined {
  if (typeof data !== 'object' || data === null) return 'not a JSON object';
  if (data.schema !== RUNS_SCHEMA)
    return `not an hbsim runs file (expected schema "${RUNS_SCHEMA}")`;
  const sc = data.scenario;
  if (!sc || !Array.isArray(sc.strategies) || !Number.isInteger(sc.replications)) {
    return 'its scenario block is missing or damaged';
  }
  if (!data.meta || typeof data.meta !== 'object') return 'its meta block is missing';
  if (!Array.isArray(data.runs) || data.runs.length === 0) return 'it holds no runs';
  const seen = new Set<string>();
  for (const [i, r] of data.runs.entries()) {
    if (typeof r !== 'object' || r === null) return `runs[${i}] is not a run`;
    if (!sc.strategies.includes(r.strategy)) {
      return `runs[${i}] is of strategy ${JSON.stringify(r.strategy)}, which the scenario does not have (${sc.strategies.join(', ')})`;
    }
    if (!Number.isInteger(r.replication) || r.replication < 0 || r.replication >= sc.replications) {
      return `runs[${i}] has replication ${JSON.stringify(r.replication)}, outside 0..${sc.replications - 1}`;
    }
    const key = `${r.strategy}#${r.replication}`;
    if (seen.has(key))
      return `runs[${i}] repeats strategy ${r.strategy} replication ${r.replication}`;
    seen.add(key);
    if (typeof r.metrics !== 'object' || r.metrics === null || typeof r.series !== 'object') {
      return `runs[${i}] has no metrics or series`;
    }
    for (const [m, v] of Object.entries(r.metrics)) {
      if (typeof v !== 'number' && v !== null) return `runs[${i}].metrics.${m} is not a number`;
    }
  }
  const want = sc.strategies.length * sc.replications;
  if (data.runs.length !== want) {
    return `it holds ${data.runs.length} runs, but its scenario has ${sc.strategies.length} strategies × ${sc.replications} replications = ${want}`;
  }
  return undefined;
}

/** Reads the runs.json of a report directory back into an ExperimentResult (checked). */
export async function readRunsJson(dir: string): Promise<ExperimentResult> {
  const file = join(dir, 'runs.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StoredStateError(
      `${file}: ${code === 'ENOENT' ? 'no such file (is this a report directory written by hbsim run?)' : (err as Error).message}`,
    );
  }
  let data: Partial<ExperimentResult> & { schema?: string };
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new StoredStateError(
      `${file}: not valid JSON, perhaps cut short (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const problem = runsProblem(data);
  if (problem)
    throw new StoredStateError(`${file}: ${problem}; the report cannot be rebuilt from it`);
  return { scenario: data.scenario!, runs: data.runs!, pilots: data.pilots, meta: data.meta! };
}

/** Rebuilds every file of a report directory (charts, tables, HTML) from its runs.json. */
export async function rebuildReport(
  dir: string,
  opts: WriteReportOptions = { charts: true },
): Promise<{ files: string[] }> {
  return writeReport(dir, await readRunsJson(dir), opts);
}
