import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunAborted } from '../../src/model/run.js';
import { tuneCsv, tuneJson } from '../../src/tune/report.js';
import { analyticYaml, load, tune } from './helpers.js';

/** Same seed → the same tune.csv and tune.json for any number of worker threads, and after a resume. */
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'hbsim-tune-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// A coarser search than the analytic test: this one is about bytes, not the optimum.
const TEXT = analyticYaml('  initialPoints: 4\n  resolution: 0.05\n').replace(
  'count: 40',
  'count: 15',
);

describe('tune: determinism', () => {
  it('gives byte-identical tune.csv and tune.json with --jobs 1 and --jobs 2', async () => {
    // Worker threads start per batch: a coarser search keeps this test short.
    const coarse = TEXT.replace('resolution: 0.05', 'resolution: 0.12');
    const one = await tune(load(coarse), { jobs: 1 });
    const two = await tune(load(coarse), { jobs: 2 });
    expect(tuneJson(two.result)).toBe(tuneJson(one.result));
    expect(tuneCsv(two.result)).toBe(tuneCsv(one.result));
    expect(one.result.scopes[0].candidates.length).toBeGreaterThan(4);
  });

  it('a search stopped half way resumes from its checkpoints and ends with the same result', async () => {
    const whole = await tune(load(TEXT));
    const dir = tmp();
    const stop = new AbortController();
    let finished = 0;
    const half = Math.floor(whole.evaluator.units / 2);
    await expect(
      tune(load(TEXT), {
        checkpointDir: dir,
        signal: stop.signal,
        onUnitDone: () => {
          if (++finished === half) stop.abort();
        },
      }),
    ).rejects.toBeInstanceOf(RunAborted);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).length).toBe(half);
    const resumed = await tune(load(TEXT), { checkpointDir: dir, resume: true });
    expect(resumed.evaluator.reused).toBe(half);
    expect(tuneJson(resumed.result)).toBe(tuneJson(whole.result));
    expect(tuneCsv(resumed.result)).toBe(tuneCsv(whole.result));
  });

  it('another seed is another search', async () => {
    const a = await tune(load(TEXT));
    const b = await tune(load(TEXT.replace('seed: 7', 'seed: 8')));
    expect(tuneCsv(b.result)).not.toBe(tuneCsv(a.result));
  });
});
