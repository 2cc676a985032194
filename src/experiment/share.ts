import { createHash } from 'node:crypto';
import type { RunResult } from '../model/runResult.js';
import { toRunConfig } from '../scenario/runConfig.js';
import type { Scenario } from '../scenario/scenario.js';
import type { Unit } from './units.js';

/**
 * Sweeps share the runs a swept path cannot affect. A unit's run is a function of its run
 * configuration alone (the world, the strategy, the seed and replication: toRunConfig), so
 * two units with equal configurations — strategy B at every point of a sweep over strategy
 * A's interval — have byte-identical results. Only the first is run; the others get a copy.
 * The test is on the configuration itself, never on the swept path's name, so a path that
 * does reach a strategy (a carrier's NAT, the warm-up cut chosen per point) is never shared.
 */

function signature(sc: Scenario, unit: Unit): string {
  const config = toRunConfig(sc, unit.strategy, unit.replication);
  // A population partition is shared only with the same partition of a twin run.
  return createHash('sha256')
    .update(JSON.stringify({ config, partition: unit.partition ?? null }))
    .digest('hex');
}

/** Unit key → the key of the first unit (in the given order) with the same run configuration. */
export function sharedRuns(
  points: readonly Scenario[],
  units: readonly Unit[],
): Map<string, string> {
  const first = new Map<string, string>();
  const alias = new Map<string, string>();
  for (const u of units) {
    const sig = signature(points[u.point], u);
    const rep = first.get(sig);
    if (rep === undefined) first.set(sig, u.key);
    else alias.set(u.key, rep);
  }
  return alias;
}

/**
 * Runs `todo` through `run`, except units whose twin (in `all`, canonical order) has a
 * result already or is itself run: those get a copy, reported through `onCopy` (checkpoint,
 * progress) as if they had run.
 */
export async function runSharing<R = RunResult>(
  points: readonly Scenario[],
  all: readonly Unit[],
  todo: readonly Unit[],
  done: ReadonlyMap<string, R>,
  run: (units: Unit[]) => Promise<Map<string, R>>,
  onCopy: (unit: Unit, result: R) => Promise<void>,
): Promise<Map<string, R>> {
  const alias = sharedRuns(points, all);
  const own = todo.filter((u) => {
    const rep = alias.get(u.key);
    return rep === undefined || (!done.has(rep) && !todo.some((t) => t.key === rep));
  });
  const results = await run(own);
  const ran = new Set(own.map((u) => u.key));
  for (const u of todo) {
    if (ran.has(u.key)) continue;
    const rep = alias.get(u.key)!;
    const r = structuredClone(results.get(rep) ?? done.get(rep)!);
    results.set(u.key, r);
    await onCopy(u, r);
  }
  return results;
}
