import { type BadUnit, loadUnitFiles, readShardManifest } from './checkpoint.js';
import { assemble, type PointResult, pointScenarios } from './experiment.js';
import {
  finishPartitions,
  parsePartitionKey,
  partitionKey,
  type UnitOutput,
} from './partitions.js';
import { enumerateUnits } from './units.js';
import { chooseWarmup, pilotPlan, withWarmup } from './warmup.js';

/** Thrown when shard directories do not add up to one complete experiment. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * Combines shard (or checkpoint) directories into the results of one experiment: every
 * directory must hold the same scenario (same hash), and together they must cover every
 * unit. Results are assembled in canonical unit order, so a merged report is identical to
 * the report of an unsharded run.
 */
export async function mergeShards(dirs: string[]): Promise<PointResult[]> {
  if (dirs.length === 0) throw new MergeError('no shard directories given');
  const scenarios = await Promise.all(dirs.map((d) => readShardManifest(d)));
  const scenario = scenarios[0];
  scenarios.forEach((s, i) => {
    if (s.hash !== scenario.hash) {
      throw new MergeError(
        `${dirs[i]} holds scenario ${s.name} (hash ${s.hash}), but ${dirs[0]} holds ${scenario.name} (hash ${scenario.hash})`,
      );
    }
  });
  const points = pointScenarios(scenario);
  const units = enumerateUnits(points);
  const bad: BadUnit[] = [];
  const outputs = await loadUnitFiles(dirs, points, (b) => bad.push(b));
  if (bad.length > 0) {
    const list = bad
      .slice(0, 5)
      .map((b) => `${b.file}: ${b.reason}`)
      .join('; ');
    throw new MergeError(
      `${bad.length} unit file${bad.length === 1 ? '' : 's'} cannot be used: ${list}${bad.length > 5 ? '; …' : ''}. To fix this, rerun the shard that wrote ${bad.length === 1 ? 'it' : 'them'} (hbsim run --shard i/n)`,
    );
  }
  // Population partitions (partitions.ts) are merged into their runs: the pilots first, so
  // the measured runs are finished with the warm-up the merged pilots choose.
  const plan = pilotPlan(
    points,
    finishPartitions(outputs, (i) => points[i], 'pilots'),
  );
  const choices = points.map((sc, i) => chooseWarmup(sc, plan.deciding[i]));
  const measuredPoints = points.map((sc, i) => withWarmup(sc, choices[i]));
  const results = finishPartitions(outputs, (i, pilot) => (pilot ? points[i] : measuredPoints[i]));
  const missing = units.filter((u) => !results.has(u.key)).map((u) => missingText(u.key, outputs));
  if (missing.length > 0) {
    const list = missing.slice(0, 5).join(', ');
    throw new MergeError(
      `${missing.length} of ${units.length} units are missing (${list}${missing.length > 5 ? ', …' : ''}); to fix this, run the missing shards (hbsim run --shard i/n) and merge all their directories`,
    );
  }
  // Every shard ran every pilot (they are not sharded), so any directory holds them.
  if (plan.missing.length > 0) {
    throw new MergeError(
      `the warm-up pilot runs are missing (${plan.missing.map((u) => u.key).join(', ')}); to fix this, merge directories written by hbsim run --shard of this version`,
    );
  }
  return points.map((sc, i) => {
    const choice = choices[i];
    const measured = measuredPoints[i];
    return {
      point: sc.point,
      scenario: measured,
      result: {
        ...assemble(
          measured,
          units.filter((u) => u.point === i),
          results,
          0,
          0,
          choice,
        ),
        pilots: plan.deciding[i].map((r) => ({
          strategy: r.strategy,
          series: r.series,
        })),
      },
    };
  });
}

/** A missing unit's key, or the keys of its missing partitions when some of them are here. */
function missingText(key: string, outputs: ReadonlyMap<string, UnitOutput>): string {
  const counts = new Set<number>();
  for (const k of outputs.keys()) {
    const p = parsePartitionKey(k);
    if (p && p.base === key) counts.add(p.count);
  }
  if (counts.size === 0) return key;
  const count = Math.max(...counts);
  const absent = Array.from({ length: count }, (_, i) => partitionKey(key, i, count)).filter(
    (k) => !outputs.has(k),
  );
  return absent.join(', ');
}
