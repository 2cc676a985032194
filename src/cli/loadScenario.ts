import { loadDefaultScenario, loadScenarioFile } from '../scenario/load.js';
import type { Scenario } from '../scenario/scenario.js';
import { flagOverrides, type ScenarioFlags } from './options.js';

/** The scenario a command works on: FILE, or the built-in default when FILE is omitted. */
export function loadForCli(
  file: string | undefined,
  sets: readonly string[] = [],
  flags: ScenarioFlags = {},
): Promise<Scenario> {
  const opts = { sets, overrides: flagOverrides(flags) };
  return file === undefined
    ? Promise.resolve().then(() => loadDefaultScenario(opts))
    : loadScenarioFile(file, opts);
}
