import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { buildDirAtomic, writeFileAtomic } from '../report/atomicFs.js';
import { canonicalJson } from '../report/canonicalJson.js';
import type { ChartSpec } from '../report/chartSpec.js';
import { csvLine } from '../report/csv.js';
import type { FigureStyle } from '../report/figureStyle.js';
import { fmtNumber as fmt } from '../report/format.js';
import { escapeHtml, reportHtml } from '../report/html.js';
import { labelWithUnit, metricInfo } from '../report/metrics.js';
import { chartFiles } from '../report/render.js';
import type { Table } from '../report/tables.js';
import { type AxisLimit, groupedTradeoffChart } from '../report/tradeoffCharts.js';
import { parsePath } from '../scenario/paths.js';
import type { Scenario } from '../scenario/scenario.js';
import { formatDuration } from '../scenario/units.js';
import { TRADEOFF_METRICS } from './candidate.js';
import type { CandidateRecord, MetricEstimate, ScopeResult, TuneResult } from './result.js';

/** tune.csv, tune.json, the ready scenario snippet, the trade-off charts and report.html. */

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Every evaluated candidate: its values, replications, status, and mean and 95% CI of each tracked metric. */
export function tuneCsv(result: TuneResult): string {
  const params = result.tune.params.map((p) => p.path);
  const metrics = Object.keys(result.scopes[0]?.candidates[0]?.metrics ?? {});
  let out = csvLine([
    'scope',
    'candidate',
    'phase',
    ...params,
    'replications',
    'status',
    ...metrics.flatMap((m) => [`${m}_mean`, `${m}_ci95_lo`, `${m}_ci95_hi`]),
  ]);
  for (const s of result.scopes) {
    for (const c of s.candidates) {
      out += csvLine([
        s.scope,
        c.id,
        c.phase,
        ...params.map((p) => show(c.values[p])),
        c.replications,
        c.status,
        ...metrics.flatMap((m) => {
          const e = c.metrics[m];
          return [e?.mean, e?.ci95?.[0], e?.ci95?.[1]];
        }),
      ]);
    }
  }
  return out;
}

export function tuneJson(result: TuneResult): string {
  return canonicalJson(result);
}

/**
 * The tuned strategy as a scenario entry: the file's entry with the tuned values put in.
 * Values at paths outside the strategy become `--set` lines.
 */
export function tunedSnippet(base: Scenario, result: TuneResult, scope: ScopeResult): string {
  const spec = result.tune;
  const doc = base.document as { strategies?: unknown[] };
  const raw = doc.strategies?.[spec.strategyIndex];
  const entry: Record<string, unknown> =
    typeof raw === 'object' && raw !== null
      ? structuredClone(raw as Record<string, unknown>)
      : { type: raw };
  entry.name =
    scope.scope === 'population' ? `${spec.strategy}-tuned` : `${spec.strategy}-${scope.scope}`;
  const sets: string[] = [];
  for (const [path, value] of Object.entries(scope.best?.values ?? {})) {
    const seg = parsePath(path);
    if (seg[0] === 'strategies' && (seg[1] === spec.strategyIndex || seg[1] === spec.strategy)) {
      let at: Record<string, unknown> = entry;
      for (const k of seg.slice(2, -1)) {
        if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
        at = at[k] as Record<string, unknown>;
      }
      at[seg[seg.length - 1] as string] = value;
    } else sets.push(`--set ${path}=${show(value)}`);
  }
  const yaml = stringify({ strategies: [entry] }).trimEnd();
  return sets.length > 0 ? `${yaml}\n# and, outside the strategy: ${sets.join(' ')}` : yaml;
}

/**
 * A scenario comparing the tuned strategy with the file's strategies (the built-ins it
 * lists) on the same world: the file without its tune block, the tuned entry appended.
 * Only for one population-wide policy (a per-carrier answer is not one strategy).
 */
export function compareScenario(base: Scenario, result: TuneResult): string | undefined {
  const scope = result.scopes[0];
  if (result.tune.scope !== 'population' || !scope?.best) return undefined;
  const doc = structuredClone(base.document) as Record<string, unknown>;
  delete doc.tune;
  delete doc.sweep;
  doc.name = `${base.name}-compare`;
  // A comparison wants intervals: five replications unless the file asks for some.
  doc.replications ??= 5;
  const tuned = (
    parseYaml(tunedSnippet(base, result, scope).split('\n# and')[0]) as {
      strategies: unknown[];
    }
  ).strategies[0];
  doc.strategies = [...(doc.strategies as unknown[]), tuned];
  const sets = Object.entries(scope.best.values).filter(([path]) => {
    const seg = parsePath(path);
    return !(
      seg[0] === 'strategies' &&
      (seg[1] === result.tune.strategyIndex || seg[1] === result.tune.strategy)
    );
  });
  const note =
    sets.length > 0
      ? `# The tune also set: ${sets.map(([k, v]) => `${k}=${show(v)}`).join(', ')} (not applied here)\n`
      : '';
  return `# Written by hbsim tune: the file's strategies and the tuned one on the same world.\n# hbsim run compare.yaml\n${note}${stringify(doc)}`;
}

