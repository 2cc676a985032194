/**
 * Worker thread: runs units of the scenarios it was given and posts each result back.
 * Results do not depend on which worker ran a unit: every stream is named by
 * (seed, replication, purpose, entity), never by thread or order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/scenario.js';
import { setPluginWatch } from '../strategies/pluginGuard.js';
import { runUnit } from './runUnit.js';
import type { Unit } from './units.js';

const data = workerData as { scenarios: Scenario[]; watch?: Int32Array };
const scenarios = data.scenarios;
// Plugin calls are counted where the main thread can see them (its hang watchdog).
if (data.watch) setPluginWatch(data.watch);

parentPort!.on('message', async (unit: Unit) => {
  try {
    const result = await runUnit(scenarios[unit.point], unit);
    parentPort!.postMessage({ key: unit.key, result });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({
      key: unit.key,
      error: { name: e.name, message: e.message, stack: e.stack },
    });
  }
});
