import { checkKnownParams, numberParam, sharedConfig } from './params.js';
import type { DisconnectReason, HeartbeatStrategy, StrategyContext, StrategyEnv } from './types.js';

/**
 * microG's GCM heartbeat learner (microg/GmsCore `GcmPrefs.kt` learnTimeout/learnReached,
 * `McsService.java`; docs/sources.md#microg). One learned interval per network class
 * (mobile / Wi-Fi), shared by every network of that class, so it survives reconnects and
 * switches between two cellular carriers alike.
 *
 * - start 300 s, clamp [300, 900] s;
 * - a heartbeat failure (no ack within 90 s, or a connection reset): interval × 0.95. The
 *   90 s check lives in McsService.isConnected(), which runs when the next heartbeat alarm
 *   fires (MSG_HEARTBEAT): a lost ping is noticed one interval after it was sent (at least
 *   90 s), with TCP retransmitting meanwhile. learnTimeout runs there and on a
 *   "Connection reset" socket error (MSG_INPUT_ERROR), not on a teardown of microG's own;
 * - an ack received when the connection had been silent inbound for more than ¾ of the
 *   current interval (McsService passes `now − lastIncomingNetworkRealtime`, measured before
 *   the ack itself updates it): interval × 1.02. An ack after recent inbound data proves
 *   nothing about the NAT (the mapping was refreshed), so it does not lengthen the interval.
 *
 * microG stores milliseconds as integers and truncates after each multiplication; we keep
 * seconds as floats (the difference is below 1 ms per step).
 */
export const MICROG_DEFAULTS = {
  initialS: 300,
  minS: 300,
  maxS: 900,
  decreaseFactor: 0.95,
  increaseFactor: 1.02,
  quietFraction: 0.75,
  ackTimeoutS: 90,
};

const KNOWN = Object.keys(MICROG_DEFAULTS);

interface MicrogConfig {
  minS: number;
  maxS: number;
  initialS: number;
  down: number;
  up: number;
  quiet: number;
  ackTimeoutS: number;
}

function parseMicrog(params: Record<string, unknown>): MicrogConfig {
  checkKnownParams(params, KNOWN, 'microg');
  const D = MICROG_DEFAULTS;
  const minS = numberParam(params, 'minS', D.minS, { min: 1 });
  const maxS = numberParam(params, 'maxS', D.maxS, { min: minS });
  return {
    minS,
    maxS,
    initialS: numberParam(params, 'initialS', D.initialS, { min: minS, max: maxS }),
    down: numberParam(params, 'decreaseFactor', D.decreaseFactor, { min: 0.01, max: 1 }),
    up: numberParam(params, 'increaseFactor', D.increaseFactor, { min: 1 }),
    quiet: numberParam(params, 'quietFraction', D.quietFraction, { min: 0, max: 1 }),
    ackTimeoutS: numberParam(params, 'ackTimeoutS', D.ackTimeoutS, { min: 0.001 }),
  };
}

const configs = new WeakMap<object, MicrogConfig>();

export function createMicrog(
  params: Record<string, unknown>,
  _env: StrategyEnv,
): HeartbeatStrategy {
  return new MicrogHeartbeat(sharedConfig(configs, params, parseMicrog));
}

class MicrogHeartbeat implements HeartbeatStrategy {
  private cellular: number;
  private wifi: number;
  /**
   * The class the connection was made on (microG's activeNetworkPref): when a switch kills a
   * connection with a heartbeat outstanding, ctx already describes the next network.
   */
  private connWifi = false;

  constructor(private readonly c: MicrogConfig) {
    this.cellular = c.initialS;
    this.wifi = c.initialS;
  }

  onConnected(ctx: StrategyContext): void {
    this.connWifi = ctx.networkKind === 'wifi';
  }

  onHeartbeatAck(ctx: StrategyContext): void {
    // microG sets lastIncoming at connect, so "no data yet" means silent since connect.
    const lastIn = Number.isNaN(ctx.lastInboundAt) ? ctx.connectedAt : ctx.lastInboundAt;
    const learned = this.ofConnection();
    if (ctx.now - lastIn > this.c.quiet * learned) this.setOfConnection(learned * this.c.up);
  }

  onHeartbeatFailure(_ctx: StrategyContext, _interval: number, reason: DisconnectReason): void {
    // The phone's own teardown (network change, coverage loss) is not a timeout to learn from;
    // a RST from the server is a "Connection reset" like the NAT's.
    if (reason === 'networkChange' || reason === 'outage') return;
    this.setOfConnection(this.ofConnection() * this.c.down);
  }

  onNetworkChange(): void {}

  nextInterval(ctx: StrategyContext): number {
    return ctx.networkKind === 'wifi' ? this.wifi : this.cellular;
  }

  /** The loss is found when the next alarm runs the 90 s check: one interval after the ping. */
  ackTimeoutS(ctx: StrategyContext): number {
    return Math.max(this.c.ackTimeoutS, this.nextInterval(ctx));
  }

  announcedInterval(): number {
    return this.c.maxS;
  }

  learnedInterval(ctx: StrategyContext): number {
    return this.nextInterval(ctx);
  }

  private ofConnection(): number {
    return this.connWifi ? this.wifi : this.cellular;
  }

  private setOfConnection(v: number): void {
    const clamped = Math.min(this.c.maxS, Math.max(this.c.minS, v));
    if (this.connWifi) this.wifi = clamped;
    else this.cellular = clamped;
  }
}

/**
 * microG's reconnect delays, as McsService.getCurrentDelay() produces them: the first call
 * returns 5 s and moves the stored delay to 10 s; below 60 s it grows by 10 s; when it reaches
 * 60 s the second branch adds 60 s in the same call, so 60 s itself is never used and 50 s is
 * followed by 120 s; then +60 s steps up to 600 s, which repeats.
 */
export const MICROG_RECONNECT_DELAYS_S = [
  5, 10, 20, 30, 40, 50, 120, 180, 240, 300, 360, 420, 480, 540, 600,
];
