/** The report layer's public API: aggregation, report files, charts, comparisons. */
export { CONFIDENCE, halfWidth, meanCI, pairedDiff, tCritical, welchDiff } from './aggregate.js';
export { canonicalJson } from './canonicalJson.js';
export type { ChartConfigJson, ChartSpec } from './chartSpec.js';
export { reportCharts } from './charts.js';
export { COMPARE_SCHEMA, compareReports, readSummary } from './compare.js';
export { HEADLINE_METRICS, metricInfo, type MetricInfo } from './metrics.js';
export {
  applyFigureStyle,
  type FigureStyle,
  figureStyle,
  PAPER_STYLE,
  parseFigureSize,
  SCREEN_STYLE,
} from './figureStyle.js';
export { chartFiles, renderPdf, renderPng, renderSvg } from './render.js';
export { SUMMARY_SCHEMA, summarize } from './summary.js';
export { type SweepChartOptions, type SweepPoint, sweepChart } from './sweep.js';
export { SWEEP_SCHEMA, type SweepInput, writeSweepReport } from './sweepReport.js';
export { lnGamma, regularizedBeta, tCdf, tPdf, tQuantile } from './tdist.js';
export type {
  Estimate,
  ExperimentMeta,
  ExperimentResult,
  PairedEstimate,
  PooledLatency,
  ScenarioBlock,
  StrategySummary,
  Summary,
} from './types.js';
export {
  META_SCHEMA,
  RUNS_SCHEMA,
  readRunsJson,
  rebuildReport,
  type WriteReportOptions,
  writeReport,
} from './writeReport.js';
