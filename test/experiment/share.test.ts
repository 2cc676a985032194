import { describe, expect, it } from 'vitest';
import { pointScenarios, runScenarioPoints } from '../../src/experiment/experiment.js';
import { sharedRuns } from '../../src/experiment/share.js';
import { enumerateUnits } from '../../src/experiment/units.js';
import { loadScenarioText } from '../../src/scenario/load.js';

/** Sweeps run once what the swept path cannot change, with results identical to running everything. */
const scenario = (grid: string) =>
  loadScenarioText(
    `name: share
seed: 4
duration: 3h
warmup: 30m
replications: 2
carriers: [lte-10to30min]
groups: [{ count: 15 }]
strategies:
  - { name: swept, type: fixed, params: { intervalS: 300 } }
  - gcm
sweep:
  grid:
    ${grid}
`,
    'share.yaml',
  );

describe('sweeps share unaffected strategies', () => {
  it('a sweep of one strategy runs the other once per replication, with identical results', async () => {
    const sc = scenario('strategies.0.params.intervalS: [120, 240, 480]');
    const points = pointScenarios(sc);
    const alias = sharedRuns(points, enumerateUnits(points));
    // gcm × 2 replications at points 1 and 2 are copies of point 0's.
    expect([...alias.keys()].sort()).toEqual(['p1-s1-r0', 'p1-s1-r1', 'p2-s1-r0', 'p2-s1-r1']);
    expect(alias.get('p2-s1-r1')).toBe('p0-s1-r1');
    let copies = 0;
    const shared = await runScenarioPoints(sc, {
      jobs: 0,
      onRunDone: (i) => {
        if (i.wallS === 0) copies++;
      },
    });
    const all = await runScenarioPoints(sc, { jobs: 0, shareUnaffected: false });
    expect(copies).toBe(4);
    expect(JSON.stringify(shared.map((p) => p.result.runs))).toBe(
      JSON.stringify(all.map((p) => p.result.runs)),
    );
  });

  it('a sweep of the world shares nothing', () => {
    const sc = scenario('carriers.0.nat.idleTimeout: [600, 1200]');
    const points = pointScenarios(sc);
    expect(sharedRuns(points, enumerateUnits(points)).size).toBe(0);
  });
});
