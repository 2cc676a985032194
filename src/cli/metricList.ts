/**
 * `hbsim list metrics`: every metric name of runs.csv and summary.json with what it
 * measures and where its definition lives, generated from the report's one catalogue
 * (src/report/metrics.ts), so the list cannot drift from the outputs.
 */
import { METRIC_CATALOG } from '../report/metrics.js';

export interface MetricDoc {
  name: string;
  description: string;
  source: string;
}

export const METRIC_DOCS: readonly MetricDoc[] = METRIC_CATALOG.map((m) => ({
  name: m.name,
  description: m.description,
  source: m.source,
}));
