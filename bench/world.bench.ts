/**
 * World benchmark: 100k LTE phones for one simulated day on a 5-min NAT carrier with a fixed
 * 270 s heartbeat and 1 push/h per phone. Prints events/s (`events/s: 4.81 M`, read by
 * scripts), phone-days/s, wall time and peak RSS. Usage: npm run bench [-- phones].
 *
 * One successful heartbeat is one event here (its answer is resolved when it is sent, see
 * src/model/client.ts), where engines that schedule the send and the arrival separately
 * count two; so it also prints heartbeats simulated per second, the figure to compare
 * across such engines.
 *
 * Then the same workload as 2 population partitions on 2 worker processes (skipped with
 * --single): its wall time, the speed-up over the one-thread run, whether the merged result
 * is identical, and a spin test of how many cores the machine gave two processes.
 */
import { modelJson, runPartitioned, spinTest } from './partitioned.js';
import { runWorld } from '../src/model/run.js';
import { getStrategy } from '../src/strategies/registry.js';
import { benchConfig } from './workload.js';

const args = process.argv.slice(2);
const single = args.includes('--single');
const phones = Number(args.find((a) => !a.startsWith('--')) ?? 100_000);
const fixed = getStrategy('fixed')!;
const config = benchConfig(phones);

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

if (!single) {
  const parted = await runPartitioned(config, 2, 2);
  const same = modelJson(parted.result) === modelJson(result);
  const cores = await spinTest();
  console.log(
    `partitioned (2 partitions, 2 worker processes): wall time ${parted.wallS.toFixed(1)} s, phone-days/s ${(phoneDays / parted.wallS).toFixed(0)}, speed-up ${(wall / parted.wallS).toFixed(2)}x, result identical: ${same ? 'yes' : 'NO'}`,
  );
  console.log(
    `spin test: two processes ran ${cores.toFixed(2)}x as fast as one (2.00 = two free cores)`,
  );
  if (!same) process.exitCode = 1;
}
