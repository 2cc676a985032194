import type { HeartbeatStrategy } from './types.js';

/** A user strategy module could not be used: missing, broken, or not a strategy. */
export class StrategyPluginError extends Error {
  override name = 'StrategyPluginError';
}

/** A strategy answered an interval the model cannot schedule. */
export class StrategyIntervalError extends Error {
  override name = 'StrategyIntervalError';
}

const REQUIRED = [
  'onConnected',
  'onHeartbeatAck',
  'onHeartbeatFailure',
  'onNetworkChange',
  'nextInterval',
  'ackTimeoutS',
] as const;
const OPTIONAL = ['announcedInterval', 'piggybackSlackS', 'learnedInterval'] as const;

/**
 * Checks that `obj` has every method of HeartbeatStrategy (and that optional members, when
 * present, are functions), naming the first one that is wrong. `source` says where it came
 * from (a module path) so the message points at the file to fix.
 */
export function validateStrategyInstance(
  obj: unknown,
  source = 'strategy',
): asserts obj is HeartbeatStrategy {
  if (typeof obj !== 'object' || obj === null) {
    throw new StrategyPluginError(
      `${source}: the factory returned ${obj === null ? 'null' : typeof obj}, not a strategy object`,
    );
  }
  const o = obj as Record<string, unknown>;
  for (const m of REQUIRED) {
    if (typeof o[m] !== 'function') {
      throw new StrategyPluginError(
        `${source}: the strategy has no method ${m}() (found ${describe(o[m])}); required: ${REQUIRED.join(', ')}`,
      );
    }
  }
  for (const m of OPTIONAL) {
    if (o[m] !== undefined && typeof o[m] !== 'function') {
      throw new StrategyPluginError(
        `${source}: optional member ${m} must be a method, found ${describe(o[m])}`,
      );
    }
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  return typeof v;
}

/**
 * Rejects an interval the model cannot schedule (NaN, ±∞, ≤ 0, not a number), naming the
 * strategy. Returns the value so a call site reads `guardInterval(s.nextInterval(ctx), name)`.
 */
export function guardInterval(value: unknown, strategyName: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new StrategyIntervalError(
      `strategy "${strategyName}" returned an invalid heartbeat interval ${String(value)} (must be a finite number of seconds > 0)`,
    );
  }
  return value;
}
