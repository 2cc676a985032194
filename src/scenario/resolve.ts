import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import { resolveCarriers } from './carriers.js';
import {
  describeValue,
  formatPath,
  type RawIssue,
  ScenarioError,
  type ScenarioIssue,
} from './errors.js';
import { resolveEvents } from './events.js';
import { resolveGroups } from './groups.js';
import { hashOf } from './hash.js';
import { type AppliedOverride, applyOverrideList } from './overrides.js';
import { isUnder, parsePath } from './paths.js';
import type { Scenario } from './scenario.js';
import { SCENARIO_NAME_PATTERN, type ScenarioInput, scenarioSchema } from './schema/scenario.js';
import type { Locator } from './source.js';
import { resolveStrategies } from './strategies.js';
import { didYouMean } from './suggest.js';
import { expandGrid, type SweepPoint } from './sweep.js';
import { resolveTune } from './tune.js';
import { fromZod } from './zodIssues.js';

/**
 * Document → Scenario: validate the shape (zod), fill defaults and presets, check every
 * cross-reference (carrier names, baseline, event times), expand the sweep and check each
 * of its points. Every problem found becomes one ScenarioIssue; all of them are thrown
 * together so a researcher fixes a file in one pass.
 */

export interface ResolveOptions {
  /** Positions in the source text (from parseScenarioText), for line:col in messages. */
  locate?: Locator;
  /** Overrides already applied to `doc`; issues under their paths are blamed on them. */
  overrides?: readonly AppliedOverride[];
  /** Check every sweep point (default true; off when resolving one point). */
  checkSweep?: boolean;
}

/** How the built-in default scenario is named in messages. */
export const BUILT_IN_LABEL = '<built-in default>';

export function resolveScenario(doc: unknown, file?: string, opts: ResolveOptions = {}): Scenario {
  const label = file ?? BUILT_IN_LABEL;
  const fail = (raw: RawIssue[]): never => {
    throw new ScenarioError(byPosition(raw.map((r) => locateIssue(r, label, opts))));
  };
  if (doc === undefined || doc === null) {
    fail([
      {
        path: [],
        expected: 'a mapping of scenario settings',
        found: 'nothing',
        message: 'the scenario is empty',
      },
    ]);
  }
  const parsed = scenarioSchema.safeParse(doc);
  if (!parsed.success) fail(fromZod(parsed.error.issues, doc));
  const input = parsed.data as ScenarioInput;
  const issues: RawIssue[] = [];
  const scenario = build(input, doc, file, issues);
  if (issues.length > 0) fail(issues);
  if (opts.checkSweep !== false && scenario.sweep.length > 0) checkSweepPoints(scenario, label);
  return scenario;
}

function defaultName(file: string | undefined): string {
  if (file === undefined) return 'default';
  const stem = basename(file, extname(file))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  return SCENARIO_NAME_PATTERN.test(stem) ? stem : 'scenario';
}

function build(
  input: ScenarioInput,
  doc: unknown,
  file: string | undefined,
  issues: RawIssue[],
): Scenario {
  const durationS = input.duration;
  const carriers = resolveCarriers(input.carriers, issues);
  const groups = resolveGroups(input.groups, carriers, issues);
  const events = resolveEvents(input.events, carriers, durationS, issues);
  const baseDir = file === undefined ? process.cwd() : dirname(resolvePath(file));
  const strategies = resolveStrategies(input.strategies, { baseDir, durationS }, issues);
  const names = strategies.map((s) => s.name);
  const baseline = input.baseline ?? names[0] ?? '';
  if (
    input.baseline !== undefined &&
    strategies.length === input.strategies.length &&
    !names.includes(baseline)
  ) {
    issues.push({
      path: ['baseline'],
      expected: `a strategy name (${names.join(', ')})`,
      found: JSON.stringify(baseline),
      hint: didYouMean(baseline, names),
    });
  }
  const phones = groups.reduce((n, g) => n + g.count, 0);
  if (input.output.tracePhone >= phones && phones > 0) {
    issues.push({
      path: ['output', 'tracePhone'],
      expected: `a phone index below ${phones} (or -1 for no trace)`,
      found: String(input.output.tracePhone),
    });
  }
  const sweep: SweepPoint[] = input.sweep ? expandGrid(input.sweep.grid, issues) : [];
  const tune = input.tune ? resolveTune(input.tune, strategies, groups, issues) : undefined;
  const server = input.server;
  const body = {
    name: input.name ?? defaultName(file),
    description: input.description,
    seed: input.seed,
    durationS,
    analysis: input.analysis,
    warmupMode:
      input.warmup !== undefined
        ? ('explicit' as const)
        : input.analysis === 'steady-state'
          ? ('auto' as const)
          : ('none' as const),
    warmupS: input.warmup ?? 0,
    warmupLimitS: input.warmupLimit ?? 2 * durationS,
    replications: input.replications,
    baseline,
    carriers,
    groups,
    server: {
      keepalive:
        server.keepalive.fixed !== undefined
          ? { rule: 'fixed' as const, timeoutS: server.keepalive.fixed }
          : { rule: 'factor' as const, factor: server.keepalive.factor ?? 1.5 },
      pushAckTimeoutS: server.pushAckTimeout,
      messageTtlS: server.messageTtl,
      sessionTakeover: server.sessionTakeover,
      maxHandshakesPerS: server.maxHandshakesPerS,
    },
    events,
    strategies,
    startSpreadS: input.startSpread,
    handshakeRtts: input.handshakeRtts,
    bucketS: input.output.bucket,
    intervalSamplePhones: input.output.intervalSamplePhones,
    tracePhone: input.output.tracePhone,
    phones,
    sweep,
  };
  const output =
    input.output.dir === undefined
      ? { charts: input.output.charts }
      : { dir: input.output.dir, charts: input.output.charts };
  const scenario: Scenario = { ...body, output, hash: hashOf(body), file, document: doc };
  if (tune) scenario.tune = tune;
  return scenario;
}

