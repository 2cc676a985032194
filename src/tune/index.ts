/** hbsim tune: the search, its evaluator and its report (docs/tune.md). */
export { candidateScenario, runPhoneDays, tuneScopes } from './candidate.js';
export { Evaluator, type EvaluatorOptions } from './evaluate.js';
export { type TuneResult, TUNE_SCHEMA } from './result.js';
export { writeTuneReport, snippetText, tuneCsv, tuneJson } from './report.js';
export { type TuneProgress, tuneScenario } from './search.js';
export {
  awaitShardsDone,
  finishedTune,
  shardManifestIn,
  joinShards,
  markShardDone,
  type TuneShard,
  TuneShardError,
} from './shard.js';
