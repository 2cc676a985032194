import { formatPath, type PathSegment, ScenarioError, type ScenarioIssue } from './errors.js';
import type { Locator } from './source.js';

/**
 * Hard limits on scenario input, checked before (size, bracket depth) and right after
 * (depth, keys, numbers, lengths) parsing: a scenario is a page of settings, so anything
 * far bigger is a mistake or an attack, and must be refused in milliseconds rather than
 * exhaust the parser's stack or the machine's memory.
 */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;
export const MAX_ARRAY_LENGTH = 10_000;
export const MAX_NODES = 200_000;
/** Beyond 2^53 integers stop being exact; no setting of a scenario needs more. */
export const MAX_MAGNITUDE = Number.MAX_SAFE_INTEGER;
/** Keys that would reach an object's prototype instead of being data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function issue(
  file: string,
  message: string,
  expected: string,
  found: string,
  path = '',
): ScenarioIssue {
  return { file, path, expected, found, message };
}

/** Deepest bracket nesting of flow/JSON text (quoted strings and # comments skipped). */
export function bracketDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

/** Size and nesting of the raw text, before any parser sees it. */
export function checkTextLimits(text: string, file: string): void {
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new ScenarioError([
      issue(
        file,
        `the scenario is ${(text.length / 1024 ** 2).toFixed(1)} MB, larger than the ${MAX_SCENARIO_BYTES / 1024 ** 2} MB limit`,
        `a scenario file under ${MAX_SCENARIO_BYTES / 1024 ** 2} MB`,
        `${text.length} bytes`,
      ),
    ]);
  }
  const depth = bracketDepth(text, MAX_DEPTH);
  if (depth > MAX_DEPTH) {
    throw new ScenarioError([
      issue(
        file,
        `nesting deeper than ${MAX_DEPTH} levels`,
        `at most ${MAX_DEPTH} nested [ ] or { }`,
        `more than ${MAX_DEPTH}`,
      ),
    ]);
  }
}

/**
 * Walks parsed data (iteratively: a deep document cannot overflow the stack here) and
 * refuses what no scenario needs: deep nesting, prototype keys, non-finite or astronomically
 * large numbers, huge lists.
 */
export function checkDataLimits(data: unknown, file: string, locate?: Locator): void {
  const issues: ScenarioIssue[] = [];
  const at = (path: PathSegment[], message: string, expected: string, found: string) => {
    const pos = locate?.(path);
    issues.push({
      ...issue(file, message, expected, found, formatPath(path)),
      line: pos?.line,
      col: pos?.col,
    });
  };
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: data, path: [] }];
  let nodes = 0;
  while (stack.length > 0 && issues.length < 10) {
    const { value, path } = stack.pop()!;
    if (++nodes > MAX_NODES) {
      at(
        [],
        `more than ${MAX_NODES} values in the scenario`,
        `at most ${MAX_NODES} values`,
        'more',
      );
      break;
    }
    if (path.length > MAX_DEPTH) {
      at(path, `nesting deeper than ${MAX_DEPTH} levels`, `at most ${MAX_DEPTH} levels`, 'more');
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        at(path, `${value} is not a finite number`, 'a finite number', String(value));
      } else if (Math.abs(value) > MAX_MAGNITUDE) {
        at(
          path,
          `${value} is too large`,
          `a number of magnitude at most ${MAX_MAGNITUDE}`,
          String(value),
        );
      }
    } else if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY_LENGTH) {
        at(
          path,
          `a list of ${value.length} items`,
          `at most ${MAX_ARRAY_LENGTH} items`,
          `${value.length}`,
        );
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i] });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (const k of keys) {
        if (FORBIDDEN_KEYS.has(k)) {
          at([...path, k], `the key "${k}" is not allowed`, 'a setting name', JSON.stringify(k));
        }
      }
      if (keys.length > MAX_ARRAY_LENGTH) {
        at(
          path,
          `a mapping of ${keys.length} keys`,
          `at most ${MAX_ARRAY_LENGTH} keys`,
          `${keys.length}`,
        );
        continue;
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        if (!FORBIDDEN_KEYS.has(keys[i])) {
          stack.push({
            value: (value as Record<string, unknown>)[keys[i]],
            path: [...path, keys[i]],
          });
        }
      }
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
}
