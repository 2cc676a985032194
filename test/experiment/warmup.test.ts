/**
 * The automatic warm-up: pilots choose one cut for every strategy, the measured runs use
 * it, and the choice is the same in one thread, on worker threads, from a checkpoint and
 * across shards.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShardManifest } from '../../src/experiment/checkpoint.js';
import { runExperiment, runScenarioPoints } from '../../src/experiment/experiment.js';
import { mergeShards } from '../../src/experiment/merge.js';
import { chooseWarmup } from '../../src/experiment/warmup.js';
import { canonicalJson } from '../../src/report/canonicalJson.js';
import { summarize } from '../../src/report/summary.js';
import type { ExperimentResult } from '../../src/report/types.js';
import { load } from '../scenario/helpers.js';

// Fixed 4.5-min heartbeats start within the first 30 min: heartbeats and promotions climb
// to their level over that spread, a transient MSER-5 must cut.
const TEXT = `name: warmup-test
duration: 6h
replications: 2
carriers: [lte-5min]
groups: [{ count: 60 }]
strategies:
  - gcm
  - { name: fixed-4.5min, type: fixed, params: { intervalS: 4.5m } }
`;

let tmp: string;
let auto: ExperimentResult;
/** Pilot files of the checkpointed run (the shards must each write the same ones). */
let pilotFiles = 0;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hbsim-warmup-'));
  auto = await runExperiment(load(TEXT), { jobs: 0 });
}, 120_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const json = (r: ExperimentResult) => canonicalJson(summarize(r));

describe('automatic warm-up (steady state, no warmup in the file)', () => {
  it('is chosen from one pilot per strategy, as the latest MSER-5 cut, in whole buckets', () => {
    const w = auto.scenario.warmup!;
    expect(w.mode).toBe('auto');
    expect(w.pilot!.map((p) => p.strategy)).toEqual([
      ...Array(4).fill('gcm'),
      ...Array(4).fill('fixed-4.5min'),
    ]);
    expect(w.cutS).toBe(Math.max(...w.pilot!.map((p) => p.truncationS)));
    expect(w.cutS % 60).toBe(0);
    // The start spread (30 min) is a transient: the cut covers at least part of it.
    expect(w.cutS).toBeGreaterThan(0);
    expect(w.cutS).toBeLessThanOrEqual(w.limitS!);
    expect(w.limitS).toBe(12 * 3600); // default warmupLimit: twice the 6 h duration
    for (const r of auto.runs) {
      expect(r.warmupS).toBe(w.cutS);
      // The warm-up runs before the measured 6 h: the run lasts cut + 6 h.
      expect(r.durationS).toBe(w.cutS + 6 * 3600);
    }
    expect(auto.scenario.warmupS).toBe(w.cutS);
    expect(auto.pilots!.map((p) => p.strategy)).toEqual(['gcm', 'fixed-4.5min']);
  });

  it('gives the same runs as the same cut set explicitly', async () => {
    const cut = auto.scenario.warmup!.cutS;
    const explicit = await runExperiment(load(`${TEXT}warmup: ${cut}s\n`), { jobs: 0 });
    expect(explicit.scenario.warmup!.mode).toBe('explicit');
    expect(explicit.runs.map((r) => r.metrics)).toEqual(auto.runs.map((r) => r.metrics));
  });

  it('is the same on worker threads', async () => {
    const threaded = await runExperiment(load(TEXT), { jobs: 2 });
    expect(json(threaded)).toBe(json(auto));
  }, 120_000);

  it('pilots are checkpointed and reused by --resume', async () => {
    const dir = join(tmp, 'ckpt');
    await runExperiment(load(TEXT), { jobs: 0, checkpointDir: dir });
    const files = await readdir(dir);
    const pilots = files.filter((f) => f.includes('-pilot'));
    // Level 0 for both strategies; a longer pilot only where one had not settled.
    expect(pilots).toContain('p0-s0-pilot0.json');
    expect(pilots).toContain('p0-s1-pilot0.json');
    for (const f of pilots) expect(f).toMatch(/^p0-s[01]-pilot[0-2]\.json$/);
    pilotFiles = pilots.length;
    let ran = 0;
    const resumed = await runExperiment(load(TEXT), {
      jobs: 0,
      checkpointDir: dir,
      resume: true,
      onRunDone: () => {
        ran++;
      },
    });
    expect(ran).toBe(0);
    expect(json(resumed)).toBe(json(auto));
  });

  it('every shard runs the pilots; merged shards equal the unsharded report', async () => {
    const scenario = load(TEXT);
    const dirs = [join(tmp, 's1'), join(tmp, 's2')];
    for (const [i, d] of dirs.entries()) {
      await writeShardManifest(d, scenario);
      await runScenarioPoints(scenario, {
        jobs: 0,
        checkpointDir: d,
        shard: { index: i + 1, count: 2 },
      });
      expect((await readdir(d)).filter((f) => f.includes('-pilot')).length).toBe(pilotFiles);
    }
    const [merged] = await mergeShards(dirs);
    expect(json(merged.result)).toBe(json(auto));
  });
});

describe('a transient longer than half the duration', () => {
  // Phones first connect over 2 h, so connects and the first heartbeats climb for 2 h: a
  // 1 h pilot cannot settle, nor can a 2 h one. Pilots double (1 h, 2 h, 4 h) until half of
  // one reaches warmupLimit (default 2 × 1 h); the cut may then exceed the measured hour,
  // which the warm-up, simulated before it, allows.
  const SLOW = `name: slow-start
duration: 1h
startSpread: 2h
carriers: [lte-5min]
groups: [{ count: 200 }]
strategies:
  - { name: fixed-4min, type: fixed, params: { intervalS: 4m } }
`;
  let slow: ExperimentResult;
  const keys: string[] = [];
  beforeAll(async () => {
    slow = await runExperiment(load(SLOW), { jobs: 0, checkpointDir: join(tmp, 'slow') });
    keys.push(...(await readdir(join(tmp, 'slow'))).filter((f) => f.includes('-pilot')));
  }, 120_000);

  it('runs longer pilots until one settles or reaches the limit', () => {
    expect(keys.sort()).toEqual(['p0-s0-pilot0.json', 'p0-s0-pilot1.json', 'p0-s0-pilot2.json']);
    // The deciding pilot is the 4 h one: 240 one-minute buckets.
    expect(slow.pilots![0].series.reconnects.length).toBe(240);
  });

  it('chooses a cut past the measured duration, and measures the full duration after it', () => {
    const w = slow.scenario.warmup!;
    expect(w.cutS).toBeGreaterThan(3600);
    expect(w.cutS).toBeLessThanOrEqual(2 * 3600);
    expect(slow.runs[0].durationS).toBe(w.cutS + 3600);
    expect(slow.scenario.durationS).toBe(3600);
  });
});

describe('explicit and terminating studies', () => {
  it('terminating without warmup counts the whole horizon and runs no pilot', async () => {
    let pilots = 0;
    const r = await runExperiment(load(`${TEXT}analysis: terminating\n`), {
      jobs: 0,
      onRunDone: (i) => {
        if (i.strategy.includes('pilot')) pilots++;
      },
    });
    expect(pilots).toBe(0);
    expect(r.scenario.warmup).toEqual({ mode: 'none', cutS: 0 });
    for (const run of r.runs) expect(run.warmupS).toBe(0);
  });

  it('chooseWarmup keeps an explicit warm-up as it is', () => {
    const sc = load(`${TEXT}warmup: 2h\n`);
    expect(chooseWarmup(sc, [])).toEqual({ mode: 'explicit', cutS: 7200 });
  });
});
