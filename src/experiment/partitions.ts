/**
 * Population partitions: one run of N phones split by phone id into P units, each a world
 * holding a contiguous range of phones (src/model/partition.ts), run by the same pool,
 * shards, checkpoints and merge as replications and sweep points, and merged into one
 * RunResult (src/model/collect.ts: finishRun) that is byte-identical to the unpartitioned
 * run's. That holds only while phones do not interact; where they do (coupling), the run is
 * refused a partition with a message naming the feature.
 */
import { finishRun, type RunPartial } from '../model/collect.js';
import { PartitionError } from '../model/partition.js';
import type { RunResult } from '../model/runResult.js';
import { PILOT_REPLICATION, toRunConfig } from '../scenario/runConfig.js';
import type { Scenario } from '../scenario/scenario.js';
import { getStrategy } from '../strategies/registry.js';
import { isModulePath } from './runUnit.js';
import type { Unit } from './units.js';

export { PartitionError };

/** What a unit leaves: a whole run's result, or one partition's accumulators. */
export type UnitOutput = RunResult | RunPartial;

export function isPartial(x: UnitOutput): x is RunPartial {
  return (x as RunPartial).kind === 'partial';
}

/**
 * Automatic partitions. A partition holds at most this many phones, so a worker's memory
 * stays bounded (≈ 0.7 KB per phone-connection of world state: ~200 MB at 250k phones)
 * whatever the run's size.
 */
export const MAX_PHONES_PER_PARTITION = 250_000;
/** Below this many phones per partition, splitting a run to fill idle cores is not worth it. */
export const MIN_PHONES_PER_PARTITION = 25_000;

/**
 * Why the phones of this (point) scenario cannot be split into partitions, or undefined.
 * Phones interact through a NAT box's capacity (its LRU table is shared by the phones of the
 * box), the server's handshake budget (per second over all phones), and strategies that
 * share state between connections (crowd's table, a plugin's env.shared; the latter is
 * caught when the run starts); scripted server restarts, NAT resets and outages act on every
 * phone alike and partition fine. Per-second signaling sums must add exactly, so the
 * carriers' signaling constants must be whole numbers.
 */
export function partitionRefusal(sc: Scenario): string | undefined {
  for (const c of sc.carriers) {
    if (c.nat.capacity > 0) {
      return `carrier "${c.name}" has a NAT box capacity (carriers.${c.name}.nat.capacity = ${c.nat.capacity}): phones sharing a box evict each other's mappings, so they cannot run in separate partitions`;
    }
    const r = c.radio as unknown as Record<string, unknown>;
    for (const key of ['signalingPerPromotion', 'signalingPerResume', 'signalingPerPage']) {
      const v = r[key];
      if (typeof v === 'number' && !Number.isInteger(v)) {
        return `carrier "${c.name}" has radio.${key} = ${v}, not a whole number: per-second signaling sums of partitions would depend on their order`;
      }
    }
  }
  for (const g of sc.groups) {
    if (g.sms && !Number.isInteger(g.sms.signalingPerSms)) {
      return `group "${g.name}" has sms.signalingPerSms = ${g.sms.signalingPerSms}, not a whole number: per-second signaling sums of partitions would depend on their order`;
    }
  }
  if (sc.server.maxHandshakesPerS > 0) {
    return `the server's handshake budget (server.maxHandshakesPerS = ${sc.server.maxHandshakesPerS}) is shared by every phone, so they cannot run in separate partitions`;
  }
  for (const s of sc.strategies) {
    if (isModulePath(s.type)) continue; // checked when its world is built (env.shared)
    const entry = getStrategy(s.type);
    if (!entry) continue;
    const env = { shared: new Map<string, unknown>(), durationS: sc.durationS };
    entry.create(s.params, env);
    if (env.shared.size > 0) {
      return `strategy "${s.name}" (${s.type}) learns from every connection together (state shared in the run), so its phones cannot run in separate partitions`;
    }
  }
  return undefined;
}

