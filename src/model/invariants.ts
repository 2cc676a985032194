import type { RunResult } from './runResult.js';
import type { World } from './world.js';

/** A model invariant failed at the end of a run: a bug, never a user error. */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

/**
 * Checked at the end of every run (docs/model.md §9), cheaply, always on:
 * message conservation, energy ≥ idle baseline, NAT mappings ≤ capacity, counters
 * non-negative. (No event in the past is enforced by the scheduler on every schedule.)
 */
export function checkInvariants(w: World, r: Pick<RunResult, 'metrics'>): void {
  const m = w.metrics;
  const held = w.heldAtEnd + w.smsInFlight;
  const problems: string[] = [];
  if (m.allArrived !== m.allDelivered + m.allExpired + held) {
    problems.push(
      `message conservation: arrived ${m.allArrived} ≠ delivered ${m.allDelivered} + expired ${m.allExpired} + pending ${held}`,
    );
  }
  if (w.pool.live !== w.smsInFlight) {
    problems.push(
      `message pool: ${w.pool.live} messages allocated, ${w.smsInFlight} accounted for`,
    );
  }
  const measured = r.metrics;
  if (
    measured.pushArrived !==
    measured.pushDelivered + measured.pushExpired + measured.pushPending
  ) {
    problems.push(
      `measured conservation: arrived ${measured.pushArrived} ≠ ${measured.pushDelivered} + ${measured.pushExpired} + ${measured.pushPending}`,
    );
  }
  for (let p = 0; p < w.phones; p++) {
    if (w.radio.excessJ[p] < -1e-9) {
      problems.push(`phone ${p}: energy below the idle baseline by ${-w.radio.excessJ[p]} J`);
      break;
    }
  }
  w.carriers.forEach((c, i) => {
    if (c.nat.capacity <= 0) return;
    for (let b = 0; b < c.nat.boxes; b++) {
      const peak = w.nat.peakLive[w.nat.boxIndex(i, b)];
      if (peak > c.nat.capacity)
        problems.push(`carrier ${c.name} box ${b}: ${peak} mappings > capacity ${c.nat.capacity}`);
    }
  });
  for (const [name, v] of Object.entries(measured)) {
    if (v < 0) problems.push(`metric ${name} is negative (${v})`);
  }
  if (problems.length > 0)
    throw new InvariantError(`invariants violated:\n  ${problems.join('\n  ')}`);
}
