import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/experiment.js';
import { pairedDiff } from '../../src/report/aggregate.js';
import { replicationValues } from '../../src/report/runs.js';
import { load, tune } from './helpers.js';

/**
 * Tuned Mars (smart) step and margin against Mars's defaults (stepS 60, safetyMarginS 20),
 * on a small two-carrier world of 30 phones (the default world's 5 000 phones × 5 replications take
 * minutes per candidate; the question is the same). The comparison is paired (common random
 * numbers) and out of sample: a fresh experiment on another seed than the tune's.
 */
const MARS = `name: tune-mars-small
seed: 3
duration: 1d
carriers:
  - { name: carrier-a, preset: lte-5min }
  - { name: carrier-b, preset: lte-10to30min }
groups:
  - { name: a-phones, count: 15, carrier: carrier-a }
  - { name: b-phones, count: 15, carrier: carrier-b }
strategies:
  - smart
tune:
  params:
    strategies.smart.params.stepS: { min: 10, max: 180, scale: log }
    strategies.smart.params.safetyMarginS: { min: 0, max: 120 }
  objective: { minimize: energyJPerPhoneDay }
  constraints:
    - { metric: reconnectsPerPhoneDay, max: 1 }
  replications: { min: 3, max: 4 }
  resolution: 0.06
`;

describe('tune: Mars step and margin', () => {
  it('are at least as good as the defaults on energy, with the reconnect bound held (paired)', async () => {
    const { result } = await tune(load(MARS));
    const best = result.scopes[0].best!;
    expect(best.feasible).toBe(true);
    // In sample: the paired difference against the file's values is not above zero.
    expect(best.vsDefault!.meanDiff).toBeLessThanOrEqual(0);
    const stepS = best.values['strategies.smart.params.stepS'];
    const safetyMarginS = best.values['strategies.smart.params.safetyMarginS'];
    // Out of sample: defaults and tuned on the same fresh worlds.
    const check = load(
      MARS.replace('seed: 3', 'seed: 11').replace(
        '  - smart\n',
        `  - smart\n  - { name: tuned, type: smart, params: { stepS: ${stepS}, safetyMarginS: ${safetyMarginS} } }\n`,
      ),
    );
    const ex = await runExperiment({ ...check, replications: 4 }, { jobs: 0 });
    const by = (name: string, metric: string) => replicationValues(ex, name, metric);
    const energy = pairedDiff(by('tuned', 'energyJPerPhoneDay'), by('smart', 'energyJPerPhoneDay'));
    expect(energy.n).toBe(4);
    expect(energy.meanDiff).toBeLessThanOrEqual(0);
    const reconnects = [...by('tuned', 'reconnectsPerPhoneDay').values()];
    expect(reconnects.reduce((s, x) => s + x, 0) / reconnects.length).toBeLessThanOrEqual(1);
  });
});