/**
 * Partitions per point scenario. `requested` (--partitions) applies to every point and is
 * refused for coupled ones; without it, a point is split when its runs would otherwise leave
 * cores idle (fewer units than jobs; not when sharded, where every shard must agree
 * whatever its core count) or when its phones exceed MAX_PHONES_PER_PARTITION, and never
 * when coupled.
 */
export function choosePartitions(
  points: readonly Scenario[],
  opts: { requested?: number; jobs: number; sharded: boolean },
): number[] {
  const units = points.reduce((s, p) => s + p.strategies.length * p.replications, 0);
  return points.map((sc) => {
    const why = partitionRefusal(sc);
    if (opts.requested !== undefined) {
      if (opts.requested === 1) return 1;
      if (why)
        throw new PartitionError(
          `--partitions ${opts.requested}: ${why}; run without --partitions`,
        );
      if (opts.requested > sc.phones) {
        throw new PartitionError(
          `--partitions ${opts.requested} is more than the scenario's ${sc.phones} phones; expected at most ${sc.phones}`,
        );
      }
      return opts.requested;
    }
    if (why) return 1;
    const forMemory = Math.ceil(sc.phones / MAX_PHONES_PER_PARTITION);
    const forCores =
      !opts.sharded && units < opts.jobs
        ? Math.min(Math.ceil(opts.jobs / units), Math.floor(sc.phones / MIN_PHONES_PER_PARTITION))
        : 1;
    return Math.max(1, forMemory, forCores);
  });
}

export function partitionKey(base: string, index: number, count: number): string {
  return `${base}-part${index + 1}of${count}`;
}

const PARTITION_KEY = /^(.*)-part(\d+)of(\d+)$/;

/** Each unit split into its point's number of partitions (a point with 1 keeps its units). */
export function partitionUnits(units: readonly Unit[], counts: readonly number[]): Unit[] {
  return units.flatMap((u) => {
    const count = counts[u.point] ?? 1;
    if (count <= 1) return [u];
    return Array.from({ length: count }, (_, index) => ({
      ...u,
      key: partitionKey(u.key, index, count),
      partition: { index, count },
    }));
  });
}

/** The unit a partition key belongs to, with its index and count (undefined: not a partition). */
export function parsePartitionKey(
  key: string,
): { base: string; index: number; count: number } | undefined {
  const m = PARTITION_KEY.exec(key);
  if (!m) return undefined;
  const index = Number(m[2]) - 1;
  const count = Number(m[3]);
  if (!(count >= 2 && index >= 0 && index < count)) return undefined;
  return { base: m[1], index, count };
}

const BASE_KEY = /^p(\d+)-s(\d+)-(?:r(\d+)|pilot(\d+))$/;

/**
 * Whole results by unit key: the units that ran whole, and every unit all of whose
 * partitions are here, merged (finishRun). `scenarioOf(point, pilot)` is the scenario the
 * unit ran with (the measured runs' warm-up is the one chosen by the pilots); `which`
 * limits the merge to pilots or to measured units.
 */
export function finishPartitions(
  outputs: ReadonlyMap<string, UnitOutput>,
  scenarioOf: (point: number, pilot: boolean) => Scenario,
  which: 'pilots' | 'all' = 'all',
): Map<string, RunResult> {
  const whole = new Map<string, RunResult>();
  const groups = new Map<string, RunPartial[]>();
  for (const [key, out] of outputs) {
    if (!isPartial(out)) {
      whole.set(key, out);
      continue;
    }
    const k = parsePartitionKey(key);
    if (!k) continue;
    const g = `${k.base}#${k.count}`;
    const list = groups.get(g) ?? [];
    list.push(out);
    groups.set(g, list);
  }
  for (const [g, list] of groups) {
    const [base, countText] = g.split('#');
    if (whole.has(base) || list.length !== Number(countText)) continue;
    const m = BASE_KEY.exec(base);
    if (!m) continue;
    const pilot = m[3] === undefined;
    if (which === 'pilots' && !pilot) continue;
    const config = toRunConfig(
      scenarioOf(Number(m[1]), pilot),
      Number(m[2]),
      pilot ? PILOT_REPLICATION : Number(m[3]),
      pilot ? Number(m[4]) : undefined,
    );
    whole.set(base, finishRun(config, list));
  }
  return whole;
}
