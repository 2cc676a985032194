/**
 * Child process of bench/partitioned.ts: runs the partition of the RunConfig it is sent and
 * sends back the partition's accumulators with its own peak RSS. With --spin it times a
 * fixed busy loop instead (the spin test of how many cores two processes get).
 */
import type { RunConfig } from '../src/model/config.js';
import { runPartition } from '../src/model/run.js';
import { getStrategy } from '../src/strategies/registry.js';

if (process.argv.includes('--spin')) {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003;
  const ms = performance.now() - t0;
  process.send!(ms + (x === -1 ? 1 : 0), () => process.exit(0));
} else {
  process.once('message', (config: RunConfig) => {
    const entry = getStrategy(config.strategy.type);
    if (!entry) throw new Error(`unknown strategy ${config.strategy.type}`);
    const partial = runPartition(config, entry.create);
    process.send!({ partial, maxRssKB: process.resourceUsage().maxRSS }, () => process.exit(0));
  });
}
