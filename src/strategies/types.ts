import type { RandomSource } from '../engine/random/source.js';

/**
 * What a strategy may look at when it decides. One context object is reused for every
 * call (the model fills it in before each call), so a strategy must not keep a reference.
 */
export interface StrategyContext {
  /** Simulated time, seconds. */
  now: number;
  /** Connection slot id (stable across reconnects), phone id, and app index on the phone (−1 = shared channel). */
  connection: number;
  phone: number;
  app: number;
  /** Identity of the current network (carrier name or Wi-Fi network), the key of per-network memory. */
  networkKey: string;
  networkKind: 'cellular' | 'wifi';
  /** The radio is up (active or in a tail): a packet now costs no promotion. */
  radioConnected: boolean;
  /** Time the current TCP connection was established. */
  connectedAt: number;
  /** Last packet received / sent on this connection (NaN if none yet). */
  lastInboundAt: number;
  lastOutboundAt: number;
  /** Last time the user was active on the phone (NaN if never): Mars's "app active" rule uses it. */
  lastUserActivityAt: number;
  /** The strategy's own random stream (never shared with the world: common random numbers). */
  rng: RandomSource;
}

/**
 * Why a heartbeat failed or a connection went away, as the model knows it:
 * - `ackTimeout`: no answer in time (the NAT silently dropped the packet);
 * - `rst`: the NAT answered with a RST (an evicted mapping on a `expiredPacket: rst` NAT);
 * - `serverClose`: the server had closed the session (its keep-alive timeout, a restart) and
 *   its FIN or RST told the phone;
 * - `networkChange`, `outage`: the phone moved to another network / lost coverage (the OS
 *   tells it at once);
 * - `natReset`: a scripted fault dropped every mapping of the carrier.
 * `ackTimeout` and `rst` are the NAT-caused ones: the evidence an idle-timeout learner uses.
 * A real client sees a NAT reset as an ack timeout or a RST too; the model tells the truth so
 * that a policy may ignore faults it could not have caused.
 */
export type DisconnectReason =
  | 'ackTimeout'
  | 'rst'
  | 'serverClose'
  | 'networkChange'
  | 'outage'
  | 'natReset';

/** Is this a failure an idle-timeout learner should learn from (the NAT evicted the mapping)? */
export function isNatEviction(reason: DisconnectReason): boolean {
  return reason === 'ackTimeout' || reason === 'rst';
}

/**
 * A heartbeat policy for one connection. The model creates one instance per connection
 * slot for the whole run, so state kept in the instance survives reconnects and network
 * switches: that is where per-network learned intervals live.
 */
export interface HeartbeatStrategy {
  /** A new TCP connection is up. */
  onConnected(ctx: StrategyContext): void;
  /** The heartbeat sent at `interval` seconds of silence was answered in time. */
  onHeartbeatAck(ctx: StrategyContext, interval: number): void;
  /**
   * The heartbeat sent at `interval` failed (no answer in time, a RST, or the connection went
   * away while it was outstanding); the connection is then closed (onDisconnected follows).
   */
  onHeartbeatFailure(ctx: StrategyContext, interval: number, reason: DisconnectReason): void;
  /** The connection is gone (after any onHeartbeatFailure), for whatever reason. */
  onDisconnected?(ctx: StrategyContext, reason: DisconnectReason): void;
  /** The phone moved to another network; the connection is gone. */
  onNetworkChange(ctx: StrategyContext, networkKey: string): void;
  /** Seconds until the next heartbeat (finite, > 0), timed as the registry entry's `timing` says. */
  nextInterval(ctx: StrategyContext): number;
  /**
   * A heartbeat is being written (before its outcome is known). Mars chooses its next
   * interval here, before the answer.
   */
  onHeartbeatSent?(ctx: StrategyContext, interval: number): void;
  /** Send a heartbeat as soon as a connection is up (Mars's first noop), before any interval. */
  heartbeatOnConnect?(ctx: StrategyContext): boolean;
  /** Seconds to wait for a heartbeat answer before declaring failure. */
  ackTimeoutS(ctx: StrategyContext): number;
  /** Interval announced to the server at connect (its keep-alive rule uses it); default nextInterval. */
  announcedInterval?(ctx: StrategyContext): number;
  /**
   * Radio-aware piggybacking: when the radio is already up and the next heartbeat is due
   * within this many seconds, the model sends it now (0 or absent: never).
   */
  piggybackSlackS?(ctx: StrategyContext): number;
  /** The interval the strategy has learned for the current network (for adaptive policies' metrics). */
  learnedInterval?(ctx: StrategyContext): number;
}

/** Per-run facilities a strategy factory may use. */
export interface StrategyEnv {
  /** Shared across all connections of this strategy in one run (e.g. the crowd server's table). */
  shared: Map<string, unknown>;
  /** Duration of the run, seconds. */
  durationS: number;
}

/** Creates the strategy of one connection. Plugins export this as `createStrategy` (or default). */
export type StrategyFactory = (
  params: Record<string, unknown>,
  env: StrategyEnv,
) => HeartbeatStrategy;
