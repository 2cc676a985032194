/**
 * World benchmark: 100k LTE phones for one simulated day on a 5-min NAT carrier with a fixed
 * 270 s heartbeat and 1 push/h per phone. Prints events/s (`events/s: 4.81 M`, read by
 * scripts), phone-days/s, wall time and peak RSS. Usage: npm run bench [-- phones].
 *
 * One successful heartbeat is one event here (its answer is resolved when it is sent, see
 * src/model/client.ts), where engines that schedule the send and the arrival separately
 * count two; so it also prints heartbeats simulated per second, the figure to compare
 * across such engines.
 */
import type { RunConfig } from '../src/model/config.js';
import { LTE } from '../src/model/radioPresets.js';
import { runWorld } from '../src/model/run.js';
import { getStrategy } from '../src/strategies/registry.js';

const phones = Number(process.argv[2] ?? 100_000);
const fixed = getStrategy('fixed')!;
const config: RunConfig = {
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

let peakRss = 0;
const timer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
const start = process.hrtime.bigint();
const result = runWorld(config, fixed.create);
const wall = Number(process.hrtime.bigint() - start) / 1e9;
clearInterval(timer);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const phoneDays = (phones * config.durationS) / 86_400;
console.log(`phones: ${phones}, simulated: 1 day, events: ${result.events}`);
console.log(`events/s: ${(result.events / wall / 1e6).toFixed(2)} M`);
console.log(`phone-days/s: ${(phoneDays / wall).toFixed(0)}`);
const heartbeats = result.metrics.heartbeatsPerPhoneDay * phoneDays;
console.log(`heartbeats/s: ${(heartbeats / wall / 1e6).toFixed(2)} M`);
console.log(`wall time: ${wall.toFixed(1)} s`);
console.log(`peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MB`);
console.log(
  `check: heartbeats/phone-day ${result.metrics.heartbeatsPerPhoneDay.toFixed(1)}, reconnects/phone-day ${result.metrics.reconnectsPerPhoneDay.toFixed(2)}`,
);
