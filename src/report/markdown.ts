/** summary.md: the tables and the chart list in Markdown (deterministic: no wall clock). */
import type { ChartSpec } from './chartSpec.js';
import { fmtDuration } from './format.js';
import { imprecisionWarnings, type Table } from './tables.js';
import type { Summary } from './types.js';

function cell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function markdownTable(t: Table): string {
  const lines = [
    `| ${t.headers.map(cell).join(' | ')} |`,
    `|${t.headers.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function markdownSection(t: Table, level = 2): string {
  const parts = [`${'#'.repeat(level)} ${t.title}`, ''];
  if (t.note) parts.push(`_${t.note}_`, '');
  parts.push(markdownTable(t), '');
  return parts.join('\n');
}

/** "- [charts/x.svg](charts/x.svg) (also .png, .pdf): caption" lines (the SVG links render on code hosts). */
export function markdownChartList(charts: readonly ChartSpec[]): string {
  if (charts.length === 0) return '';
  const lines = charts.map(
    (c) => `- [\`charts/${c.id}.svg\`](charts/${c.id}.svg) (also \`.png\`, \`.pdf\`): ${c.caption}`,
  );
  return ['## Charts', '', ...lines, ''].join('\n');
}

/** The measured window and what was simulated before it. */
export function measuredLine(s: Summary['scenario']): string {
  return s.warmupS > 0
    ? `Measured ${fmtDuration(s.durationS)} after a warm-up of ${fmtDuration(s.warmupS)} (simulated ${fmtDuration(s.warmupS + s.durationS)}; the warm-up is excluded from metrics)`
    : `Measured ${fmtDuration(s.durationS)} from time 0 (no warm-up)`;
}

/** One sentence on what kind of study this is and which part of the horizon counts. */
export function analysisLine(summary: Summary): string {
  const s = summary.scenario;
  const w = s.warmup;
  if (s.analysis === 'terminating') {
    return `Terminating study: the whole measured window counts${s.warmupS > 0 ? `, after the explicit warm-up of ${fmtDuration(s.warmupS)}` : ''} (start-up transients are part of the answer).`;
  }
  if (w?.mode === 'auto') {
    const worst = [...(w.pilot ?? [])].sort((a, b) => b.truncationS - a.truncationS)[0];
    const why = worst ? ` (latest: ${worst.strategy}, ${worst.series})` : '';
    const caution =
      w.reliable === false
        ? ` Warning: some pilot series had not settled: even in the longest pilot (warm-up limit ${fmtDuration(w.limitS ?? 0)}) their MSER-5 minimum lay in its second half (a slow drift, or a daily cycle); the cut is the best one in the first half. Raise \`warmupLimit\`, or look at the Welch plot.`
        : '';
    return `Steady-state study: warm-up ${fmtDuration(w.cutS)} chosen by MSER-5 on pilot runs from a cold start${why}, simulated before the measured window.${caution}`;
  }
  return `Steady-state study: warm-up ${fmtDuration(s.warmupS)} set in the scenario, simulated before the measured window.`;
}

export function scenarioLines(summary: Summary): string[] {
  const s = summary.scenario;
  return [
    `- Scenario hash \`${s.hash}\`, seed ${s.seed}`,
    `- ${measuredLine(s)}, ${s.replications} replication(s), ${s.phones} phones`,
    `- ${analysisLine(summary)}`,
    `- Strategies: ${summary.strategies.map((x) => x.name).join(', ')}; baseline: ${s.baseline}`,
  ];
}

export function summaryMarkdown(
  summary: Summary,
  tables: readonly Table[],
  charts: readonly ChartSpec[],
): string {
  const s = summary.scenario;
  const head = [`# hbsim report: ${s.name}`, ''];
  if (s.description) head.push(s.description.trim(), '');
  head.push(...scenarioLines(summary), '');
  const warnings = imprecisionWarnings(summary);
  if (warnings.length > 0) {
    head.push(
      `> **Warning:** ${warnings.length} estimate(s) have a 95% half-width larger than their mean (run more replications, a longer horizon or more phones): ${warnings.join('; ')}.`,
      '',
    );
  }
  const body = tables.map((t) => markdownSection(t));
  return joinBlocks([...head, ...body, markdownChartList(charts)]);
}

/** Lines joined, runs of blank lines collapsed, one final newline. */
export function joinBlocks(lines: readonly string[]): string {
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
