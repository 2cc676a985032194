import { availableParallelism } from 'node:os';
import {
  defaultMemoryBudget,
  describeEstimate,
  estimateCost,
  overBudget,
} from '../experiment/estimate.js';
import type { Shard } from '../experiment/units.js';
import type { Scenario } from '../scenario/scenario.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

/** --jobs, at most one worker per core (more threads only add memory and contention). */
export function effectiveJobs(requested: number | undefined, io: CliIo, quiet: boolean): number {
  const cores = availableParallelism();
  if (requested === undefined) return cores;
  if (requested > cores) {
    if (!quiet)
      io.err(`hbsim: --jobs ${requested}: this machine has ${cores} cores; using ${cores}\n`);
    return cores;
  }
  return requested;
}

export interface BudgetOptions {
  maxMemory?: number;
  force?: boolean;
}

/**
 * The cost estimate of the (shard of the) experiment, refused over budget unless --force.
 * Returns the unit count and the header line.
 */
export function checkBudget(
  points: readonly Scenario[],
  shard: Shard | undefined,
  jobs: number,
  opts: BudgetOptions,
  partitions: readonly number[] = [],
): { units: number; text: string } {
  const whole = estimateCost(points, jobs, partitions);
  const share = shard ? 1 / shard.count : 1;
  const est = shard
    ? {
        ...whole,
        units: Math.ceil(whole.units * share),
        events: whole.events * share,
        peakBytes: whole.peakBytes - whole.resultsBytes * (1 - share),
      }
    : whole;
  const cores = Math.max(1, Math.min(jobs, availableParallelism()));
  const text = describeEstimate(est, cores);
  const max = opts.maxMemory ?? defaultMemoryBudget();
  const problem = overBudget(est, max);
  if (problem && !opts.force) {
    throw new UsageError(
      `refusing to start: ${problem}; nothing was run. To fix this, lower the count, duration, replications or sweep (or raise output.bucket), or pass --force to run anyway (--max-memory sets the budget)`,
    );
  }
  return { units: est.units, text: problem ? `${text} (over budget: --force)` : text };
}
