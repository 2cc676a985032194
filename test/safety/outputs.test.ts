import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanTempDirs,
  cli,
  existsSync,
  expectRefusal,
  fixture,
  sentinels,
  tempDir,
} from './helpers.js';

/**
 * Issue 15, data loss: every reproduction of the attack, kept. A quick run is the tiny
 * scenario in this process (--jobs 0); a refusal must come before any simulation.
 */
afterAll(cleanTempDirs);

const QUICK = [fixture('tiny.yaml'), '--jobs', '0', '--no-charts', '-q'];
const run = (out: string, ...more: string[]) => cli(['run', ...QUICK, '--out', out, ...more]);
const noRunStarted = (err: string) => expect(err).not.toMatch(/run \d+\/\d+ done/);

describe('outputs only ever touch what hbsim made', () => {
  it('a user directory named <out>.units survives a run (checkpoints live inside <out>)', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'r.units'));
    writeFileSync(join(root, 'r.units', 'thesis.tex'), 'x');
    const r = await run(join(root, 'r'));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(root, 'r.units', 'thesis.tex'), 'utf8')).toBe('x');
    expect(existsSync(join(root, 'r', '.units'))).toBe(false); // removed with the report swap
  });

  it("a scenario's output.dir cannot leave the scenario's directory", async () => {
    const r = await cli(['run', fixture('escape-output.yaml'), '--jobs', '0', '-q']);
    expectRefusal(r, /escape-output\.yaml.*output\.dir/s);
    expect(r.err).toContain("leaves the scenario's directory");
  });

  it("output.dir is resolved under the scenario file's directory, not the working directory", async () => {
    const root = tempDir();
    const file = join(root, 'scn.yaml');
    writeFileSync(
      file,
      `${readFileSync(fixture('tiny.yaml'), 'utf8')}output: { dir: results/here, charts: false }\n`,
    );
    const r = await cli(['run', file, '--jobs', '0', '-q']);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(root, 'results', 'here', 'summary.json'))).toBe(true);
  });

  it('a directory that only looks like a report (top-level names) is refused whole', async () => {
    const root = tempDir();
    const p = join(root, 'p');
    mkdirSync(join(p, 'charts'), { recursive: true });
    writeFileSync(join(p, 'charts', 'fig.xlsx'), 'd');
    writeFileSync(join(p, 'summary.md'), 'n');
    const r = await run(p);
    expectRefusal(r, 'refusing to write into a directory hbsim did not create');
    noRunStarted(r.err);
    expect(readFileSync(join(p, 'charts', 'fig.xlsx'), 'utf8')).toBe('d');
    expect(readFileSync(join(p, 'summary.md'), 'utf8')).toBe('n');
  });

  it('a file the user added to a report (even named *.tmp-*) stops the next run', async () => {
    const root = tempDir();
    const p = join(root, 'p');
    expect((await run(p)).code).toBe(0);
    writeFileSync(join(p, 'notes.tmp-1'), 'mine');
    writeFileSync(join(p, 'charts-extra.txt'), 'mine too');
    const r = await run(p);
    expectRefusal(r, /files hbsim did not write \(charts-extra\.txt, notes\.tmp-1\)/);
    expect(readFileSync(join(p, 'notes.tmp-1'), 'utf8')).toBe('mine');
    // The report itself is still replaceable once the user's files are gone.
    await cli(['run', ...QUICK, '--out', join(root, 'q')]);
  });

  it('--shard refuses a directory it did not make (no scenario.json overwritten)', async () => {
    const root = tempDir();
    const d = join(root, 'd');
    mkdirSync(d);
    writeFileSync(join(d, 'scenario.json'), 'precious');
    writeFileSync(join(d, 'p0-s0-r0.json'), 'precious too');
    const r = await run(d, '--shard', '1/2');
    expectRefusal(r, 'refusing to write into a directory hbsim did not create');
    expect(readFileSync(join(d, 'scenario.json'), 'utf8')).toBe('precious');
    expect(readFileSync(join(d, 'p0-s0-r0.json'), 'utf8')).toBe('precious too');
  });

  it('--shard refuses the shard directory of another scenario', async () => {
    const root = tempDir();
    const d = join(root, 'd');
    expect((await run(d, '--shard', '1/2')).code).toBe(0);
    const r = await run(d, '--shard', '2/2', '--seed', '99');
    expectRefusal(r, /holds shard units of scenario tiny \(hash \w+\), not of tiny/);
  });

  it('--out with a trailing slash works, and --resume after it', async () => {
    const root = tempDir();
    const out = `${join(root, 'ts')}/`;
    expect((await run(out)).code).toBe(0);
    expect(existsSync(join(root, 'ts', 'summary.json'))).toBe(true);
    const again = await run(out, '--resume');
    expect(again.code, again.err).toBe(0);
  });

  it.each([
    ['.', 'is the current directory or contains it'],
    ['', 'expected a directory path, found an empty string'],
    ['/', 'is the current directory or contains it'],
    ['/proc/hbsim-x', 'cannot create it'],
  ])('--out %j is refused before the simulation (exit 2)', async (out, why) => {
    const r = await run(out);
    expectRefusal(r, why);
    noRunStarted(r.err);
    expect(existsSync('/.units')).toBe(false);
  });

  it('--out naming a file, a foreign directory or a path under a file: exit 2 before any run', async () => {
    const root = tempDir();
    const file = join(root, 'file.txt');
    writeFileSync(file, 'keep');
    for (const [out, why] of [
      [file, 'exists and is not a directory'],
      [join(file, 'sub'), 'is not a directory'],
      [root, 'refusing to write into a directory hbsim did not create'],
    ]) {
      const r = await run(out);
      expectRefusal(r, why);
      noRunStarted(r.err);
    }
    expect(readFileSync(file, 'utf8')).toBe('keep');
    expect(readdirSync(root)).toEqual(['file.txt']); // no <out>.units, no temp dirs
  });

  it('merge --out is checked before the shards are read', async () => {
    const root = tempDir();
    const finish = sentinels(root, join(root, 'mine'), true);
    const r = await cli(['merge', join(root, 'nope'), '--out', join(root, 'mine')]);
    expectRefusal(r, 'refusing to write into a directory hbsim did not create');
    finish();
  });

  it("temp dirs left by a killed run are removed when marked as ours, a user's are kept", async () => {
    const root = tempDir();
    const out = join(root, 'o');
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const ours = `${out}.tmp-${dead}`;
    mkdirSync(ours);
    writeFileSync(
      join(ours, '.hbsim.json'),
      JSON.stringify({ schema: 'hbsim.dir/1', kind: 'temp', hbsimVersion: '0', pid: dead }),
    );
    const theirs = `${out}.tmp-${dead + 1}`;
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'data.csv'), 'keep');
    expect((await run(out)).code).toBe(0);
    expect(existsSync(ours)).toBe(false);
    expect(readFileSync(join(theirs, 'data.csv'), 'utf8')).toBe('keep');
  });
});
