import { checkKnownParams, numberParam, optionalNumberParam, sharedConfig } from './params.js';
import type { HeartbeatStrategy, StrategyContext, StrategyEnv } from './types.js';

/**
 * Fixed interval, optionally different on Wi-Fi: GCM's 28 min mobile / 15 min Wi-Fi with a
 * 60 s ack timeout (Chromium heartbeat_manager.cc), WhatsApp's 285 s, MQTT clients' 60 s.
 */
class FixedHeartbeat implements HeartbeatStrategy {
  constructor(
    private readonly intervalS: number,
    private readonly wifiIntervalS: number,
    private readonly ackS: number,
  ) {}

  onConnected(): void {}
  onHeartbeatAck(): void {}
  onHeartbeatFailure(): void {}
  onNetworkChange(): void {}

  nextInterval(ctx: StrategyContext): number {
    return ctx.networkKind === 'wifi' ? this.wifiIntervalS : this.intervalS;
  }

  ackTimeoutS(): number {
    return this.ackS;
  }
}

function parseFixed(params: Record<string, unknown>): FixedHeartbeat {
  checkKnownParams(params, ['intervalS', 'wifiIntervalS', 'ackTimeoutS'], 'fixed');
  const interval = numberParam(params, 'intervalS', 300, { min: 1 });
  const wifiInterval = optionalNumberParam(params, 'wifiIntervalS', { min: 1 }) ?? interval;
  const ackTimeout = numberParam(params, 'ackTimeoutS', 60, { min: 0.001 });
  return new FixedHeartbeat(interval, wifiInterval, ackTimeout);
}

const shared = new WeakMap<object, FixedHeartbeat>();

/**
 * A fixed policy keeps no state, so every connection built from the same params object gets
 * the same instance: a million connections cost one object.
 */
export function createFixed(params: Record<string, unknown>, _env: StrategyEnv): HeartbeatStrategy {
  return sharedConfig(shared, params, parseFixed);
}
