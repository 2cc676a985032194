import type { CarrierConfig, ScriptedEvent } from '../model/config.js';
import type { RawIssue } from './errors.js';
import type { EventInput } from './schema/event.js';
import { didYouMean } from './suggest.js';
import { formatDuration } from './units.js';

/**
 * Scripted events → ScriptedEvent. A nat-reset or outage without `carrier` hits every
 * carrier (one event each), which is what "the network went down" usually means.
 */
export function resolveEvents(
  inputs: readonly EventInput[],
  carriers: CarrierConfig[],
  durationS: number,
  issues: RawIssue[],
): ScriptedEvent[] {
  const names = carriers.map((c) => c.name);
  const out: ScriptedEvent[] = [];
  inputs.forEach((e, i) => {
    if (e.at >= durationS) {
      issues.push({
        path: ['events', i, 'at'],
        expected: `a time before the end of the run (${formatDuration(durationS)})`,
        found: formatDuration(e.at),
      });
    }
    if (e.type === 'server-restart') {
      out.push({ type: 'server-restart', atS: e.at, downtimeS: e.downtime });
      return;
    }
    if (e.carrier !== undefined && !names.includes(e.carrier)) {
      issues.push({
        path: ['events', i, 'carrier'],
        expected: `a carrier of this scenario (${names.join(', ')})`,
        found: JSON.stringify(e.carrier),
        hint: didYouMean(e.carrier, names),
      });
      return;
    }
    for (const carrier of e.carrier === undefined ? names : [e.carrier]) {
      if (e.type === 'nat-reset') out.push({ type: 'nat-reset', atS: e.at, carrier });
      else out.push({ type: 'outage', atS: e.at, durationS: e.duration, carrier });
    }
  });
  return out;
}
