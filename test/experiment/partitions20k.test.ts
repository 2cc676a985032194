/**
 * The identity test at its size: 20 000 phones, run whole and with 3 and 8
 * partitions, in one thread and on 2 worker threads, and as 3 shards merged, give one
 * byte-identical summary.json. partitions.test.ts covers more features on 1 000 phones
 * (automatic warm-up pilots, resume, coupling refusals); this file keeps the horizon short
 * (20 min measured after an explicit 10-min warm-up, so no pilots) so that 20k phones cost
 * seconds per run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShardManifest } from '../../src/experiment/checkpoint.js';
import { runExperiment, runScenarioPoints } from '../../src/experiment/experiment.js';
import { mergeShards } from '../../src/experiment/merge.js';
import { canonicalJson } from '../../src/report/canonicalJson.js';
import { summarize } from '../../src/report/summary.js';
import type { ExperimentResult } from '../../src/report/types.js';
import { load } from '../scenario/helpers.js';
import { partitionsWorld } from './partitionsWorld.js';

// 20 min measured after an explicit 10-min warm-up (no pilots), 40 Wi-Fi NAT boxes.
const TEXT = partitionsWorld({
  name: 'partitions-20k',
  duration: '20m',
  warmup: '10m',
  counts: [8000, 6000, 6000],
  boxes: 40,
  events: [
    '{ type: nat-reset, at: 5m, carrier: lte }',
    '{ type: server-restart, at: 12m, downtime: 30s }',
  ],
});

const json = (r: ExperimentResult) => canonicalJson(summarize(r));
let tmp: string;
let whole: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hbsim-partitions20k-'));
  whole = json(await runExperiment(load(TEXT), { jobs: 0, partitions: 1 }));
}, 120_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('20 000 phones, partitioned', () => {
  it('the unpartitioned run is not trivial (every group and carrier has traffic)', () => {
    const s = JSON.parse(whole);
    expect(s.scenario.phones).toBe(20_000);
    const fixed = s.strategies.find((x: { name: string }) => x.name === 'fixed-4.5min');
    expect(fixed.metrics.heartbeatsPerPhoneDay.mean).toBeGreaterThan(100);
    // 20k phones × 20 min × (about 3.4 pushes per phone-hour): thousands of pushes.
    expect(fixed.metrics.pushArrived.mean).toBeGreaterThan(10_000);
    expect(fixed.metrics.pushDelivered.mean).toBeGreaterThan(0.5 * fixed.metrics.pushArrived.mean);
  });

  it('1, 3 and 8 partitions in one thread and on 2 workers give the same summary.json', async () => {
    for (const jobs of [0, 2]) {
      for (const partitions of [1, 3, 8]) {
        if (jobs === 0 && partitions === 1) continue; // that is `whole`
        const r = await runExperiment(load(TEXT), { jobs, partitions });
        expect(json(r), `jobs ${jobs}, ${partitions} partitions`).toBe(whole);
      }
    }
  }, 300_000);

  it('3 shards of 3 partitions each, merged, give the same summary.json', async () => {
    const scenario = load(TEXT);
    const dirs = [1, 2, 3].map((k) => join(tmp, `s${k}`));
    for (const [i, d] of dirs.entries()) {
      await writeShardManifest(d, scenario);
      await runScenarioPoints(scenario, {
        jobs: 0,
        partitions: 3,
        checkpointDir: d,
        shard: { index: i + 1, count: 3 },
      });
    }
    const [merged] = await mergeShards(dirs);
    expect(json(merged.result)).toBe(whole);
  }, 120_000);
});
