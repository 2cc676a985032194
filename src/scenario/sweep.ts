import type { RawIssue } from './errors.js';
import { checkScenarioPath } from './paths.js';
import { parseDuration } from './units.js';

/**
 * Sweep grids: every combination of the listed values, each a set of path=value overrides
 * of the scenario. Only expansion lives here; running the points is the experiment layer's.
 */

export interface SweepPoint {
  /** 0-based, in expansion order (the first grid key varies slowest). */
  index: number;
  /** `carriers.0.nat.idleTimeout=60, strategies.0.params.intervalS=300` */
  label: string;
  overrides: { path: string; value: unknown }[];
}

/** More points than this is a typo, not an experiment a laptop can run. */
export const MAX_SWEEP_POINTS = 10_000;

const RANGE_HELP = 'a range like "60s..30m x 12" (log-spaced points) or "0..100 step 10" (linear)';

/** A number or a duration (seconds). */
function endpoint(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(t)) return Number(t);
  return parseDuration(t);
}

/** Signif. digits kept in generated points: labels stay readable and runs reproducible. */
function tidy(x: number): number {
  return Number(x.toPrecision(6));
}

/** The values of a range string, or an error message. */
export function parseRange(text: string): number[] | string {
  const log = /^(.+?)\.\.(.+?)\s+x\s+(\d+)\s*$/.exec(text);
  if (log) {
    const a = endpoint(log[1]);
    const b = endpoint(log[2]);
    const n = Number(log[3]);
    if (a === undefined || b === undefined) return `cannot read the range ends of "${text}"`;
    if (a <= 0 || b <= 0) return 'log-spaced ranges need both ends > 0';
    if (n < 1 || n > MAX_SWEEP_POINTS) return `the point count must be 1..${MAX_SWEEP_POINTS}`;
    if (n === 1) return [a];
    const ratio = Math.log(b / a) / (n - 1);
    return Array.from({ length: n }, (_, i) =>
      i === 0 ? a : i === n - 1 ? b : tidy(a * Math.exp(ratio * i)),
    );
  }
  const lin = /^(.+?)\.\.(.+?)\s+step\s+(.+)$/.exec(text);
  if (lin) {
    const a = endpoint(lin[1]);
    const b = endpoint(lin[2]);
    const step = endpoint(lin[3]);
    if (a === undefined || b === undefined || step === undefined) {
      return `cannot read the range "${text}"`;
    }
    if (step <= 0) return 'the step must be > 0';
    if (b < a) return 'the range end is below its start';
    const n = Math.floor((b - a) / step + 1e-9) + 1;
    if (n > MAX_SWEEP_POINTS) return `the range has ${n} points, more than ${MAX_SWEEP_POINTS}`;
    return Array.from({ length: n }, (_, i) => tidy(a + i * step));
  }
  return `expected ${RANGE_HELP}, found ${JSON.stringify(text)}`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** All grid points; problems (bad path, bad range, too many points) go to `issues`. */
export function expandGrid(
  grid: Record<string, unknown[] | string>,
  issues: RawIssue[],
): SweepPoint[] {
  const axes: { path: string; values: unknown[] }[] = [];
  for (const [path, spec] of Object.entries(grid)) {
    const at = ['sweep', 'grid', path];
    if (!checkScenarioPath(path, at, 'groups.0.count', issues)) continue;
    const values = typeof spec === 'string' ? parseRange(spec) : spec;
    if (typeof values === 'string') {
      issues.push({ path: at, expected: RANGE_HELP, found: JSON.stringify(spec), message: values });
      continue;
    }
    axes.push({ path, values });
  }
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_SWEEP_POINTS) {
    issues.push({
      path: ['sweep', 'grid'],
      expected: `at most ${MAX_SWEEP_POINTS} points`,
      found: `${total} points`,
    });
    return [];
  }
  if (axes.length === 0 || issues.length > 0) return [];
  const points: SweepPoint[] = [];
  for (let index = 0; index < total; index++) {
    let rest = index;
    const overrides: SweepPoint['overrides'] = [];
    for (let k = axes.length - 1; k >= 0; k--) {
      const len = axes[k].values.length;
      overrides.unshift({ path: axes[k].path, value: axes[k].values[rest % len] });
      rest = Math.floor(rest / len);
    }
    const label = overrides.map((o) => `${o.path}=${show(o.value)}`).join(', ');
    points.push({ index, label, overrides });
  }
  return points;
}
