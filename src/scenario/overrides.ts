import { parse as parseYaml } from 'yaml';
import { type PathSegment, ScenarioError } from './errors.js';
import { bracketDepth, MAX_DEPTH } from './limits.js';
import { PathError, parsePath, setAt } from './paths.js';
import { carrierSet } from './presets.js';

/**
 * `--set path=value` (and --seed/--duration/--replications, which are the same thing with a
 * fixed path): changes to the document before validation, so an override is checked exactly
 * like the file, and a bad one is blamed on the argument that made it.
 */

export interface Override {
  path: PathSegment[];
  value: unknown;
  /** What the user typed, for messages: `--set groups.0.count=abc`. */
  label: string;
}

/** An override after it was applied: its path with element names turned into indices. */
export interface AppliedOverride {
  path: PathSegment[];
  label: string;
}

export interface OverriddenDocument {
  data: unknown;
  applied: AppliedOverride[];
}

function argError(label: string, message: string, hint?: string): ScenarioError {
  const issue = { file: label, path: '', expected: '', found: '', message };
  return new ScenarioError([hint ? { ...issue, hint } : issue]);
}

/** `path=value`; the value is read as a YAML scalar or flow collection (`5`, `2h`, `[1, 2]`). */
export function parseSetArgument(arg: string, label = `--set ${arg}`): Override {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw argError(label, 'expected path=value', 'e.g. --set groups.0.count=5000');
  const text = arg.slice(eq + 1);
  if (text.trim() === '') throw argError(label, 'missing value after "="');
  let path: PathSegment[];
  try {
    path = parsePath(arg.slice(0, eq));
  } catch (e) {
    throw argError(
      label,
      (e as Error).message,
      'paths look like groups.0.count or server.keepalive.factor',
    );
  }
  if (bracketDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    throw argError(label, `the value is nested deeper than ${MAX_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = parseYaml(text, { logLevel: 'error' });
  } catch (e) {
    throw argError(label, `cannot read the value: ${String((e as Error).message).split('\n')[0]}`);
  }
  return { path, value, label };
}

/**
 * The scenario's shorthands, spelled out so a path can reach inside them:
 * `carriers: mixed-world` (a set), `- lte-5min` (a carrier preset), `radio: lte`,
 * `- gcm` (a strategy type). Each long form means exactly what the shorthand meant.
 */
export function expandShorthand(path: readonly PathSegment[], value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  const [top, index, field] = path;
  if (path.length === 1 && top === 'carriers') return carrierSet(value)?.carriers.slice();
  if (path.length === 2 && top === 'carriers' && typeof index === 'number')
    return { preset: value };
  if (path.length === 2 && top === 'strategies' && typeof index === 'number')
    return { type: value };
  if (path.length === 3 && top === 'carriers' && field === 'radio') return { preset: value };
  return undefined;
}

/** Applies overrides to a copy of the document (the input is left untouched). */
export function applyOverrideList(
  doc: unknown,
  overrides: readonly Override[],
): OverriddenDocument {
  const data = doc === undefined || doc === null ? {} : structuredClone(doc);
  const applied: AppliedOverride[] = [];
  for (const o of overrides) {
    try {
      const path = setAt(data, o.path, structuredClone(o.value), expandShorthand);
      applied.push({ path, label: o.label });
    } catch (e) {
      if (e instanceof PathError) throw argError(o.label, e.message);
      throw e;
    }
  }
  return { data, applied };
}

/** `--set` arguments applied to a copy of the document. */
export function applyOverrides(doc: unknown, sets: readonly string[]): OverriddenDocument {
  return applyOverrideList(
    doc,
    sets.map((s) => parseSetArgument(s)),
  );
}
