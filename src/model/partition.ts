import type { RunConfig } from './config.js';

/** Partitions asked of a run whose phones are coupled, or out of range (an input error). */
export class PartitionError extends Error {
  override name = 'PartitionError';
}

/**
 * A population partition: phones with global ids in [phoneBase, phoneBase + phones), with
 * their connections and apps. Phones are laid out group by group, and a phone's connections
 * and apps follow it, so each range of phone ids maps to one contiguous range of connection
 * ids and one of app ids.
 */
export interface PhoneRange {
  phoneBase: number;
  connBase: number;
  appBase: number;
  phones: number;
  connections: number;
  apps: number;
  totalPhones: number;
  totalConnections: number;
  /** Phones of each group inside the range. */
  groupCounts: number[];
}

/** Phone ids [lo, hi) of partition `index` of `count` over `total` phones (sizes differ by ≤ 1). */
export function partitionBounds(total: number, index: number, count: number): [number, number] {
  return [Math.floor((total * index) / count), Math.floor((total * (index + 1)) / count)];
}

/** The phones (and their connections and apps) a run of this config holds. */
export function partitionRange(config: RunConfig): PhoneRange {
  let totalPhones = 0;
  let totalConnections = 0;
  for (const g of config.groups) {
    totalPhones += g.count;
    totalConnections += g.count * connectionsOf(g);
  }
  const part = config.partition ?? { index: 0, count: 1 };
  const [lo, hi] = partitionBounds(totalPhones, part.index, part.count);
  const out: PhoneRange = {
    phoneBase: lo,
    connBase: 0,
    appBase: 0,
    phones: hi - lo,
    connections: 0,
    apps: 0,
    totalPhones,
    totalConnections,
    groupCounts: [],
  };
  let start = 0;
  for (const g of config.groups) {
    const end = start + g.count;
    const before = Math.max(0, Math.min(end, lo) - start);
    const inside = Math.max(0, Math.min(end, hi) - Math.max(start, lo));
    out.connBase += before * connectionsOf(g);
    out.appBase += before * g.apps.length;
    out.connections += inside * connectionsOf(g);
    out.apps += inside * g.apps.length;
    out.groupCounts.push(inside);
    start = end;
  }
  return out;
}

/** Connection slots per phone of a group (world.ts: connectionsPerPhone). */
function connectionsOf(g: RunConfig['groups'][number]): number {
  if (g.architecture === 'system-channel') return 1;
  return Math.max(1, g.apps.length);
}
