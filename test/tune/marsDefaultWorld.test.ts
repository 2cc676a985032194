import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/experiment.js';
import { pairedDiff } from '../../src/report/aggregate.js';
import { replicationValues } from '../../src/report/runs.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { tune } from './helpers.js';

/**
 * The issue's check on the default world: scenarios/default.yaml itself (its four carriers,
 * the three carrier groups and the commuters between home Wi-Fi and carrier-b, in its
 * proportions), with a tune: block over Mars's step and margin (the block of
 * scenarios/tune-mars.yaml). To keep this near 20 s the population is cut tenfold
 * (525/450/225/300 → 53/45/22/30 phones) and the warm-up to 12 h (Mars settles within
 * hours; the default's 3 days are for binary-search's tail). A cut of 25 was tried: with
 * 60 phones the commuters' network switches alone (≈ 0.8 reconnects per phone-day, a
 * property of the world, not of the policy) vary too much between replications for the
 * 95% bound on reconnects ≤ 1 to be proven, for Mars's defaults as for any candidate. The tuned values must be
 * at least as good as Mars's defaults (stepS 60, safetyMarginS 20) on energy, paired on
 * common random numbers, out of sample (another seed), with both constraints held.
 */
const DEFAULT = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
const TUNE = `
tune:
  strategy: smart
  params:
    strategies.smart.params.stepS: { min: 10, max: 180, scale: log }
    strategies.smart.params.safetyMarginS: { min: 0, max: 120 }
  objective: { minimize: energyJPerPhoneDay }
  constraints:
    - { metric: reconnectsPerPhoneDay, max: 1 }
    - { metric: pushLatencyP95S, max: 60 }
  replications: { min: 3, max: 4 }
  resolution: 0.06
  budget: { phoneDays: 9000 }
`;
const SMALL = [
  'groups.a-phones.count=53',
  'groups.b-phones.count=45',
  'groups.c-phones.count=22',
  'groups.commuters.count=30',
  'warmup=12h',
];

describe('tune: Mars on the default world', () => {
  it('tuned step and margin are at least as good as the defaults on energy, constraints held (paired, out of sample)', async () => {
    const sc = loadScenarioText(DEFAULT + TUNE, 'scenarios/default.yaml', { sets: SMALL });
    expect(sc.carriers.map((c) => c.name)).toEqual([
      'carrier-a',
      'carrier-b',
      'carrier-c',
      'home-wifi',
    ]);
    const { result } = await tune(sc);
    const best = result.scopes[0].best!;
    expect(best.feasible).toBe(true);
    expect(best.vsDefault!.meanDiff).toBeLessThanOrEqual(0);
    const stepS = best.values['strategies.smart.params.stepS'];
    const marginS = best.values['strategies.smart.params.safetyMarginS'];

    // Out of sample: Mars as shipped and the tuned values on the same fresh worlds.
    const check = loadScenarioText(
      DEFAULT.replace('seed: 1', 'seed: 11').replace(
        '  - smart ',
        `  - { name: tuned, type: smart, params: { stepS: ${stepS}, safetyMarginS: ${marginS} } }\n  - smart `,
      ),
      'scenarios/default.yaml',
      { sets: [...SMALL, 'replications=4'] },
    );
    const ex = await runExperiment(
      { ...check, strategies: check.strategies.filter((s) => s.type === 'smart') },
      { jobs: 0 },
    );
    const by = (name: string, metric: string) => replicationValues(ex, name, metric);
    const energy = pairedDiff(by('tuned', 'energyJPerPhoneDay'), by('smart', 'energyJPerPhoneDay'));
    expect(energy.n).toBe(4);
    expect(energy.meanDiff).toBeLessThanOrEqual(0);
    const mean = (m: Map<number, number>) => [...m.values()].reduce((s, x) => s + x, 0) / m.size;
    expect(mean(by('tuned', 'reconnectsPerPhoneDay'))).toBeLessThanOrEqual(1);
    expect(mean(by('tuned', 'pushLatencyP95S'))).toBeLessThanOrEqual(60);
  }, 120_000);
});