function locateIssue(raw: RawIssue, file: string, opts: ResolveOptions): ScenarioIssue {
  const path = formatPath(raw.path);
  const override = [...(opts.overrides ?? [])].reverse().find((o) => isUnder(raw.path, o.path));
  const pos = override ? undefined : opts.locate?.(raw.path, raw.atKey);
  const issue: ScenarioIssue = {
    file: override?.label ?? file,
    path,
    expected: raw.expected,
    found: raw.found,
  };
  if (pos) {
    issue.line = pos.line;
    issue.col = pos.col;
  }
  if (raw.hint) issue.hint = raw.hint;
  if (raw.message) issue.message = raw.message;
  return issue;
}

/** The scenario of one sweep point: the point's overrides applied to the document, resolved again. */
export function scenarioAtPoint(scenario: Scenario, point: SweepPoint): Scenario {
  const overrides = point.overrides.map((o) => ({
    path: parsePath(o.path),
    value: o.value,
    label: `sweep point ${point.index} (${o.path}=${typeof o.value === 'string' ? o.value : describeValue(o.value)})`,
  }));
  const { data, applied } = applyOverrideList(scenario.document, overrides);
  // A point is a plain scenario: without its grid (which would otherwise be expanded again).
  if (data && typeof data === 'object') delete (data as Record<string, unknown>).sweep;
  const resolved = resolveScenario(data, scenario.file, { overrides: applied, checkSweep: false });
  return { ...resolved, sweep: [], point };
}

/** Issues in reading order: by line and column, those without a position last (stable). */
function byPosition(issues: ScenarioIssue[]): ScenarioIssue[] {
  const key = (i: ScenarioIssue) => (i.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (i.col ?? 0);
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.n - b.n)
    .map((x) => x.issue);
}

/**
 * Every point must be a valid scenario. A problem is reported once with the first point
 * that shows it (a bad path fails every point the same way), with a count of the others.
 */
function checkSweepPoints(scenario: Scenario, file: string): void {
  const seen = new Map<string, { issue: ScenarioIssue; more: number }>();
  for (const point of scenario.sweep) {
    try {
      scenarioAtPoint(scenario, point);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const iss of e.issues) {
        const what = iss.message ?? `expected ${iss.expected}, found ${iss.found}`;
        const key = `${iss.path}\u0000${what}\u0000${iss.file.replace(/^sweep point \d+ /, '')}`;
        const prior = seen.get(key);
        if (prior) {
          prior.more++;
          continue;
        }
        // A point's own label names the point; the file is named too, so the user knows where.
        const where =
          iss.file === file
            ? `${file} (sweep point ${point.index}: ${point.label})`
            : `${file}, ${iss.file}`;
        seen.set(key, { issue: { ...iss, file: where, message: what }, more: 0 });
      }
    }
  }
  if (seen.size === 0) return;
  const issues = [...seen.values()].map(({ issue, more }) =>
    more === 0
      ? issue
      : {
          ...issue,
          message: `${issue.message} (and ${more} more sweep point${more === 1 ? '' : 's'})`,
        },
  );
  throw new ScenarioError(issues);
}
