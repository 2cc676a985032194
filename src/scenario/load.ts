import { readFile } from 'node:fs/promises';
import { DEFAULT_SCENARIO_YAML } from './defaultScenario.js';
import { ScenarioError } from './errors.js';
import { checkDataLimits } from './limits.js';
import { applyOverrideList, type Override, parseSetArgument } from './overrides.js';
import { BUILT_IN_LABEL, resolveScenario } from './resolve.js';
import type { Scenario } from './scenario.js';
import { parseScenarioText } from './source.js';

/**
 * Reading a scenario: file (or the built-in default) → text → document → overrides →
 * Scenario. The only place in src/scenario that touches the file system besides the
 * existence check of strategy modules.
 */

export interface LoadOptions {
  /** `--set path=value` arguments, applied in order. */
  sets?: readonly string[];
  /** Further overrides with their own labels (the CLI's --seed, --duration, …), applied last. */
  overrides?: readonly Override[];
}

/** Scenario text (YAML or JSON by file extension) with overrides applied, resolved. */
export function loadScenarioText(
  text: string,
  file: string | undefined,
  opts: LoadOptions = {},
): Scenario {
  const label = file ?? BUILT_IN_LABEL;
  const source = parseScenarioText(text, label);
  const overrides = [
    ...(opts.sets ?? []).map((s) => parseSetArgument(s)),
    ...(opts.overrides ?? []),
  ];
  checkDataLimits(source.data, label, source.locate);
  if (overrides.length === 0) return resolveScenario(source.data, file, { locate: source.locate });
  const { data, applied } = applyOverrideList(source.data, overrides);
  checkDataLimits(data, label, source.locate);
  return resolveScenario(data, file, { locate: source.locate, overrides: applied });
}

export async function loadScenarioFile(file: string, opts: LoadOptions = {}): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : String((e as Error).message);
    throw new ScenarioError([
      { file, path: '', expected: '', found: '', message: `cannot read the scenario: ${why}` },
    ]);
  }
  return loadScenarioText(text, file, opts);
}

/** The built-in default scenario (the same text as scenarios/default.yaml). */
export function loadDefaultScenario(opts: LoadOptions = {}): Scenario {
  return loadScenarioText(DEFAULT_SCENARIO_YAML, undefined, opts);
}