/** The snippets of every scope, commented, as printed after a tune. */
export function snippetText(base: Scenario, result: TuneResult): string {
  const parts = result.scopes
    .filter((s) => s.best)
    .map(
      (s) =>
        `# ${s.scope === 'population' ? 'tuned for the whole population' : `tuned for carrier ${s.scope}`}\n${tunedSnippet(base, result, s)}`,
    );
  return `${parts.join('\n')}\n`;
}

function estText(e: MetricEstimate | undefined): string {
  if (!e || !Number.isFinite(e.mean)) return '–';
  return e.ci95 ? `${fmt(e.mean)} [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]` : fmt(e.mean);
}

/** The per-scope answer: one row per scope (per network with scope per-carrier). */
export function bestTable(result: TuneResult): Table {
  const spec = result.tune;
  const params = spec.params.map((p) => p.path);
  return {
    id: 'tuned',
    title: spec.scope === 'per-carrier' ? 'Tuned policy per network' : 'Tuned policy',
    headers: [
      'Scope',
      ...params,
      `${spec.objective.goal === 'min' ? 'Minimised' : 'Maximised'}: ${labelWithUnit(spec.objective.metric)}`,
      ...spec.constraints.map(
        (c) =>
          `${metricInfo(c.metric).label} ${c.op === '<=' ? '≤' : '≥'} ${c.bound} (${Math.round(c.confidence * 100)}%)`,
      ),
      'P(all hold)',
      'vs the file’s values',
      'Replications',
    ],
    rows: result.scopes.map((s) => {
      const b = s.best;
      if (!b)
        return [
          s.scope,
          ...params.map(() => '–'),
          'no candidate met the constraints',
          ...spec.constraints.map(() => '–'),
          '–',
          '–',
          '–',
        ];
      return [
        s.scope,
        ...params.map((p) => show(b.values[p])),
        estText(b.objective),
        ...b.constraints.map(
          (c) =>
            `${estText({ mean: c.mean, ci95: c.ci95, n: 0 })}; bound ${fmt(c.oneSided)} ${c.holds ? 'holds' : 'not shown'}`,
        ),
        Number.isFinite(b.probabilityAllHold) ? fmt(b.probabilityAllHold) : '–',
        b.vsDefault
          ? `${fmt(b.vsDefault.meanDiff)}${b.vsDefault.ci95 ? ` [${fmt(b.vsDefault.ci95[0])}, ${fmt(b.vsDefault.ci95[1])}]` : ''}`
          : '–',
        String(b.replications),
      ];
    }),
    note: `Mean [95% CI] over replications on common random numbers. A constraint "holds" when its one-sided ${Math.round((spec.constraints[0]?.confidence ?? spec.confidence) * 100)}% bound is within the limit; P(all hold) multiplies each constraint's estimated probability. "vs the file’s values": paired difference of the objective, tuned − file (same worlds).`,
  };
}

function constraintLimits(result: TuneResult, xMetric: string, yMetric: string): AxisLimit[] {
  const out: AxisLimit[] = [];
  for (const c of result.tune.constraints) {
    const label = `constraint: ${metricInfo(c.metric).label.toLowerCase()} ${c.op === '<=' ? '≤' : '≥'} ${c.bound}`;
    if (c.metric === yMetric) out.push({ axis: 'y', value: c.bound, label });
    else if (c.metric === xMetric) out.push({ axis: 'x', value: c.bound, label });
  }
  return out;
}

