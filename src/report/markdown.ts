/** summary.md: the tables and the chart list in Markdown (deterministic: no wall clock). */
import type { ChartSpec } from './chartSpec.js';
import { fmtDuration } from './format.js';
import type { Table } from './tables.js';
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

export function scenarioLines(summary: Summary): string[] {
  const s = summary.scenario;
  return [
    `- Scenario hash \`${s.hash}\`, seed ${s.seed}`,
    `- Simulated ${fmtDuration(s.durationS)} (warm-up ${fmtDuration(s.warmupS)} excluded from metrics), ${s.replications} replication(s), ${s.phones} phones`,
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
