import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unitOwner } from '../../src/tune/shard.js';
import { STACK_LINE } from '../cli/helpers.js';

import {
  expectSameReport,
  files,
  startShards,
  tuneArgs,
  writeShardScenario,
} from './shardHelpers.js';
import { cli } from '../safety/helpers.js';

/**
 * `hbsim tune --shard i/n`: shards started together on one --out replay the same search,
 * each running its share of the runs, and shard 1's report is byte for byte the report of
 * an unsharded tune with the same seed. (A shard killed and resumed: shardResume.test.ts.)
 */
const dir = mkdtempSync(join(tmpdir(), 'hbsim-tune-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILE = writeShardScenario(dir);
const args = (out: string, ...more: string[]) => tuneArgs(FILE, out, ...more);

describe('hbsim tune --shard', () => {
  it('two shards on one directory write the report of an unsharded tune, byte for byte', async () => {
    const unsharded = join(dir, 'whole');
    const whole = await cli(args(unsharded));
    expect(whole.code, whole.err).toBe(0);
    const shared = join(dir, 'shared');
    const shards = startShards((k) => args(shared, '--shard', `${k}/2`), 2);
    const [one, two] = await Promise.all(shards.map((s) => s.done));
    expect(one.code, one.err).toBe(0);
    expect(two.code, two.err).toBe(0);
    expect(two.err).toMatch(
      /shard 2\/2 done \(\d+ of \d+ runs here, 0 reused\); shard 1 writes the report/,
    );
    const [, here, all] = /(\d+) of (\d+) runs here/.exec(two.err)!;
    // Round-robin: each shard ran about half of the runs.
    expect(Math.abs(2 * Number(here) - Number(all))).toBeLessThanOrEqual(2);
    expect(one.err).toMatch(/by other shards/);
    expect(one.out).toBe(whole.out.replace(unsharded, shared));
    expectSameReport(unsharded, shared);
    expect(existsSync(join(shared, '.units'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // A shard started after the report was written (a late or retried array task) has
    // nothing to do: it exits 0 at once and leaves the report as it is.
    const late = await cli(args(shared, '--shard', '2/2', '--shard-wait', '0.5s'));
    expect(late.code, late.err).toBe(0);
    expect(late.err).toMatch(/shard 2\/2: .* already holds this tune's finished report/);
    expect(existsSync(join(shared, '.units'))).toBe(false);
    expectSameReport(unsharded, shared);
    // Another seed is another search: not taken for finished (refused as a mismatch
    // only once a search runs, so here it starts and waits for shard 1 in vain).
    const other = await cli(args(shared, '--shard', '2/2', '--seed', '9', '--shard-wait', '0.5s'));
    expect(other.code).toBe(2);
  });

  it('refuses a shard whose seed, shard count or tune block differs from the shards already there', async () => {
    const shared = join(dir, 'mismatch');
    // Shard 2 alone: it runs its share of the first batch, then waits for shard 1 in vain.
    const lone = await cli(args(shared, '--shard', '2/2', '--shard-wait', '0.5s'));
    expect(lone.code).toBe(2);
    expect(lone.err).toMatch(
      /--shard 2\/2: waited 0\.5 s with no new run of another shard in .*; missing p0-s0-r0 \(shard 1\), p1-s0-r0 \(shard 1\), .*\(re\)start shard 1\/2 with --resume/,
    );
    expect(lone.err).not.toMatch(STACK_LINE);
    const seed = await cli(args(shared, '--shard', '1/2', '--seed', '8'));
    expect(seed.code).toBe(2);
    expect(seed.err).toMatch(
      /--shard 1\/2: .*mismatch is the shared directory of a tune with seed 7, but this shard has seed 8/,
    );
    expect(seed.err).not.toMatch(STACK_LINE);
    const count = await cli(args(shared, '--shard', '1/3'));
    expect(count.code).toBe(2);
    expect(count.err).toMatch(/a tune with 2 shards, but this shard has 3 shards/);
    const budget = await cli(args(shared, '--shard', '1/2', '--phone-days', '5000'));
    expect(budget.code).toBe(2);
    expect(budget.err).toMatch(/a tune with another tune: block/);
    // The lone shard's finished runs are kept for a restart with --resume.
    expect(readdirSync(join(shared, '.units'))).toContain('p1-s0-r1.json');
    // An unsharded tune would replace the directory under shards that may still run.
    const whole = await cli(args(shared));
    expect(whole.code).toBe(2);
    expect(whole.err).toMatch(
      /mismatch is the shared directory of a sharded tune .*tune-shards\.json\); to finish that tune on this machine once its shards have stopped, add --resume/,
    );
    expect(whole.err).not.toMatch(STACK_LINE);
    expect(readdirSync(join(shared, '.units'))).toContain('p1-s0-r1.json');
  });

  it('refuses --wall-time, and a directory holding files that are not hbsim', async () => {
    const wall = await cli(args(join(dir, 'wall'), '--shard', '1/2', '--wall-time', '10m'));
    expect(wall.code).toBe(2);
    expect(wall.err).toMatch(
      /--shard 1\/2 with a wall-time budget \(--wall-time\): .*not reproducible/,
    );
    expect(existsSync(join(dir, 'wall'))).toBe(false);
    const mine = join(dir, 'thesis');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'mine');
    const r = await cli(args(mine, '--shard', '1/2'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refusing to write into a directory hbsim did not create/);
    expect(files(mine)).toEqual(['thesis.tex']);
    const wait = await cli(args(join(dir, 'nowait'), '--shard-wait', '1m'));
    expect(wait.code).toBe(2);
    expect(wait.err).toMatch(/--shard-wait needs --shard/);
  });

  it('deals the runs round-robin over the whole search', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => unitOwner(s, 3))).toEqual([1, 2, 3, 1, 2, 3, 1]);
  });
});