/** Energy against push p95 and against reconnects, every candidate with CI crosses, constraint lines. */
export function tuneCharts(result: TuneResult): ChartSpec[] {
  const [x, ...ys] = TRADEOFF_METRICS;
  const charts: ChartSpec[] = [];
  for (const s of result.scopes) {
    for (const y of ys) {
      const point = (c: CandidateRecord) => ({
        name: String(c.id),
        x: c.metrics[x],
        y: c.metrics[y],
      });
      const by = (st: CandidateRecord['status'][]) =>
        s.candidates.filter((c) => st.includes(c.status)).map(point);
      const limits = constraintLimits(result, x, y);
      const spec = groupedTradeoffChart({
        id: `tune-${s.scope}-${y}`,
        subtitle: `${result.scenario.name}, ${s.scope}: every evaluated candidate, mean and 95% CI; lower left is better`,
        xMetric: x,
        yMetric: y,
        limits,
        groups: [
          { label: 'dropped (infeasible)', points: by(['dropped-infeasible']) },
          { label: 'dropped (worse)', points: by(['dropped-worse']) },
          { label: 'survived', points: by(['survived']) },
          { label: 'tuned', points: by(['best']) },
        ],
        caption: `Each candidate the tune evaluated on ${s.scope === 'population' ? 'the whole population' : `carrier ${s.scope}`}: mean ${metricInfo(x).label.toLowerCase()} against mean ${metricInfo(y).label.toLowerCase()} with 95% confidence intervals (crosses; replications differ, since the race stops evaluating dropped candidates). The dashed black line joins the Pareto front of the candidates${limits.length > 0 ? `; the purple dashed line${limits.length > 1 ? 's are' : ' is'} the constraint${limits.length > 1 ? 's' : ''}` : ''}. The large star is the tuned configuration.`,
      });
      if (spec) charts.push(spec);
    }
  }
  return charts;
}

function facts(result: TuneResult): string[] {
  const t = result.tune;
  return [
    `Scenario ${result.scenario.name} (hash ${result.scenario.hash}, seed ${result.scenario.seed}), ${formatDuration(result.scenario.durationS)} per run`,
    `Tuned strategy ${t.strategy}: ${t.params.map((p) => (p.kind === 'range' ? `${p.path} in [${p.min}, ${p.max}] (${p.scale}${p.integer ? ', integer' : ''})` : `${p.path} in {${p.choices.map(show).join(', ')}}`)).join('; ')}`,
    `Scope ${t.scope}${t.robust ? ' (robust: the worst carrier)' : ''}; ${result.scopes.reduce((n, s) => n + s.evaluated, 0)} candidates evaluated, ${fmt(result.phoneDays)} simulated phone-days`,
    ...(result.untunedCarriers.length > 0
      ? [`Not tuned (no group lives on it alone): ${result.untunedCarriers.join(', ')}`]
      : []),
  ];
}

export function tuneMarkdown(base: Scenario, result: TuneResult): string {
  const t = bestTable(result);
  const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    `# hbsim tune: ${result.scenario.name}`,
    '',
    ...facts(result).map((f) => `- ${f}`),
    '',
    `## ${t.title}`,
    '',
    row(t.headers),
    row(t.headers.map(() => '---')),
    ...t.rows.map(row),
    '',
    t.note ?? '',
    '',
    '## As a scenario entry',
    '',
    '```yaml',
    snippetText(base, result).trimEnd(),
    '```',
    '',
  ].join('\n');
}

export function tuneHtml(
  base: Scenario,
  result: TuneResult,
  charts: readonly ChartSpec[],
  files: boolean,
): string {
  const page = reportHtml({
    title: `hbsim tune: ${result.scenario.name}`,
    lead: base.description ? [base.description] : [],
    facts: facts(result),
    tables: [],
    charts: [],
    chartFiles: files,
    answer: { charts, table: bestTable(result) },
  });
  const section = `<section id="snippet">\n<h2>The tuned strategy as a scenario entry</h2>\n<pre>${escapeHtml(snippetText(base, result))}</pre>\n<p class="note">Every evaluated candidate: <a href="tune.csv">tune.csv</a>; the full result: <a href="tune.json">tune.json</a>.</p>\n</section>\n`;
  return page.replace('</main>', `${section}</main>`);
}

export interface TuneReportOptions {
  charts: boolean;
  figures?: FigureStyle;
}

/** Writes the tune's report directory (replacing a previous hbsim report there, atomically). */
export async function writeTuneReport(
  dir: string,
  base: Scenario,
  result: TuneResult,
  opts: TuneReportOptions,
): Promise<void> {
  const charts = tuneCharts(result);
  await buildDirAtomic(
    dir,
    async (tmp) => {
      const put = (name: string, data: string | Uint8Array) =>
        writeFileAtomic(join(tmp, name), data);
      await put('tune.csv', tuneCsv(result));
      await put('tune.json', tuneJson(result));
      await put('tuned.yaml', snippetText(base, result));
      await put('summary.md', tuneMarkdown(base, result));
      const compare = compareScenario(base, result);
      if (compare) await put('compare.yaml', compare);
      if (opts.charts) {
        for (const c of charts) {
          for (const [name, data] of chartFiles(c, opts.figures)) await put(name, data);
        }
      }
      await put('report.html', tuneHtml(base, result, charts, opts.charts));
    },
    { identity: { scenario: base.name, hash: base.hash } },
  );
}
