import type {
  CarrierConfig,
  PhoneGroupConfig,
  RunConfig,
  StrategySpec,
} from '../../src/model/config.js';
import { LTE } from '../../src/model/radioPresets.js';
import { getStrategy } from '../../src/strategies/registry.js';

/** The LTE preset with a constant promotion delay (its mean). */
export const CONSTANT_LTE = { ...LTE, promotionDelay: undefined };

/**
 * A one-carrier LTE world with a constant NAT timeout, as the oracle tests need: every
 * source of variability is constant (RTT 0.1 s, promotion delay 0.26 s, exact NAT expiry).
 */
export function carrier(natTimeoutS: number, over: Partial<CarrierConfig> = {}): CarrierConfig {
  return {
    name: 'lte',
    kind: 'cellular',
    radio: CONSTANT_LTE,
    nat: {
      idleTimeout: { type: 'constant', value: natTimeoutS },
      refreshOn: 'both',
      expiredPacket: 'drop',
      capacity: 0,
      onFull: 'evict-lru',
      boxes: 1,
      timeoutScope: 'phone',
      expiryTickS: 0,
    },
    rtt: { type: 'constant', value: 0.1 },
    ...over,
  };
}

export function group(over: Partial<PhoneGroupConfig> = {}): PhoneGroupConfig {
  return {
    name: 'phones',
    count: 1,
    networks: [{ carrier: 'lte', meanDwellS: 1e12 }],
    battery: { capacityMah: 1000, voltageV: 3.7 },
    architecture: 'system-channel',
    apps: [{ name: 'push', pushRatePerHour: 0 }],
    ...over,
  };
}

export function strategy(
  type: string,
  params: Record<string, unknown> = {},
  over: Partial<StrategySpec> = {},
): StrategySpec {
  const e = getStrategy(type);
  if (!e) throw new Error(`no strategy ${type}`);
  return {
    name: type,
    type,
    params: { ...e.defaults, ...params },
    reconnect: e.reconnect,
    resetOnTraffic: e.resetOnTraffic,
    timing: e.timing,
    ...over,
  };
}

export function runConfig(over: Partial<RunConfig> = {}): RunConfig {
  return {
    scenarioName: 'test',
    seed: 1,
    replication: 0,
    durationS: 86_400,
    warmupS: 0,
    carriers: [carrier(600)],
    groups: [group()],
    server: {
      keepalive: { rule: 'factor', factor: 1.5 },
      pushAckTimeoutS: 60,
      messageTtlS: 28 * 86_400,
      sessionTakeover: false,
      maxHandshakesPerS: 0,
    },
    events: [],
    strategy: strategy('fixed', { intervalS: 300 }),
    startSpreadS: 0,
    handshakeRtts: 3,
    bucketS: 60,
    intervalSamplePhones: 0,
    tracePhone: -1,
    ...over,
  };
}
