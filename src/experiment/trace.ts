import { runWorld } from '../model/run.js';
import { namedCause, type TraceRecord } from '../model/trace.js';
import { toRunConfig } from '../scenario/runConfig.js';
import type { Scenario } from '../scenario/scenario.js';
import { strategyFactory } from './runUnit.js';

export interface TraceOptions {
  phone: number;
  /** Strategy name (default: the first). */
  strategy?: string;
  /** Stop the run here (default: the scenario's duration). */
  untilS?: number;
  replication?: number;
}

/** Every event of one phone in one run, in time order (`hbsim trace`). */
export async function traceRun(scenario: Scenario, opts: TraceOptions): Promise<TraceRecord[]> {
  const index =
    opts.strategy === undefined
      ? 0
      : scenario.strategies.findIndex((s) => s.name === opts.strategy);
  if (index < 0) {
    const names = scenario.strategies.map((s) => s.name).join(', ');
    throw new RangeError(`no strategy named "${opts.strategy}" in the scenario (it has: ${names})`);
  }
  if (!Number.isInteger(opts.phone) || opts.phone < 0 || opts.phone >= scenario.phones) {
    throw new RangeError(
      `phone ${opts.phone} is out of range: the scenario has phones 0..${scenario.phones - 1}`,
    );
  }
  const config = toRunConfig(scenario, index, opts.replication ?? 0);
  config.tracePhone = opts.phone;
  if (opts.untilS !== undefined) config.durationS = Math.min(config.durationS, opts.untilS);
  const res = runWorld(config, await strategyFactory(scenario, index));
  const records = (res as { trace?: TraceRecord[] }).trace ?? [];
  return records.map(namedCause).sort((a, b) => a.t - b.t);
}
