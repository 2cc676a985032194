/** The scenario layer's public surface (re-exported by src/index.ts). */
export { DEFAULT_SCENARIO_YAML } from './defaultScenario.js';
export { DEFAULTS } from './defaults.js';
export {
  formatIssue,
  formatIssues,
  type PathSegment,
  ScenarioError,
  type ScenarioIssue,
} from './errors.js';
export { scenarioJsonSchema } from './jsonSchema.js';
export {
  type LoadOptions,
  loadDefaultScenario,
  loadScenarioFile,
  loadScenarioText,
} from './load.js';
export { applyOverrides, type Override, parseSetArgument } from './overrides.js';
export { CARRIER_PRESETS, CARRIER_SETS, RADIO_PRESET_INFO } from './presets.js';
export {
  BUILT_IN_LABEL,
  type ResolveOptions,
  resolveScenario,
  scenarioAtPoint,
} from './resolve.js';
export { toRunConfig } from './runConfig.js';
export type { Scenario } from './scenario.js';
export { parseScenarioText, type SourceDocument } from './source.js';
export { STARTER_SCENARIO_YAML } from './starter.js';
export type { SweepPoint } from './sweep.js';
export { formatDuration, parseDuration, parseRate } from './units.js';
