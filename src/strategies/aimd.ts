import { NetworkMemory } from './networkMemory.js';
import { checkKnownParams, numberParam, sharedConfig } from './params.js';
import type { HeartbeatStrategy, StrategyContext, StrategyEnv } from './types.js';

/**
 * Additive increase, multiplicative decrease (TCP congestion control's rule applied to the
 * heartbeat interval; no shipped push system uses it): +stepS after every acknowledged
 * heartbeat, × decreaseFactor after a failure, clamped to [minS, maxS]. Against a constant
 * NAT timeout T it never settles: it climbs past T, fails, halves, climbs again — a sawtooth
 * that pays one reconnect per cycle of about (T/2)/stepS beats. That cost is the point of
 * having it as a baseline. State is per network key, like the other learners.
 *
 * Defaults: start at minS 60 s (the MQTT clients' keep-alive, sources: paho-mqtt), +30 s,
 * × 0.5, ceiling 3600 s (as binary-search), ack timeout 60 s (GCM, sources: chromium-gcm).
 *
 * `initialS` defaults to minS, so it has no entry in AIMD_DEFAULTS.
 */
export const AIMD_DEFAULTS = {
  minS: 60,
  maxS: 3600,
  stepS: 30,
  decreaseFactor: 0.5,
  ackTimeoutS: 60,
  maxNetworks: 20,
};

const KNOWN = [...Object.keys(AIMD_DEFAULTS), 'initialS'];

interface AimdRecord {
  intervalS: number;
  modifiedAt: number;
}

interface AimdConfig {
  minS: number;
  maxS: number;
  initialS: number;
  stepS: number;
  factor: number;
  ackTimeoutS: number;
  maxNetworks: number;
}

function parseAimd(params: Record<string, unknown>): AimdConfig {
  checkKnownParams(params, KNOWN, 'aimd');
  const D = AIMD_DEFAULTS;
  const minS = numberParam(params, 'minS', D.minS, { min: 1 });
  const maxS = numberParam(params, 'maxS', D.maxS, { min: minS });
  return {
    minS,
    maxS,
    initialS: numberParam(params, 'initialS', minS, { min: minS, max: maxS }),
    stepS: numberParam(params, 'stepS', D.stepS, { min: 0 }),
    factor: numberParam(params, 'decreaseFactor', D.decreaseFactor, { min: 0.01, max: 1 }),
    ackTimeoutS: numberParam(params, 'ackTimeoutS', D.ackTimeoutS, { min: 0.001 }),
    maxNetworks: numberParam(params, 'maxNetworks', D.maxNetworks, { min: 1 }),
  };
}

const configs = new WeakMap<object, AimdConfig>();

export function createAimd(params: Record<string, unknown>, _env: StrategyEnv): HeartbeatStrategy {
  return new AimdHeartbeat(sharedConfig(configs, params, parseAimd));
}

class AimdHeartbeat implements HeartbeatStrategy {
  private readonly memory = new NetworkMemory<AimdRecord>();
  /** Results belong to the network the connection was made on (ctx may already be the next). */
  private connKey = '';

  constructor(private readonly c: AimdConfig) {}

  onConnected(ctx: StrategyContext): void {
    this.connKey = ctx.networkKey;
    if (!this.memory.has(this.connKey)) {
      this.memory.add(this.connKey, this.c.maxNetworks, {
        intervalS: this.c.initialS,
        modifiedAt: ctx.now,
      });
    }
  }

  onHeartbeatAck(ctx: StrategyContext, interval: number): void {
    const r = this.memory.get(this.connKey);
    // Only a beat at the current value is evidence for growing it.
    if (!r || interval !== r.intervalS) return;
    r.intervalS = this.clamp(r.intervalS + this.c.stepS);
    r.modifiedAt = ctx.now;
  }

  onHeartbeatFailure(ctx: StrategyContext): void {
    const r = this.memory.get(this.connKey);
    if (!r) return;
    r.intervalS = this.clamp(r.intervalS * this.c.factor);
    r.modifiedAt = ctx.now;
  }

  onNetworkChange(): void {}

  nextInterval(ctx: StrategyContext): number {
    return this.memory.get(ctx.networkKey)?.intervalS ?? this.c.initialS;
  }

  ackTimeoutS(): number {
    return this.c.ackTimeoutS;
  }

  announcedInterval(): number {
    return this.c.maxS;
  }

  learnedInterval(ctx: StrategyContext): number {
    return this.nextInterval(ctx);
  }

  private clamp(v: number): number {
    return Math.min(this.c.maxS, Math.max(this.c.minS, v));
  }
}
