import { describeValue, formatPath, type PathSegment, type RawIssue } from './errors.js';

/**
 * Paths into a scenario document, as written after `--set` and as sweep keys:
 * `groups.0.count`, `groups[0].count`, or by name, `groups.commuters.count` (a list element
 * whose `name` is "commuters"; handy when the order of groups is not something to remember).
 */

/** A path that cannot be parsed or followed; the caller says which argument it came from. */
export class PathError extends Error {
  override name = 'PathError';
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parsePath(text: string): PathSegment[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new PathError('empty path');
  const out: PathSegment[] = [];
  for (const part of trimmed.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '')) throw new PathError(`bad path "${text}"`);
    if (m[1] !== '') out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  for (const seg of out) {
    if (typeof seg === 'string' && FORBIDDEN.has(seg)) {
      throw new PathError(`"${seg}" is not a scenario key`);
    }
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a path, or undefined when any step is missing. */
export function getAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[typeof seg === 'number' ? seg : indexByName(cur, seg)];
    else if (isRecord(cur)) cur = Object.hasOwn(cur, seg) ? cur[String(seg)] : undefined;
    else return undefined;
  }
  return cur;
}

/** Index of the element named `name` (an object with that `name`, or that string itself); -1 if none. */
function indexByName(list: unknown[], name: string): number {
  return list.findIndex((e) => e === name || (isRecord(e) && e.name === name));
}

/**
 * Turns a shorthand value met on the way (like the string "lte-5min" standing for
 * {preset: lte-5min}) into its mapping form so a path can go inside it; undefined = no
 * shorthand here.
 */
export type ExpandShorthand = (path: readonly PathSegment[], value: unknown) => unknown;

/**
 * Sets `value` at `path` inside `root` (mutated in place: pass a copy). Missing mappings and
 * lists on the way are created; an index may be one past the end (append). Returns the path
 * with element names replaced by indices, so errors can be matched to it.
 */
export function setAt(
  root: unknown,
  path: readonly PathSegment[],
  value: unknown,
  expand?: ExpandShorthand,
): PathSegment[] {
  if (!isRecord(root)) throw new PathError(`the document is ${describeValue(root)}, not a mapping`);
  const resolved: PathSegment[] = [];
  let cur: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    let key: PathSegment;
    if (Array.isArray(cur)) {
      key = typeof seg === 'number' ? seg : indexByName(cur, seg);
      if (key === -1) throw new PathError(`no element named "${seg}" in ${where(resolved)}`);
      if ((key as number) > cur.length) {
        throw new PathError(
          `index ${seg} is past the end of ${where(resolved)} (${cur.length} item${cur.length === 1 ? '' : 's'})`,
        );
      }
    } else {
      key = String(seg);
    }
    resolved.push(key);
    const container = cur as Record<string, unknown>;
    if (last) {
      container[key] = value;
      break;
    }
    let next: unknown = Object.hasOwn(container, key) ? container[key] : undefined;
    if (next === undefined || next === null) {
      next = typeof path[i + 1] === 'number' ? [] : {};
      container[key] = next;
    } else if (expand && !(Array.isArray(next) || isRecord(next))) {
      const long = expand(resolved, next);
      if (long !== undefined) {
        next = long;
        container[key] = long;
      }
    }
    if (!(Array.isArray(next) || isRecord(next))) {
      throw new PathError(
        `cannot set inside ${where(resolved)}: it is ${describeValue(next)}; write it as a mapping first`,
      );
    }
    cur = next;
  }
  return resolved;
}

function where(path: PathSegment[]): string {
  return path.length === 0 ? 'the document' : formatPath(path);
}

/** True when `path` is `prefix` or lies below it. */
export function isUnder(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  if (path.length < prefix.length) return false;
  return prefix.every((seg, i) => String(seg) === String(path[i]));
}

/**
 * Whether `path` (a key of a sweep grid or a tune's params, at `at`) is a scenario path;
 * if not, an issue naming the key goes to `issues`.
 */
export function checkScenarioPath(
  path: string,
  at: PathSegment[],
  example: string,
  issues: RawIssue[],
): boolean {
  try {
    parsePath(path);
    return true;
  } catch (e) {
    if (!(e instanceof PathError)) throw e;
    issues.push({
      path: at,
      atKey: true,
      expected: `a scenario path like ${example}`,
      found: JSON.stringify(path),
      message: e.message,
    });
    return false;
  }
}
