import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioPoints } from '../../src/experiment/experiment.js';
import { loadScenarioFile } from '../../src/scenario/load.js';

const DIR = 'scenarios';
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f));

/**
 * Every shipped scenario runs, in a small version: the same carriers, strategies, events
 * and sweep, with 1% of the phones (at least 5 per group), one replication and the
 * simulated time cut to 3 h (or to an hour after the last scripted event).
 */
describe('shipped scenarios run (small versions)', () => {
  it.each(files)('%s', async (f) => {
    const asWritten = await loadScenarioFile(join(DIR, f));
    // Keep scripted events inside the run: cut to 3 h only when the last event allows it.
    const lastEvent = Math.max(0, ...asWritten.events.map((e) => e.atS));
    const hours = Math.min(
      asWritten.durationS / 3600,
      Math.max(3, Math.ceil(lastEvent / 3600) + 1),
    );
    const full = await loadScenarioFile(join(DIR, f), {
      sets: ['replications=1', `duration=${hours}h`, 'warmup=0'],
    });
    const groups = full.groups.map((g) => ({
      ...g,
      count: Math.max(5, Math.round(g.count / 100)),
    }));
    const small = { ...full, groups, phones: groups.reduce((s, g) => s + g.count, 0) };
    const points = await runScenarioPoints(small, { jobs: 0 });
    expect(points.length).toBe(Math.max(1, full.sweep.length));
    for (const p of points) {
      expect(p.result.runs.length).toBe(full.strategies.length);
      for (const r of p.result.runs) expect(r.metrics.pushArrived).toBeGreaterThanOrEqual(0);
    }
  });
});
