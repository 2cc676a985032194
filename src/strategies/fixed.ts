import type { HeartbeatStrategy, StrategyContext, StrategyEnv } from './types.js';
import { checkKnownParams, numberParam, optionalNumberParam } from './params.js';

/**
 * Fixed interval, optionally different on Wi-Fi: GCM's 28 min mobile / 15 min Wi-Fi with a
 * 60 s ack timeout (Chromium heartbeat_manager.cc), WhatsApp's 285 s, MQTT clients' 60 s.
 */
export function createFixed(params: Record<string, unknown>, _env: StrategyEnv): HeartbeatStrategy {
  checkKnownParams(params, ['intervalS', 'wifiIntervalS', 'ackTimeoutS'], 'fixed');
  const interval = numberParam(params, 'intervalS', 300, { min: 1 });
  const wifiInterval = optionalNumberParam(params, 'wifiIntervalS', { min: 1 }) ?? interval;
  const ackTimeout = numberParam(params, 'ackTimeoutS', 60, { min: 0.001 });
  const pick = (ctx: StrategyContext) => (ctx.networkKind === 'wifi' ? wifiInterval : interval);
  return {
    onConnected() {},
    onHeartbeatAck() {},
    onHeartbeatFailure() {},
    onNetworkChange() {},
    nextInterval: pick,
    ackTimeoutS: () => ackTimeout,
  };
}
