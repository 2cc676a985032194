/**
 * The workload of `npm run bench` and `npm run bench:scale`: LTE phones for one simulated
 * day on a 5-min NAT carrier with a fixed 270 s heartbeat and 1 push/h per phone.
 */
import type { RunConfig } from '../src/model/config.js';
import { LTE } from '../src/model/radioPresets.js';
import { getStrategy } from '../src/strategies/registry.js';

/** The bench workload for `phones` phones (the speed peers run the same; README, Benchmarks). */
export function benchConfig(phones: number): RunConfig {
  const fixed = getStrategy('fixed')!;
  return {
    scenarioName: 'bench',
    seed: 1,
    replication: 0,
    durationS: 86_400,
    warmupS: 0,
    carriers: [
      {
        name: 'lte-5min',
        kind: 'cellular',
        radio: LTE,
        nat: {
          idleTimeout: { type: 'constant', value: 300 },
          refreshOn: 'both',
          expiredPacket: 'drop',
          capacity: 0,
          onFull: 'evict-lru',
          boxes: 1,
          timeoutScope: 'phone',
          expiryTickS: 0,
        },
        rtt: { type: 'constant', value: 0.1 },
      },
    ],
    groups: [
      {
        name: 'phones',
        count: phones,
        networks: [{ carrier: 'lte-5min', meanDwellS: 1e12 }],
        battery: { capacityMah: 1000, voltageV: 3.7 },
        architecture: 'system-channel',
        apps: [{ name: 'push', pushRatePerHour: 1 }],
      },
    ],
    server: {
      keepalive: { rule: 'factor', factor: 1.5 },
      pushAckTimeoutS: 60,
      messageTtlS: 28 * 86_400,
      sessionTakeover: false,
      maxHandshakesPerS: 0,
    },
    events: [],
    strategy: {
      name: 'fixed-270s',
      type: 'fixed',
      params: { intervalS: 270, ackTimeoutS: 60 },
      reconnect: fixed.reconnect,
      resetOnTraffic: true,
      timing: 'send',
    },
    startSpreadS: 300,
    handshakeRtts: 3,
    bucketS: 60,
    intervalSamplePhones: 0,
    tracePhone: -1,
  };
}
