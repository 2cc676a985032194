import {
  checkKnownParams,
  numberParam,
  optionalNumberParam,
  recordParam,
  sharedConfig,
  StrategyParamError,
  stringParam,
} from './params.js';
import type {
  DisconnectReason,
  HeartbeatStrategy,
  StrategyContext,
  StrategyEnv,
  StrategyFactory,
} from './types.js';

/** How radio-aware finds its base policy (the registry passes its own lookup: no import cycle). */
export type BaseLookup = (
  type: string,
) => { create: StrategyFactory; defaults: Record<string, unknown> } | undefined;

/**
 * Radio-aware piggybacking: any built-in policy (default `fixed`) whose heartbeat goes out
 * early when the radio is already up. A heartbeat sent during an RRC tail costs no promotion
 * and no carrier signaling (an LTE promotion + tail is ≈ 11.5 J, sources: aro-lte), while
 * sending it up to slack seconds early costs at most slack/(interval − slack) more heartbeats.
 *
 * The model asks `piggybackSlackS` when the radio comes up for other reasons (the user's own
 * traffic): if the next heartbeat is due within that many seconds it sends it now.
 *
 * Slack: `slackS` (default 60 s, a fifth of a 300 s base interval: at worst 25 % more
 * heartbeats, each far cheaper than a promotion) or, when `slackFraction` is given, that
 * fraction of the base's current interval (scales with adaptive bases).
 *
 * `slackFraction` has no default: absent means the fixed `slackS`.
 */
export const RADIO_AWARE_DEFAULTS = {
  base: 'fixed',
  baseParams: {},
  slackS: 60,
};

const KNOWN = [...Object.keys(RADIO_AWARE_DEFAULTS), 'slackFraction'];

interface RadioAwareConfig {
  create: StrategyFactory;
  /** The base's registry defaults with `baseParams` over them: one object for all connections. */
  baseParams: Record<string, unknown>;
  slackS: number;
  /** NaN: use slackS. */
  fraction: number;
}

const configs = new WeakMap<object, RadioAwareConfig>();

export function createRadioAware(
  params: Record<string, unknown>,
  env: StrategyEnv,
  lookup: BaseLookup,
): HeartbeatStrategy {
  const c = sharedConfig(configs, params, (p) => parseRadioAware(p, lookup));
  return new RadioAwareHeartbeat(c.create(c.baseParams, env), c);
}

function parseRadioAware(params: Record<string, unknown>, lookup: BaseLookup): RadioAwareConfig {
  checkKnownParams(params, KNOWN, 'radio-aware');
  const baseType = stringParam(params, 'base', RADIO_AWARE_DEFAULTS.base);
  if (baseType === 'radio-aware') {
    throw new StrategyParamError('strategy radio-aware: base cannot be radio-aware itself');
  }
  const entry = lookup(baseType);
  if (!entry) {
    throw new StrategyParamError(`strategy radio-aware: unknown base strategy "${baseType}"`);
  }
  return {
    create: entry.create,
    baseParams: { ...entry.defaults, ...recordParam(params, 'baseParams') },
    slackS: numberParam(params, 'slackS', RADIO_AWARE_DEFAULTS.slackS, { min: 0 }),
    fraction: optionalNumberParam(params, 'slackFraction', { min: 0, max: 1 }) ?? Number.NaN,
  };
}

/**
 * Forwards everything to the base. `announcedInterval` and `learnedInterval` fall back to the
 * base's `nextInterval` when the base lacks them (the model's own default for the first; the
 * interval in use is what a fixed base "learned").
 */
class RadioAwareHeartbeat implements HeartbeatStrategy {
  /** The base's stable flag, where the base has one (absent otherwise, as for the base). */
  readonly isStable?: (ctx: StrategyContext) => boolean;

  constructor(
    private readonly base: HeartbeatStrategy,
    private readonly c: RadioAwareConfig,
  ) {
    const stable = base.isStable;
    if (stable) this.isStable = (ctx) => stable.call(base, ctx);
  }

  onConnected(ctx: StrategyContext): void {
    this.base.onConnected(ctx);
  }

  onHeartbeatAck(ctx: StrategyContext, interval: number): void {
    this.base.onHeartbeatAck(ctx, interval);
  }

  onHeartbeatFailure(ctx: StrategyContext, interval: number, reason: DisconnectReason): void {
    this.base.onHeartbeatFailure(ctx, interval, reason);
  }

  onDisconnected(ctx: StrategyContext, reason: DisconnectReason): void {
    this.base.onDisconnected?.(ctx, reason);
  }

  onHeartbeatSent(ctx: StrategyContext, interval: number): void {
    this.base.onHeartbeatSent?.(ctx, interval);
  }

  heartbeatOnConnect(ctx: StrategyContext): boolean {
    return this.base.heartbeatOnConnect?.(ctx) ?? false;
  }

  onNetworkChange(ctx: StrategyContext, networkKey: string): void {
    this.base.onNetworkChange(ctx, networkKey);
  }

  nextInterval(ctx: StrategyContext): number {
    return this.base.nextInterval(ctx);
  }

  ackTimeoutS(ctx: StrategyContext): number {
    return this.base.ackTimeoutS(ctx);
  }

  announcedInterval(ctx: StrategyContext): number {
    const b = this.base;
    return b.announcedInterval ? b.announcedInterval(ctx) : b.nextInterval(ctx);
  }

  learnedInterval(ctx: StrategyContext): number {
    const b = this.base;
    return b.learnedInterval ? b.learnedInterval(ctx) : b.nextInterval(ctx);
  }

  piggybackSlackS(ctx: StrategyContext): number {
    const f = this.c.fraction;
    return Number.isNaN(f) ? this.c.slackS : f * this.base.nextInterval(ctx);
  }
}
