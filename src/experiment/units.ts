import { PILOT_REPLICATION } from '../scenario/runConfig.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * A unit of work: one strategy × one replication × one sweep point. Units are enumerated in
 * a fixed order (point, then strategy, then replication), so results can be reassembled in
 * that order whatever ran them, on how many threads or shards.
 */
export interface Unit {
  /** Sweep point index (0 when there is no sweep). */
  point: number;
  strategy: number;
  replication: number;
  key: string;
  /** A warm-up pilot run (replication = PILOT_REPLICATION, warm-up 0): see warmup.ts. */
  pilot?: boolean;
  /** A pilot's level k: it runs 2^k measured windows (warmup.ts doubles unsettled pilots). */
  pilotLevel?: number;
  /** One population partition of the run (partitions.ts); omitted: the whole population. */
  partition?: { index: number; count: number };
}

export function unitKey(point: number, strategy: number, replication: number): string {
  return `p${point}-s${strategy}-r${replication}`;
}

export function pilotKey(point: number, strategy: number, level = 0): string {
  return `p${point}-s${strategy}-pilot${level}`;
}

/**
 * A warm-up pilot of level k (2^k measured windows; warmup.ts `pilotPlan` says which are
 * needed). Pilots are never sharded: every shard needs the same cut, and computes it itself.
 */
export function pilotUnit(point: number, strategy: number, level: number): Unit {
  return {
    point,
    strategy,
    replication: PILOT_REPLICATION,
    key: pilotKey(point, strategy, level),
    pilot: true,
    pilotLevel: level,
  };
}

/** Every unit of the experiment over the given point scenarios, in canonical order. */
export function enumerateUnits(points: Scenario[]): Unit[] {
  const units: Unit[] = [];
  points.forEach((sc, point) => {
    for (let strategy = 0; strategy < sc.strategies.length; strategy++) {
      for (let replication = 0; replication < sc.replications; replication++) {
        units.push({ point, strategy, replication, key: unitKey(point, strategy, replication) });
      }
    }
  });
  return units;
}

/** A shard i of n (1-based i, as on the command line). */
export interface Shard {
  index: number;
  count: number;
}

/** Units of shard i/n: every n-th unit starting at i−1 (deterministic, balanced). */
export function shardUnits(units: Unit[], shard: Shard | undefined): Unit[] {
  if (!shard) return units;
  return units.filter((_, k) => k % shard.count === shard.index - 1);
}

/** Parses "i/n" with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}
