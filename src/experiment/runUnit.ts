import { dirname, resolve } from 'node:path';
import type { RunPartial } from '../model/collect.js';
import { type RunOptions, runPartition, runWorld } from '../model/run.js';
import type { RunResult } from '../model/runResult.js';
import { toRunConfig } from '../scenario/runConfig.js';
import { MODULE_PATTERN } from '../scenario/strategies.js';
import type { Scenario } from '../scenario/scenario.js';
import { loadStrategyModule } from '../strategies/plugin.js';
import {
  guardPluginStrategy,
  watchedPluginCall,
  watchedPluginCallSync,
} from '../strategies/pluginGuard.js';
import { getStrategy } from '../strategies/registry.js';
import type { StrategyFactory } from '../strategies/types.js';
import type { Unit } from './units.js';

/** A strategy type is a registry name or a module path (.js, .mjs, .cjs, .ts, .mts, .cts). */
export function isModulePath(type: string): boolean {
  return MODULE_PATTERN.test(type);
}

const pluginCache = new Map<string, Promise<StrategyFactory>>();

/** The factory behind a scenario's strategy: a built-in, or a plugin module loaded once. */
export function strategyFactory(
  scenario: Scenario,
  strategyIndex: number,
): Promise<StrategyFactory> {
  const spec = scenario.strategies[strategyIndex];
  if (!isModulePath(spec.type)) {
    const entry = getStrategy(spec.type);
    if (!entry) throw new Error(`unknown strategy type "${spec.type}"`);
    return Promise.resolve(entry.create);
  }
  const baseDir = scenario.file ? dirname(resolve(scenario.file)) : process.cwd();
  const key = resolve(baseDir, spec.type);
  let f = pluginCache.get(key);
  if (!f) {
    f = watchedPluginCall(() => loadStrategyModule(spec.type, baseDir));
    pluginCache.set(key, f);
  }
  // Every instance is guarded: its answers checked and blamed on this strategy by name.
  return f.then(
    (factory): StrategyFactory =>
      (params, env) =>
        guardPluginStrategy(
          watchedPluginCallSync(() => factory(params, env)),
          spec.name,
          key,
        ),
  );
}

/**
 * Runs one unit of a (point) scenario to its raw result, or, for a population partition,
 * to the partition's accumulators (merged by partitions.ts: finishPartitions).
 */
export async function runUnit(
  scenario: Scenario,
  unit: Unit,
  opts: RunOptions = {},
): Promise<RunResult | RunPartial> {
  const factory = await strategyFactory(scenario, unit.strategy);
  // Pilots carry PILOT_REPLICATION, which toRunConfig runs from time 0 over 2^level windows.
  const config = toRunConfig(scenario, unit.strategy, unit.replication, unit.pilotLevel);
  if (unit.partition) return runPartition({ ...config, partition: unit.partition }, factory, opts);
  const { trace: _trace, ...result } = runWorld(config, factory, opts);
  return result;
}
