/**
 * The top of report.html: the few numbers that answer the scenario's question — each
 * headline metric per strategy with its 95 % confidence interval — before the full tables.
 */
import { fmtEstimate } from './format.js';
import { HEADLINE_METRICS, labelWithUnit } from './metrics.js';
import type { Table } from './tables.js';
import type { Summary } from './types.js';

export function headlineTable(summary: Summary): Table {
  const metrics = HEADLINE_METRICS.filter((m) =>
    summary.strategies.some((s) => Number.isFinite(s.metrics[m]?.mean)),
  );
  return {
    id: 'headline',
    title: 'Headline metrics',
    headers: ['Strategy', ...metrics.map(labelWithUnit)],
    rows: summary.strategies.map((s) => [
      s.isBaseline ? `${s.name} (baseline)` : s.name,
      ...metrics.map((m) => fmtEstimate(s.metrics[m])),
    ]),
    note: 'Mean ± half-width of the 95% confidence interval over replications; the full tables follow below.',
  };
}
