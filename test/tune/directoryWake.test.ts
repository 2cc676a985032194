import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunAborted } from '../../src/model/run.js';
import { DirectoryWake } from '../../src/tune/directoryWake.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hbsim-wake-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DirectoryWake', () => {
  it('a file landing in the directory ends a long pause (the 60 s pause would time the test out)', async () => {
    const wake = new DirectoryWake(dir);
    try {
      setTimeout(() => void writeFile(join(dir, 'p0-s0-r0.json'), '{}'), 50);
      await wake.pause(60_000);
    } finally {
      wake.close();
    }
  }, 20_000);

  it('a change between two pauses makes the next one return at once', async () => {
    const wake = new DirectoryWake(dir);
    try {
      await writeFile(join(dir, 'p0-s0-r1.json'), '{}');
      // Let the kernel's event reach the watcher before the pause begins.
      await new Promise((r) => setTimeout(r, 200));
      await wake.pause(60_000);
    } finally {
      wake.close();
    }
  }, 20_000);

  it('without a change it waits the pause out; an abort ends it with RunAborted', async () => {
    const wake = new DirectoryWake(dir);
    try {
      await wake.pause(20);
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 20);
      await expect(wake.pause(60_000, ac.signal)).rejects.toBeInstanceOf(RunAborted);
    } finally {
      wake.close();
    }
  }, 20_000);

  it('a directory that cannot be watched still pauses (polling alone)', async () => {
    const wake = new DirectoryWake(join(dir, 'does-not-exist'));
    // The constructor swallowed the watcher's ENOENT; the pause is a plain timer.
    await expect(wake.pause(10)).resolves.toBeUndefined();
    wake.close();
  });
});
