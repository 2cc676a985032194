/**
 * User errors in a scenario. A researcher who mistypes a key must get one line naming the
 * file, the position, the path in the document, what was expected and what was found — never
 * a stack trace. Everything in src/scenario that rejects input throws a ScenarioError.
 */

export type PathSegment = string | number;

/** A problem found before it is tied to a place in a file (paths as arrays). */
export interface RawIssue {
  path: PathSegment[];
  expected: string;
  found: string;
  hint?: string;
  /** Replaces "expected …, found …" when the problem is of another kind ("unknown key"). */
  message?: string;
  /** The issue is about the key at `path` itself (unknown key), not its value. */
  atKey?: boolean;
}

/** A problem tied to a place: file (or `--set` argument), line and column when known. */
export interface ScenarioIssue {
  /** The scenario file as the user named it, a `--set path=value` argument, or `<built-in default>`. */
  file: string;
  line?: number;
  col?: number;
  /** Path in the document, like `carriers[0].nat.idleTimeout`; empty for the whole document. */
  path: string;
  expected: string;
  found: string;
  hint?: string;
  message?: string;
}

/** At most this many issues are spelled out; a broken file rarely needs more to be fixed. */
const MAX_SHOWN = 30;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}

/** `carriers[0].nat.idleTimeout` from ['carriers', 0, 'nat', 'idleTimeout']. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** One line: `scenarios/x.yaml:12:5: carriers[0].nat.idelTimeout: unknown key (did you mean "idleTimeout"?)`. */
export function formatIssue(issue: ScenarioIssue): string {
  const where =
    issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.col ?? 1}`;
  const what = issue.message ?? `expected ${issue.expected}, found ${issue.found}`;
  const path = issue.path === '' ? '' : `${issue.path}: `;
  const hint = issue.hint ? ` (${issue.hint})` : '';
  return `${where}: ${path}${what}${hint}`;
}

export function formatIssues(issues: readonly ScenarioIssue[]): string {
  const lines = issues.slice(0, MAX_SHOWN).map(formatIssue);
  if (issues.length > MAX_SHOWN) lines.push(`… and ${issues.length - MAX_SHOWN} more`);
  return lines.join('\n');
}

/** How a value found in the document reads in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return 'a mapping';
    return `a ${proto?.constructor?.name ?? 'value'}`;
  }
  return typeof value;
}
