import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectSameReport,
  start,
  startShards,
  tuneArgs,
  writeShardScenario,
} from './shardHelpers.js';
import { cli } from '../safety/helpers.js';

/** A shard of a tune killed half way (SIGKILL: no clean-up) and restarted with --resume. */
const dir = mkdtempSync(join(tmpdir(), 'hbsim-tune-shard-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILE = writeShardScenario(dir);
const args = (out: string, ...more: string[]) => tuneArgs(FILE, out, ...more);

describe('hbsim tune --shard --resume', () => {
  it('a shard killed half way and restarted with --resume ends with the same report', async () => {
    const unsharded = join(dir, 'whole');
    expect((await cli(args(unsharded, '-q'))).code).toBe(0);
    const shared = join(dir, 'killed');
    const [one, two] = startShards((k) => args(shared, '--shard', `${k}/2`, '-q'), 2);
    // Killed once a few of the runs are on disk.
    const units = join(shared, '.units');
    const count = () =>
      existsSync(units) ? readdirSync(units).filter((f) => /^p\d+.*\.json$/.test(f)).length : 0;
    while (count() < 8) await new Promise((r) => setTimeout(r, 20));
    two.proc.kill('SIGKILL');
    await two.done;
    expect(existsSync(join(shared, 'tune.json'))).toBe(false);
    const again = start(args(shared, '--shard', '2/2', '--resume'));
    const [a, b] = await Promise.all([one.done, again.done]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/runs here, [1-9]\d* reused\)/);
    expectSameReport(unsharded, shared);
  });
});
