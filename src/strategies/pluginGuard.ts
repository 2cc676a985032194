import type { HeartbeatStrategy } from './types.js';
import { StrategyPluginError } from './validate.js';

/**
 * A plugin strategy is someone else's code: every value it hands the model is checked here
 * (right type, finite, in range), and the error names the strategy, the method and the
 * module, instead of surfacing as "SchedulingError … t=NaN" deep inside the engine or, worse,
 * as a run that silently schedules a heartbeat every 300 ns because "300" was a string.
 *
 * Each call is also counted in a shared word (see pluginWatch) so the thread that started
 * the run can tell a plugin that never returns from a long run.
 */

/** Longest interval or timeout a plugin may ask for: 10 years is past any run's end. */
export const MAX_PLUGIN_SECONDS = 10 * 365 * 86_400;

type Check = (v: unknown) => string | undefined;

const positiveSeconds: Check = (v) =>
  typeof v !== 'number'
    ? `a number of seconds, found ${typeof v} ${JSON.stringify(v)}`
    : !Number.isFinite(v) || v <= 0 || v > MAX_PLUGIN_SECONDS
      ? `a finite number of seconds in (0, ${MAX_PLUGIN_SECONDS}], found ${v}`
      : undefined;

const slackSeconds: Check = (v) =>
  typeof v !== 'number'
    ? `a number of seconds, found ${typeof v} ${JSON.stringify(v)}`
    : !Number.isFinite(v) || v < 0 || v > MAX_PLUGIN_SECONDS
      ? `a finite number of seconds in [0, ${MAX_PLUGIN_SECONDS}], found ${v}`
      : undefined;

/** NaN means "nothing learned yet" (as the built-ins answer). */
const learnedSeconds: Check = (v) =>
  typeof v === 'number' && Number.isNaN(v) ? undefined : slackSeconds(v);

const nothing: Check = () => undefined;

/** The methods whose answers the model uses, and what each must answer. */
const RETURNS: Record<string, Check> = {
  nextInterval: positiveSeconds,
  ackTimeoutS: positiveSeconds,
  announcedInterval: positiveSeconds,
  piggybackSlackS: slackSeconds,
  learnedInterval: learnedSeconds,
};

/**
 * Counter of plugin calls, shared with the thread that watches for hangs: odd while a
 * plugin call is running. Without a watcher (library use) it is a private word.
 */
let watch: Int32Array<ArrayBufferLike> = new Int32Array(1);

export function setPluginWatch(word: Int32Array<ArrayBufferLike>): void {
  watch = word;
}

/** Runs plugin code (a load, a factory call) counted as one call for the hang watcher. */
export async function watchedPluginCall<T>(f: () => Promise<T> | T): Promise<T> {
  Atomics.add(watch, 0, 1);
  try {
    return await f();
  } finally {
    Atomics.add(watch, 0, 1);
  }
}

export function watchedPluginCallSync<T>(f: () => T): T {
  Atomics.add(watch, 0, 1);
  try {
    return f();
  } finally {
    Atomics.add(watch, 0, 1);
  }
}

function methodNames(obj: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = obj; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (k !== 'constructor' && typeof (obj as Record<string, unknown>)[k] === 'function') {
        names.add(k);
      }
    }
  }
  return [...names];
}

/**
 * Wraps a plugin's strategy instance: same methods (optional ones only when the plugin
 * has them), each call counted for the hang watcher, each answer checked, each exception
 * given the strategy's name.
 */
export function guardPluginStrategy(
  strategy: HeartbeatStrategy,
  name: string,
  source: string,
): HeartbeatStrategy {
  const wrapped: Record<string, unknown> = {};
  const target = strategy as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const m of methodNames(strategy)) {
    const check = RETURNS[m] ?? nothing;
    wrapped[m] = (...args: unknown[]) => {
      let value: unknown;
      Atomics.add(watch, 0, 1);
      try {
        value = target[m](...args);
      } catch (e) {
        if (e instanceof StrategyPluginError) throw e;
        const message = e instanceof Error ? e.message : String(e);
        throw new StrategyPluginError(`strategy "${name}" (${source}): ${m}() threw: ${message}`, {
          cause: e,
        });
      } finally {
        Atomics.add(watch, 0, 1);
      }
      const problem = check(value);
      if (problem) {
        throw new StrategyPluginError(
          `strategy "${name}" (${source}): ${m}() must return ${problem}`,
        );
      }
      return value;
    };
  }
  return wrapped as unknown as HeartbeatStrategy;
}
