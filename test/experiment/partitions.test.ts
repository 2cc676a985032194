/**
 * Population partitions: one run split by phone id into units, merged into a result that is
 * byte-identical to the unpartitioned run's summary (any partition count, in one thread or on
 * workers, as shards merged), and refused with the feature named where phones are coupled.
 * 1 000 phones over 2 h exercise every code path here (automatic warm-up pilots, resume,
 * refusals) and keep this file near 20 s; partitions20k.test.ts runs the identity matrix at
 * the 20 000 phones on a shorter horizon.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShardManifest } from '../../src/experiment/checkpoint.js';
import { runExperiment, runScenarioPoints } from '../../src/experiment/experiment.js';
import { mergeShards } from '../../src/experiment/merge.js';
import {
  choosePartitions,
  MAX_PHONES_PER_PARTITION,
  partitionRefusal,
} from '../../src/experiment/partitions.js';
import { strategyFactory } from '../../src/experiment/runUnit.js';
import { finishRun } from '../../src/model/collect.js';
import { partitionBounds } from '../../src/model/partition.js';
import { runPartition, runWorld } from '../../src/model/run.js';
import type { RunResult } from '../../src/model/runResult.js';
import { toRunConfig } from '../../src/scenario/runConfig.js';
import { canonicalJson } from '../../src/report/canonicalJson.js';
import { summarize } from '../../src/report/summary.js';
import type { ExperimentResult } from '../../src/report/types.js';
import { hbsim } from '../cli/helpers.js';
import { load } from '../scenario/helpers.js';
import { partitionsWorld } from './partitionsWorld.js';

// Small, with the automatic warm-up (pilots merged over partitions before MSER chooses the
// cut) and a scripted NAT reset, server restart and outage.
const TEXT = partitionsWorld({
  name: 'partitions-test',
  duration: '2h',
  counts: [400, 300, 300],
  boxes: 7,
  events: [
    '{ type: nat-reset, at: 1h, carrier: lte }',
    '{ type: server-restart, at: 70m, downtime: 30s }',
    '{ type: outage, at: 90m, duration: 5m, carrier: wifi }',
  ],
});

const json = (r: ExperimentResult) => canonicalJson(summarize(r));
// Every run's full result but its event count (each partition schedules its own periodic
// events), with the pilots: per-group interval bands and battery quantiles, Doze counters,
// the failed-heartbeat series.
const runsJson = (r: ExperimentResult) =>
  canonicalJson({ runs: r.runs.map(({ events: _e, ...x }) => x), pilots: r.pilots });
let tmp: string;
let whole: string;
let wholeRuns: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hbsim-partitions-'));
  const r = await runExperiment(load(TEXT), { jobs: 0, partitions: 1 });
  whole = json(r);
  wholeRuns = runsJson(r);
}, 120_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a partitioned run', () => {
  it('covers every phone once: contiguous ranges whose sizes differ by at most one', () => {
    for (const [n, p] of [
      [3000, 3],
      [3000, 8],
      [7, 3],
    ]) {
      const ranges = Array.from({ length: p }, (_, i) => partitionBounds(n, i, p));
      expect(ranges[0][0]).toBe(0);
      expect(ranges[p - 1][1]).toBe(n);
      for (let i = 1; i < p; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
      const sizes = ranges.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the byte-identical summary with 3 and 8 partitions in one thread', async () => {
    for (const partitions of [3, 8]) {
      const r = await runExperiment(load(TEXT), { jobs: 0, partitions });
      expect(json(r)).toBe(whole);
      expect(runsJson(r)).toBe(wholeRuns);
    }
  }, 120_000);

  it('gives the byte-identical summary with 3 partitions on 2 worker threads', async () => {
    const r = await runExperiment(load(TEXT), { jobs: 2, partitions: 3 });
    expect(json(r)).toBe(whole);
  }, 120_000);

  it('as shards merged (partitions checkpointed as units of their own) gives the same summary', async () => {
    const scenario = load(TEXT);
    const dirs = [join(tmp, 's1'), join(tmp, 's2'), join(tmp, 's3')];
    for (const [i, d] of dirs.entries()) {
      await writeShardManifest(d, scenario);
      await runScenarioPoints(scenario, {
        jobs: 0,
        partitions: 3,
        checkpointDir: d,
        shard: { index: i + 1, count: 3 },
      });
    }
    const files = (await Promise.all(dirs.map((d) => readdir(d)))).flat();
    expect(files.filter((f) => /-r0-part\dof3\.json$/.test(f)).length).toBe(6);
    // Pilots are partitioned at every level they reach (every shard runs them).
    const pilotFiles = readdirSync(dirs[0]).filter((f) => f.includes('-pilot'));
    expect(pilotFiles.filter((f) => /^p0-s\d-pilot0-part\dof3\.json$/.test(f)).length).toBe(6);
    expect(pilotFiles.every((f) => /^p0-s\d-pilot\d+-part\dof3\.json$/.test(f))).toBe(true);
    // In 2 h the learner has not settled: longer pilots (levels 1, 2) ran partitioned too.
    expect(pilotFiles.some((f) => /-pilot[1-9]\d*-part/.test(f))).toBe(true);
    const [merged] = await mergeShards(dirs);
    expect(json(merged.result)).toBe(whole);
    // One shard missing: merge names the missing partitions.
    await expect(mergeShards(dirs.slice(0, 2))).rejects.toThrow(/-part\dof3/);
  }, 120_000);

  it('is resumed from its checkpointed partitions without running them again', async () => {
    const dir = join(tmp, 'ckpt');
    await runExperiment(load(TEXT), { jobs: 0, partitions: 3, checkpointDir: dir });
    let ran = 0;
    const resumed = await runExperiment(load(TEXT), {
      jobs: 0,
      partitions: 3,
      checkpointDir: dir,
      resume: true,
      onRunDone: () => {
        ran++;
      },
    });
    expect(ran).toBe(0);
    expect(json(resumed)).toBe(whole);
  }, 120_000);
});

describe('finishRun over partitions (model level)', () => {
  it('a scripted push reaches its phone in whichever partition holds it', async () => {
    const sc = load(TEXT);
    const config = toRunConfig(sc, 0, 0);
    config.events.push({ type: 'push', atS: 6000, phone: 900, app: 0 });
    const factory = await strategyFactory(sc, 0);
    // Engine events are not a model figure (meta.json): each partition fires its own
    // sampler and scripted events, so a partitioned run counts more of them.
    const model = (r: RunResult) => JSON.stringify({ ...r, events: 0 });
    const one = finishRun(config, [
      runPartition({ ...config, partition: { index: 0, count: 1 } }, factory),
    ]);
    expect(JSON.stringify(runWorld(config, factory))).toBe(JSON.stringify(one));
    const parts = [2, 0, 1].map((index) =>
      runPartition({ ...config, partition: { index, count: 3 } }, factory),
    );
    expect(model(finishRun(config, parts))).toBe(model(one));
    // The push is counted once, by the partition holding phone 900 (the third).
    const withoutPush = finishRun(toRunConfig(sc, 0, 0), [
      runPartition({ ...toRunConfig(sc, 0, 0), partition: { index: 0, count: 1 } }, factory),
    ]);
    expect(one.metrics.pushArrived).toBe(withoutPush.metrics.pushArrived + 1);
    expect(() => finishRun(config, parts.slice(0, 2))).toThrow(/do not add up|of 3 partitions/);
  }, 60_000);
});

describe('coupled phones', () => {
  const base = `name: coupled
duration: 1h
carriers: [lte-5min]
groups: [{ count: 300 }]
strategies: [gcm]
`;

  it('NAT box capacity is refused, naming the carrier and the field', () => {
    const sc = load(
      base.replace('[lte-5min]', '[{ name: cgn, preset: lte-5min, nat: { capacity: 100 } }]'),
    );
    expect(partitionRefusal(sc)).toMatch(
      /carrier "cgn" has a NAT box capacity \(carriers\.cgn\.nat\.capacity = 100\)/,
    );
    expect(() => choosePartitions([sc], { requested: 2, jobs: 2, sharded: false })).toThrow(
      /--partitions 2: .*NAT box capacity.*run without --partitions/,
    );
  });

  it("the server's handshake budget is refused", () => {
    const sc = load(`${base}server: { maxHandshakesPerS: 50 }\n`);
    expect(partitionRefusal(sc)).toMatch(/handshake budget \(server\.maxHandshakesPerS = 50\)/);
  });

  it('a crowd-learned interval (state shared by every connection) is refused', () => {
    const sc = load(base.replace('[gcm]', '[crowd]'));
    expect(partitionRefusal(sc)).toMatch(
      /strategy "crowd" \(crowd\) learns from every connection together/,
    );
  });

  it('scripted server restarts act on every phone alike and are partitioned (identity tested above)', () => {
    const sc = load(`${base}events: [{ type: server-restart, at: 30m }]\n`);
    expect(partitionRefusal(sc)).toBeUndefined();
  });

  it('automatic partitions: none when coupled, by memory past the per-partition cap, by idle cores', () => {
    const coupled = load(`${base}server: { maxHandshakesPerS: 50 }\n`);
    expect(choosePartitions([coupled], { jobs: 8, sharded: false })).toEqual([1]);
    const big = load(base.replace('count: 300', `count: ${2 * MAX_PHONES_PER_PARTITION + 1}`));
    expect(choosePartitions([big], { jobs: 1, sharded: true })).toEqual([3]);
    // One run, 8 cores: split into 8 (≥ 25k phones each), not when sharded (shards must agree).
    const mid = load(base.replace('count: 300', 'count: 200000'));
    expect(choosePartitions([mid], { jobs: 8, sharded: false })).toEqual([8]);
    expect(choosePartitions([mid], { jobs: 8, sharded: true })).toEqual([1]);
    expect(choosePartitions([load(base)], { jobs: 8, sharded: false })).toEqual([1]);
  });

  it('more partitions than phones is refused', () => {
    expect(() =>
      choosePartitions([load(base)], { requested: 301, jobs: 1, sharded: false }),
    ).toThrow(/more than the scenario's 300 phones/);
  });

  it('the CLI refuses --partitions on a coupled scenario: exit 2, the feature named, nothing written', () => {
    const dir = join(tmp, 'cli');
    const file = join(tmp, 'coupled.yaml');
    writeFileSync(file, `${base}server: { maxHandshakesPerS: 50 }\n`);
    const r = hbsim(['run', file, '--partitions', '2', '--out', dir, '-q']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hbsim: --partitions 2: the server's handshake budget/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});
