/**
 * Scale benchmark: the bench workload (bench/workload.ts) at 1M phones for one simulated
 * day, as 8 population partitions on worker processes (one per core by default). Prints
 * phone-days/s, wall time and each worker's peak RSS; then checks that the partitioned run
 * merges to the unpartitioned result: the same scenario at 100k phones run whole in this
 * process and as 8 partitions. Usage: npm run bench:scale [-- phones [partitions [jobs]]].
 */
import { availableParallelism } from 'node:os';
import { runWorld } from '../src/model/run.js';
import { getStrategy } from '../src/strategies/registry.js';
import { modelJson, runPartitioned, spinTest } from './partitioned.js';
import { benchConfig } from './workload.js';

const [phonesArg, partsArg, jobsArg] = process.argv.slice(2);
const phones = Number(phonesArg ?? 1_000_000);
const partitions = Number(partsArg ?? 8);
const jobs = Number(jobsArg ?? availableParallelism());
const checkPhones = Math.min(100_000, phones);
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

const big = await runPartitioned(benchConfig(phones), partitions, jobs);
console.log(
  `phones: ${phones}, simulated: 1 day, ${partitions} partitions on ${jobs} worker processes`,
);
console.log(`phone-days/s: ${(phones / big.wallS).toFixed(0)}`);
console.log(`wall time: ${big.wallS.toFixed(1)} s`);
console.log(
  `peak RSS per worker: max ${mb(Math.max(...big.rssBytes))} (${big.rssBytes.map(mb).join(', ')})`,
);
console.log(
  `check: heartbeats/phone-day ${big.result.metrics.heartbeatsPerPhoneDay.toFixed(1)}, reconnects/phone-day ${big.result.metrics.reconnectsPerPhoneDay.toFixed(2)}`,
);

const small = benchConfig(checkPhones);
const whole = runWorld(small, getStrategy('fixed')!.create);
const parted = await runPartitioned(small, partitions, jobs);
const same = modelJson(whole) === modelJson(parted.result);
console.log(
  `identity at ${checkPhones} phones, 1 partition vs ${partitions}: ${same ? 'identical' : 'DIFFERENT'}`,
);
console.log(`spin test: two processes ran ${(await spinTest()).toFixed(2)}x as fast as one`);
if (!same) process.exitCode = 1;
