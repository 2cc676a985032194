// The public face of src/strategies: the interface, the registry, the plugin loader and checks.
export type {
  HeartbeatStrategy,
  StrategyContext,
  StrategyEnv,
  StrategyFactory,
} from './types.js';
export {
  GCM_BACKOFF,
  getStrategy,
  listStrategies,
  MARS_BACKOFF,
  MICROG_BACKOFF,
  type StrategyEntry,
} from './registry.js';
export { loadStrategyModule } from './plugin.js';
export {
  guardInterval,
  StrategyIntervalError,
  StrategyPluginError,
  validateStrategyInstance,
} from './validate.js';
export { StrategyParamError } from './params.js';
export { createFixed } from './fixed.js';
export { createSmart, SMART_DEFAULTS } from './smart.js';
export { createMicrog, MICROG_DEFAULTS } from './microg.js';
export { BINARY_SEARCH_DEFAULTS, createBinarySearch } from './binarySearch.js';
export { AIMD_DEFAULTS, createAimd } from './aimd.js';
export { createRadioAware, RADIO_AWARE_DEFAULTS } from './radioAware.js';
export { CROWD_DEFAULTS, CROWD_TABLE_KEY, CrowdTable, createCrowd } from './crowd.js';
