import type { RandomSource } from '../../src/engine/random/source.js';
import type {
  HeartbeatStrategy,
  StrategyContext,
  StrategyEnv,
} from '../../src/strategies/types.js';
import { guardInterval } from '../../src/strategies/validate.js';

/**
 * A tiny deterministic stand-in for the world model: one connection against a NAT whose idle
 * timeout is constant. A heartbeat after `interval` of silence is answered when interval < T,
 * otherwise it times out and the connection is re-established at once. Time advances by the
 * interval (+ rtt on an ack, + the strategy's ack timeout on a failure). Nothing in
 * src/strategies depends on it; the world-level tests will replay the same examples.
 */

export type Outcome = 'ack' | 'fail' | 'switch';

export interface Network {
  key: string;
  kind: 'cellular' | 'wifi';
}

export interface DriveOptions {
  /** Constant NAT idle timeout: interval < T → ack, else failure. */
  natTimeoutS?: number;
  /** Scripted outcome of beat i (overrides natTimeoutS); return undefined to stop. */
  outcome?: (beat: number, interval: number) => Outcome | undefined;
  /** Stop once simulated time reaches this (default ∞). */
  durationS?: number;
  /** Stop after this many beats (default 100 000). */
  maxBeats?: number;
  /** Networks visited in turn on 'switch' outcomes; the first is the starting one. */
  networks?: Network[];
  rttS?: number;
  /** Gap between a lost connection and the new one. */
  reconnectDelayS?: number;
  /** The user's last activity (Mars's active-app rule); NaN = never. */
  lastUserActivityAt?: number;
  /** Context start time (several phones can share a clock through this). */
  startS?: number;
}

export interface Beat {
  sentAt: number;
  interval: number;
  ok: boolean;
  connection: number;
  networkKey: string;
}

export interface Trace {
  beats: Beat[];
  failures: number;
  reconnects: number;
  switches: number;
  /** Simulated time when the drive stopped. */
  end: number;
}

/** A small deterministic uniform source (LCG) for ctx.rng. */
export function lcg(seed: number): RandomSource {
  let s = seed >>> 0 || 1;
  return {
    uniform() {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s + 0.5) / 4294967296;
    },
  };
}

export function freshEnv(durationS = 86400): StrategyEnv {
  return { shared: new Map(), durationS };
}

export function makeContext(over: Partial<StrategyContext> = {}): StrategyContext {
  return {
    now: 0,
    connection: 0,
    phone: 0,
    app: -1,
    networkKey: 'carrier-a',
    networkKind: 'cellular',
    radioConnected: false,
    connectedAt: 0,
    lastInboundAt: Number.NaN,
    lastOutboundAt: Number.NaN,
    lastUserActivityAt: Number.NaN,
    rng: lcg(1),
    ...over,
  };
}

export function drive(s: HeartbeatStrategy, o: DriveOptions): Trace {
  const networks = o.networks ?? [{ key: 'carrier-a', kind: 'cellular' }];
  const rtt = o.rttS ?? 0;
  const gap = o.reconnectDelayS ?? 0;
  const duration = o.durationS ?? Number.POSITIVE_INFINITY;
  const maxBeats = o.maxBeats ?? 100_000;
  let net = 0;
  const ctx = makeContext({
    now: o.startS ?? 0,
    networkKey: networks[0].key,
    networkKind: networks[0].kind,
    lastUserActivityAt: o.lastUserActivityAt ?? Number.NaN,
  });
  const trace: Trace = { beats: [], failures: 0, reconnects: 0, switches: 0, end: 0 };
  let connection = 0;

  const connect = () => {
    ctx.connectedAt = ctx.now;
    ctx.lastInboundAt = ctx.now;
    ctx.lastOutboundAt = ctx.now;
    s.onConnected(ctx);
    // A heartbeat at once (Mars's first noop): the path was just used, so it is answered.
    if (s.heartbeatOnConnect?.(ctx)) {
      s.onHeartbeatSent?.(ctx, 0);
      trace.beats.push({
        sentAt: ctx.now,
        interval: 0,
        ok: true,
        connection,
        networkKey: ctx.networkKey,
      });
      s.onHeartbeatAck(ctx, 0);
    }
  };
  connect();

  for (let i = 0; i < maxBeats && ctx.now < duration; i++) {
    const interval = guardInterval(s.nextInterval(ctx), 'driven');
    const what = o.outcome
      ? o.outcome(i, interval)
      : interval < (o.natTimeoutS ?? 0)
        ? 'ack'
        : 'fail';
    if (what === undefined) break;
    if (what === 'switch') {
      // The phone moves halfway through the wait; the OS tells it at once.
      ctx.now += interval / 2;
      net = (net + 1) % networks.length;
      s.onDisconnected?.(ctx, 'networkChange');
      s.onNetworkChange(ctx, networks[net].key);
      ctx.networkKey = networks[net].key;
      ctx.networkKind = networks[net].kind;
      trace.switches++;
      connection++;
      connect();
      continue;
    }
    const sentAt = ctx.now + interval;
    trace.beats.push({
      sentAt,
      interval,
      ok: what === 'ack',
      connection,
      networkKey: ctx.networkKey,
    });
    ctx.lastOutboundAt = sentAt;
    const answerAt = ctx.now;
    ctx.now = sentAt;
    s.onHeartbeatSent?.(ctx, interval);
    ctx.now = answerAt;
    if (what === 'ack') {
      // lastInboundAt still holds the packet before this answer, as the model sets it.
      ctx.now = sentAt + rtt;
      s.onHeartbeatAck(ctx, interval);
      ctx.lastInboundAt = ctx.now;
    } else {
      ctx.now = sentAt + s.ackTimeoutS(ctx);
      s.onHeartbeatFailure(ctx, interval, 'ackTimeout');
      s.onDisconnected?.(ctx, 'ackTimeout');
      trace.failures++;
      trace.reconnects++;
      ctx.now += gap;
      connection++;
      connect();
    }
  }
  trace.end = ctx.now;
  return trace;
}

/** Runs of equal consecutive intervals: [[210, 8], [270, 6], …]. */
export function runs(beats: readonly Beat[]): [number, number][] {
  const out: [number, number][] = [];
  for (const b of beats) {
    const last = out[out.length - 1];
    if (last && last[0] === b.interval) last[1]++;
    else out.push([b.interval, 1]);
  }
  return out;
}
