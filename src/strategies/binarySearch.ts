import { Bisection, type BisectionOptions } from './bisection.js';
import { NetworkMemory } from './networkMemory.js';
import { checkKnownParams, numberParam, sharedConfig } from './params.js';
import {
  type DisconnectReason,
  type HeartbeatStrategy,
  isNatEviction,
  type StrategyContext,
  type StrategyEnv,
} from './types.js';

/**
 * Binary search for the NAT idle timeout, per network key (no shipped system; a textbook
 * baseline that finds the timeout in O(log((max − min)/resolution)) probes).
 *
 * Defaults and why:
 * - minS 60 s: the MQTT clients' default keep-alive (sources: paho-mqtt), below every
 *   cellular NAT idle timeout in the field (sources: eronen-2008) except misbehaving home gateways; treated as surviving.
 * - maxS 3600 s: beyond an hour the heartbeat costs next to nothing (Haverinen 2007's curve
 *   is flat there) and NATs with timeouts of hours need no finer answer; treated as failing
 *   until a probe shows otherwise, so a NAT longer than maxS converges within resolution of it.
 * - confirmations 2: one success could be luck (a push refreshed the mapping between beats
 *   when the model's timer is not reset by inbound traffic); one failure is believed at once
 *   because each one costs a reconnect.
 * - resolutionS 10 s, safetyMarginS 20 s (Mars's margin): operating interval within 30 s
 *   below the timeout.
 * - ackTimeoutS 60 s: GCM's (sources: chromium-gcm), as the `fixed` baseline, so they compare.
 * - failuresToRestart 2 (Mars's "2 failures"): a converged value is abandoned only after two
 *   consecutive failures, then searched again below the failed interval.
 *
 * Records are kept per network key (at most `maxNetworks`, least recently modified evicted),
 * so returning to a known network reuses its answer and only a new network is probed.
 */
export const BINARY_SEARCH_DEFAULTS = {
  minS: 60,
  maxS: 3600,
  resolutionS: 10,
  confirmations: 2,
  safetyMarginS: 20,
  failuresToRestart: 2,
  ackTimeoutS: 60,
  maxNetworks: 20,
};

const KNOWN = Object.keys(BINARY_SEARCH_DEFAULTS);

export function bisectionOptions(
  params: Record<string, unknown>,
  D: typeof BINARY_SEARCH_DEFAULTS = BINARY_SEARCH_DEFAULTS,
): BisectionOptions {
  const minS = numberParam(params, 'minS', D.minS, { min: 1 });
  return {
    minS,
    maxS: numberParam(params, 'maxS', D.maxS, { min: minS }),
    resolutionS: numberParam(params, 'resolutionS', D.resolutionS, { min: 0.001 }),
    confirmations: numberParam(params, 'confirmations', D.confirmations, { min: 1 }),
    safetyMarginS: numberParam(params, 'safetyMarginS', D.safetyMarginS, { min: 0 }),
    failuresToRestart: numberParam(params, 'failuresToRestart', D.failuresToRestart, { min: 1 }),
  };
}

interface BinarySearchConfig {
  search: BisectionOptions;
  ackTimeoutS: number;
  maxNetworks: number;
}

function parseBinarySearch(params: Record<string, unknown>): BinarySearchConfig {
  checkKnownParams(params, KNOWN, 'binary-search');
  const D = BINARY_SEARCH_DEFAULTS;
  return {
    search: bisectionOptions(params),
    ackTimeoutS: numberParam(params, 'ackTimeoutS', D.ackTimeoutS, { min: 0.001 }),
    maxNetworks: numberParam(params, 'maxNetworks', D.maxNetworks, { min: 1 }),
  };
}

const configs = new WeakMap<object, BinarySearchConfig>();

export function createBinarySearch(
  params: Record<string, unknown>,
  _env: StrategyEnv,
): HeartbeatStrategy {
  return new BinarySearchHeartbeat(sharedConfig(configs, params, parseBinarySearch));
}

class BinarySearchHeartbeat implements HeartbeatStrategy {
  private readonly memory = new NetworkMemory<Bisection>();
  /**
   * Results belong to the network the connection was made on: when a switch kills a
   * connection with a heartbeat outstanding, ctx already describes the new network.
   */
  private connKey = '';

  constructor(private readonly c: BinarySearchConfig) {}

  onConnected(ctx: StrategyContext): void {
    this.connKey = ctx.networkKey;
    if (!this.memory.has(this.connKey)) {
      this.memory.add(this.connKey, this.c.maxNetworks, new Bisection(this.c.search, ctx.now));
    }
  }

  onHeartbeatAck(ctx: StrategyContext, interval: number): void {
    this.memory.get(this.connKey)?.onSuccess(interval, ctx.now);
  }

  /** Only a NAT eviction says the interval was too long: a switch or a fault says nothing. */
  onHeartbeatFailure(ctx: StrategyContext, interval: number, reason: DisconnectReason): void {
    if (!isNatEviction(reason)) return;
    this.memory.get(this.connKey)?.onFailure(interval, ctx.now);
  }

  onNetworkChange(): void {}

  nextInterval(ctx: StrategyContext): number {
    return this.memory.get(ctx.networkKey)?.interval() ?? this.c.search.minS;
  }

  ackTimeoutS(): number {
    return this.c.ackTimeoutS;
  }

  announcedInterval(): number {
    return this.c.search.maxS;
  }

  learnedInterval(ctx: StrategyContext): number {
    return this.memory.get(ctx.networkKey)?.learned() ?? this.c.search.minS;
  }

  /** Stable once the bisection has converged on this network. */
  isStable(ctx: StrategyContext): boolean {
    return this.memory.get(ctx.networkKey)?.converged ?? false;
  }
}
