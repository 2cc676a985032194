/**
 * Runs one world as population partitions on child processes (one process per partition, at
 * most `jobs` at a time) and merges them the way hbsim's pool does (src/model/collect.ts:
 * finishRun). Child processes rather than threads so that each worker's peak RSS is its own
 * (process.resourceUsage().maxRSS), the figure the scale benchmark reports.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { finishRun, type RunPartial } from '../src/model/collect.js';
import type { RunConfig } from '../src/model/config.js';
import type { RunResult } from '../src/model/runResult.js';

export interface PartitionedRun {
  result: RunResult;
  wallS: number;
  /** Peak RSS of each partition's process, bytes, in partition order. */
  rssBytes: number[];
}

const WORKER = fileURLToPath(new URL('./partitionWorker.js', import.meta.url));

export async function runPartitioned(
  config: RunConfig,
  count: number,
  jobs: number,
): Promise<PartitionedRun> {
  const start = process.hrtime.bigint();
  const partials: RunPartial[] = new Array(count);
  const rssBytes: number[] = new Array(count).fill(0);
  let next = 0;
  const runOne = (index: number) =>
    new Promise<void>((done, fail) => {
      const child = fork(WORKER, [], { serialization: 'advanced', execArgv: [] });
      child.once('message', (msg: { partial: RunPartial; maxRssKB: number }) => {
        partials[index] = msg.partial;
        rssBytes[index] = msg.maxRssKB * 1024;
      });
      child.once('error', fail);
      child.once('exit', (code) =>
        code === 0 ? done() : fail(new Error(`partition ${index + 1}/${count} exited ${code}`)),
      );
      child.send({ ...config, partition: { index, count } });
    });
  const lane = async () => {
    while (next < count) await runOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, lane));
  const result = finishRun(config, partials);
  return { result, wallS: Number(process.hrtime.bigint() - start) / 1e9, rssBytes };
}

/** A result without its engine event count (per-partition bookkeeping events differ). */
export function modelJson(r: RunResult): string {
  return JSON.stringify({ ...r, events: 0 });
}

/**
 * How many cores the machine gives two processes at once: two processes spin the same
 * loop side by side, against one alone; ≈ 2 on two free cores, ≈ 1 when they share one.
 */
export async function spinTest(): Promise<number> {
  const spin = () =>
    new Promise<number>((done, fail) => {
      const child = fork(WORKER, ['--spin'], { execArgv: [] });
      child.once('message', (ms: number) => done(ms));
      child.once('error', fail);
    });
  const one = await spin();
  const two = await Promise.all([spin(), spin()]);
  // Two loops' work done in the time of the slower of the pair, against one loop alone.
  return (2 * one) / Math.max(two[0], two[1]);
}
