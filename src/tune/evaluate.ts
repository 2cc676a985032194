import type { BadUnit } from '../experiment/checkpoint.js';
import { Checkpoint, readUnitFile } from '../experiment/checkpoint.js';
import { runPool } from '../experiment/pool.js';
import { type Unit, unitKey } from '../experiment/units.js';
import type { RunResult } from '../model/runResult.js';
import type { Scenario } from '../scenario/scenario.js';
import { awaitUnits, type TuneShard, unitOwner } from './shard.js';

/**
 * Runs the search's evaluations: each (candidate, replication) is a unit of the experiment
 * layer — its own scenario, its own seed-derived streams — run on the worker pool and
 * checkpointed in <out>/.units as it finishes. Candidate ids are the unit's point index;
 * the search creates them in a deterministic order, so a resumed search asks for the same
 * units and finds them on disk (each file carries its scenario's hash, so a unit of another
 * candidate is never mistaken for this one's). A shard (shard.ts) runs only its share of
 * each batch and reads the rest from the shared checkpoint directory.
 */

export interface EvaluatorOptions {
  jobs: number;
  signal?: AbortSignal;
  checkpointDir?: string;
  resume?: boolean;
  onBadUnit?: (bad: BadUnit) => void;
  pluginTimeoutS?: number;
  /** Called as each unit is ready (run or reused). */
  onUnitDone?: (unit: Unit, reused: boolean) => void;
  /** Shard k of n of a tune sharing `checkpointDir` with the other shards. */
  shard?: TuneShard;
}

export interface EvalRequest {
  id: number;
  replication: number;
}

export class Evaluator {
  /** Scenario of every candidate, by id (the unit's point index). */
  readonly scenarios: Scenario[] = [];
  private readonly checkpoint?: Checkpoint;
  units = 0;
  reused = 0;
  /** Units run by other shards and read from the shared directory. */
  fromOtherShards = 0;

  constructor(private readonly opts: EvaluatorOptions) {
    if (opts.shard && !opts.checkpointDir) {
      throw new Error('a sharded evaluator needs the shared checkpoint directory');
    }
    if (opts.checkpointDir) this.checkpoint = new Checkpoint(opts.checkpointDir);
  }

  register(sc: Scenario): number {
    this.scenarios.push(sc);
    return this.scenarios.length - 1;
  }

  /** Results of these replications, keyed by unit key; one batch runs in parallel. */
  run(requests: readonly EvalRequest[]): Promise<Map<string, RunResult>> {
    return this.runUnits(
      requests.map(({ id, replication }) => ({
        point: id,
        strategy: 0,
        replication,
        key: unitKey(id, 0, replication),
      })),
    );
  }

  /** Results of these units (replications or warm-up pilots), keyed by unit key. */
  async runUnits(units: readonly Unit[]): Promise<Map<string, RunResult>> {
    const done = new Map<string, RunResult>();
    const todo: Unit[] = [];
    const others: { unit: Unit; owner: number }[] = [];
    const shard = this.opts.shard;
    for (const [i, u] of units.entries()) {
      // The position in the whole search's sequence of units: the same in every shard,
      // since every shard replays the same search.
      const owner = shard ? unitOwner(this.units + i, shard.count) : undefined;
      if (shard && owner !== shard.index) {
        others.push({ unit: u, owner: owner! });
        continue;
      }
      const found =
        this.opts.resume && this.opts.checkpointDir
          ? await readUnitFile(this.opts.checkpointDir, u.key, this.scenarios, this.opts.onBadUnit)
          : undefined;
      if (found) {
        done.set(u.key, found);
        this.reused++;
        this.opts.onUnitDone?.(u, true);
      } else todo.push(u);
    }
    const plugins = this.scenarios.some((s) =>
      /\.(?:[mc]?js|[mc]?ts)$/i.test(s.strategies[0]?.type ?? ''),
    )
      ? { timeoutS: this.opts.pluginTimeoutS ?? 30 }
      : undefined;
    // A signal of its own per batch, linked to the caller's and unlinked after: the pool
    // listens on the signal it is given, and a search runs many batches.
    const batch = new AbortController();
    const parent = this.opts.signal;
    const relay = () => batch.abort();
    if (parent?.aborted) batch.abort();
    parent?.addEventListener('abort', relay, { once: true });
    const fresh = await runPool(this.scenarios, todo, {
      jobs: this.opts.jobs,
      signal: batch.signal,
      plugins,
      onDone: async (unit, result) => {
        await this.checkpoint?.save(unit, this.scenarios[unit.point], result);
        this.opts.onUnitDone?.(unit, false);
      },
    }).finally(() => parent?.removeEventListener('abort', relay));
    // Tune's units are whole runs (never split into population partitions).
    for (const [k, v] of fresh) done.set(k, v as RunResult);
    if (shard && others.length > 0) {
      const theirs = await awaitUnits(
        this.opts.checkpointDir!,
        others,
        this.scenarios,
        shard,
        parent,
      );
      for (const { unit } of others) {
        done.set(unit.key, theirs.get(unit.key)!);
        this.fromOtherShards++;
        this.opts.onUnitDone?.(unit, true);
      }
    }
    this.units += units.length;
    return done;
  }
}
