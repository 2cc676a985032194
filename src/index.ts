/**
 * hbsim's library API: load a scenario, run it, write its report — what the CLI does,
 * from code. Data flows one way: scenario → world → engine → statistics → report.
 */
export { Scheduler } from './engine/scheduler.js';
export { EventQueue } from './engine/eventQueue.js';
export {
  type BadUnit,
  loadUnitFiles,
  readShardManifest,
  UNIT_SCHEMA,
  type UnitFile,
  writeShardManifest,
} from './experiment/checkpoint.js';
export { MergeError, mergeShards } from './experiment/merge.js';
export {
  defaultJobs,
  type ExperimentOptions,
  type PointResult,
  pointScenarios,
  type RunDoneInfo,
  runExperiment,
  runScenarioPoints,
  assemble,
} from './experiment/experiment.js';
export { UnitError } from './experiment/pool.js';
export {
  choosePartitions,
  finishPartitions,
  PartitionError,
  partitionRefusal,
  partitionUnits,
  type UnitOutput,
} from './experiment/partitions.js';
export { type RunPartial, finishRun } from './model/collect.js';
export { traceRun, type TraceOptions } from './experiment/trace.js';
export {
  enumerateUnits,
  parseShard,
  type Shard,
  shardUnits,
  type Unit,
} from './experiment/units.js';
export type * from './model/config.js';
export { InvariantError } from './model/invariants.js';
export { RunAborted, runPartition, runWorld } from './model/run.js';
export type { RunResult } from './model/runResult.js';
export type { TraceRecord } from './model/trace.js';
export {
  compareReports,
  type ExperimentResult,
  type FigureStyle,
  figureStyle,
  meanCI,
  PAPER_STYLE,
  parseFigureSize,
  pairedDiff,
  readRunsJson,
  rebuildReport,
  type ScenarioBlock,
  type Summary,
  SUMMARY_SCHEMA,
  summarize,
  sweepChart,
  type SweepPoint as SweepChartPoint,
  writeReport,
  writeSweepReport,
} from './report/index.js';
export * from './scenario/index.js';
export { listStrategies, getStrategy, type StrategyEntry } from './strategies/registry.js';
export type {
  HeartbeatStrategy,
  StrategyContext,
  StrategyEnv,
  StrategyFactory,
} from './strategies/types.js';
export { hbsimVersion } from './version.js';
