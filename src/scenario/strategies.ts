import { existsSync } from 'node:fs';
import { basename, extname, resolve as resolvePath } from 'node:path';
import type { BackoffConfig, StrategySpec } from '../model/config.js';
import { GCM_BACKOFF, getStrategy, listStrategies } from '../strategies/registry.js';
import type { RawIssue } from './errors.js';
import type { StrategyInput } from './schema/strategy.js';
import { didYouMean } from './suggest.js';
import { parseDuration } from './units.js';

/**
 * Strategy entries → StrategySpec: registry defaults and reconnect rule filled in, module
 * paths made absolute, parameters checked by the strategy's own factory so that
 * `hbsim validate` catches a bad `intervalS` before a long run does.
 */

/** A `type:` that names a file rather than a registry entry. */
export const MODULE_PATTERN = /\.(?:[mc]?js|[mc]?ts)$/i;

/** Plugins get MQTT semantics unless told otherwise: any client packet restarts the timer (MQTT 3.1.1 §3.1.2.10, sources: mqtt-3.1.1). */
const PLUGIN_RESET_ON_TRAFFIC = true;

export interface StrategyContext {
  /** Directory module paths are relative to (the scenario file's). */
  baseDir: string;
  durationS: number;
}

/**
 * Strategy parameters are the strategy's business, but the house style for times is a name
 * ending in S (`intervalS`): such a key accepts a duration string ("28m") like the rest of
 * the file, converted here so the strategy sees seconds.
 */
export function convertParamDurations(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const timeKey = /[a-z0-9]S$/.test(key);
    const conv = (v: unknown) => (typeof v === 'string' ? (parseDuration(v) ?? v) : v);
    out[key] = timeKey ? (Array.isArray(value) ? value.map(conv) : conv(value)) : value;
  }
  return out;
}

function clean<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(o ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

export function resolveStrategies(
  inputs: readonly StrategyInput[],
  ctx: StrategyContext,
  issues: RawIssue[],
): StrategySpec[] {
  const specs: StrategySpec[] = [];
  inputs.forEach((input, i) => {
    const entry = typeof input === 'string' ? { type: input, params: {} } : input;
    const at = typeof input === 'string' ? ['strategies', i] : ['strategies', i, 'type'];
    const params = convertParamDurations(entry.params);
    const overrides = typeof input === 'string' ? undefined : input;
    const spec = MODULE_PATTERN.test(entry.type)
      ? fromModule(entry.type, params, ctx, at, issues)
      : fromRegistry(entry.type, params, ctx, at, issues, i);
    if (!spec) return;
    spec.name = overrides?.name ?? spec.name;
    spec.reconnect = { ...spec.reconnect, ...clean(overrides?.reconnect) };
    spec.resetOnTraffic = overrides?.resetOnTraffic ?? spec.resetOnTraffic;
    spec.timing = overrides?.timing ?? spec.timing;
    checkReconnect(spec.reconnect, ['strategies', i, 'reconnect'], issues);
    specs.push(spec);
  });
  checkUniqueNames(inputs, specs, issues);
  return specs;
}

function fromModule(
  type: string,
  params: Record<string, unknown>,
  ctx: StrategyContext,
  at: (string | number)[],
  issues: RawIssue[],
): StrategySpec | undefined {
  const file = resolvePath(ctx.baseDir, type);
  if (!existsSync(file)) {
    issues.push({
      path: at,
      expected: 'an existing strategy module (relative to the scenario file)',
      found: JSON.stringify(type),
      message: `strategy module not found: ${file}`,
    });
    return undefined;
  }
  return {
    name: basename(file, extname(file)),
    type: file,
    params,
    reconnect: { ...GCM_BACKOFF },
    resetOnTraffic: PLUGIN_RESET_ON_TRAFFIC,
    // Plugins are timed from the send (MQTT keep-alive) unless the scenario says `timing`.
    timing: 'send',
  };
}

function fromRegistry(
  type: string,
  params: Record<string, unknown>,
  ctx: StrategyContext,
  at: (string | number)[],
  issues: RawIssue[],
  index: number,
): StrategySpec | undefined {
  const entry = getStrategy(type);
  if (!entry) {
    const known = listStrategies().map((s) => s.type);
    issues.push({
      path: at,
      expected: `a strategy type (${known.join(', ')}) or a module path ending in .js/.mjs/.ts`,
      found: JSON.stringify(type),
      message: `unknown strategy type "${type}"`,
      hint: didYouMean(type, known) ?? 'hbsim list strategies shows them all',
    });
    return undefined;
  }
  const merged = { ...entry.defaults, ...params };
  try {
    // Building one instance is how a strategy checks its parameters (StrategyParamError).
    entry.create(merged, { shared: new Map(), durationS: ctx.durationS });
  } catch (e) {
    issues.push({
      path: ['strategies', index, 'params'],
      expected: `parameters accepted by "${type}"`,
      found: 'a mapping',
      message: String((e as Error).message ?? e),
      hint: "docs/strategies.md lists each strategy's parameters",
    });
  }
  return {
    name: type,
    type,
    params: merged,
    reconnect: { ...entry.reconnect },
    resetOnTraffic: entry.resetOnTraffic,
    timing: entry.timing,
  };
}

function checkReconnect(r: BackoffConfig, at: (string | number)[], issues: RawIssue[]): void {
  if (r.kind === 'table' && r.delaysS.length === 0) {
    issues.push({
      path: [...at, 'delaysS'],
      expected: 'a non-empty list of delays for kind: table',
      found: 'nothing',
    });
  }
  if (r.kind === 'exponential' && r.capS < r.initialS) {
    issues.push({
      path: [...at, 'capS'],
      expected: `a cap >= initialS (${r.initialS} s)`,
      found: String(r.capS),
    });
  }
}

function checkUniqueNames(
  inputs: readonly StrategyInput[],
  specs: StrategySpec[],
  issues: RawIssue[],
): void {
  if (specs.length !== inputs.length) return; // an earlier error already stands
  const seen = new Map<string, number>();
  specs.forEach((s, i) => {
    const first = seen.get(s.name);
    if (first === undefined) {
      seen.set(s.name, i);
      return;
    }
    issues.push({
      path: typeof inputs[i] === 'string' ? ['strategies', i] : ['strategies', i, 'name'],
      expected: 'a name not used by another strategy',
      found: JSON.stringify(s.name),
      message: `duplicate strategy name "${s.name}" (also strategies[${first}])`,
      hint: 'give each strategy a name:, e.g. name: fixed-5min',
    });
  });
}
