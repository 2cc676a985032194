import { randomInt } from 'node:crypto';
import { access, constants, mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { removeStaleTemps } from '../report/atomicFs.js';
import {
  CHECKPOINT_SUBDIR,
  type DirKind,
  inspectOutputDir,
  MARKER,
  markerFor,
  markerText,
  OutputPathError,
  pathKind,
} from '../report/ownership.js';
import { ScenarioError } from '../scenario/errors.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Output paths are checked, and made, before any simulation starts: a path hbsim cannot or
 * may not write is a usage error (exit 2) in the first second, not after an hour's run.
 */

function why(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'no such directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOSPC: 'no space left on the device',
    ENAMETOOLONG: 'the name is too long',
  };
  return (e.code && known[e.code]) ?? e.message;
}

/** The absolute output directory of `--out <raw>`, refusing paths that cannot be ours. */
export function outputPath(raw: string, flag = '--out'): string {
  if (raw.trim() === '') {
    throw new OutputPathError(`${flag} "": expected a directory path, found an empty string`);
  }
  if (raw.includes('\0')) throw new OutputPathError(`${flag}: the path contains a NUL byte`);
  const abs = resolve(raw);
  const cwd = process.cwd();
  const rel = relative(abs, cwd);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new OutputPathError(
      `${flag} ${raw}: is the current directory or contains it; hbsim replaces its output directory as a whole, so it must be a directory of its own. To fix this, name a new directory, e.g. ${flag} ./report`,
    );
  }
  return abs;
}

/**
 * A scenario's `output.dir`, resolved against the scenario file's directory and kept inside
 * it: a scenario file someone sent you cannot make hbsim write anywhere else. `--out` on the
 * command line is the way to write elsewhere.
 */
export function scenarioOutputDir(scenario: Scenario): string | undefined {
  const dir = scenario.output.dir;
  if (dir === undefined) return undefined;
  const base = scenario.file ? dirname(resolve(scenario.file)) : process.cwd();
  const abs = resolve(base, dir);
  const rel = relative(base, abs);
  if (isAbsolute(dir) || rel === '' || rel === '..' || rel.startsWith(`..${sep}`)) {
    throw new ScenarioError([
      {
        file: scenario.file ?? '<built-in default>',
        path: 'output.dir',
        expected: "a directory under the scenario file's directory",
        found: JSON.stringify(dir),
        message: `output.dir ${JSON.stringify(dir)} leaves the scenario's directory (${base})`,
        hint: 'use a relative path such as reports/my-run, or pass --out on the command line',
      },
    ]);
  }
  return abs;
}

/** mkdir -p without Node's recursive mkdir (which never returns under /proc). */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let d = dir;
  for (;;) {
    const kind = await pathKind(d);
    if (kind === 'dir') break;
    if (kind === 'other') throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) await mkdir(m);
}

/** The nearest existing ancestor of `dir` must be a writable directory. */
async function checkCreatable(dir: string, flag: string): Promise<void> {
  let d = dirname(dir);
  for (;;) {
    const kind = await pathKind(d);
    if (kind === 'dir') break;
    if (kind === 'other') {
      throw new OutputPathError(`${flag} ${dir}: ${d} is not a directory`);
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  try {
    await access(d, constants.W_OK);
  } catch (err) {
    throw new OutputPathError(`${flag} ${dir}: cannot create it in ${d}: ${why(err)}`);
  }
}

/** Makes `dir` (absent or empty) an hbsim directory of `kind`, or checks it already is. */
async function claim(
  dir: string,
  kind: DirKind,
  scenario: Scenario,
  flag: string,
  dryRun: boolean,
): Promise<void> {
  const state = await inspectOutputDir(dir, [kind], flag);
  if (state.state === 'ours') {
    if (kind === 'shard' && state.marker.hash !== scenario.hash) {
      throw new OutputPathError(
        `${flag} ${dir}: holds shard units of scenario ${state.marker.scenario} (hash ${state.marker.hash}), not of ${scenario.name} (hash ${scenario.hash}); to fix this, give each scenario's shards their own directory`,
      );
    }
    return;
  }
  if (dryRun) {
    if (state.state === 'absent') await checkCreatable(dir, flag);
    return;
  }
  try {
    if (state.state === 'absent') await makeDirs(dir);
    const marker = markerFor(
      kind,
      { scenario: scenario.name, hash: scenario.hash },
      {
        ...(kind === 'report' ? { files: [] } : {}),
      },
    );
    await writeFile(join(dir, MARKER), markerText(marker), { flag: 'wx' });
  } catch (err) {
    if (err instanceof OutputPathError) throw err;
    throw new OutputPathError(`${flag} ${dir}: cannot create it: ${why(err)}`);
  }
}

/** hbsim builds a report beside its directory (`<dir>.tmp-<pid>`) and swaps it in. */
async function checkSiblingWritable(dir: string, flag: string, dryRun: boolean): Promise<void> {
  await removeStaleTemps(dir);
  const probe = `${dir}.tmp-${process.pid}`;
  try {
    if (dryRun) await access(dirname(dir), constants.W_OK);
    else {
      await mkdir(probe);
      await rmdir(probe);
    }
  } catch (err) {
    throw new OutputPathError(
      `${flag} ${dir}: cannot write next to it in ${dirname(dir)} (${why(err)}), where hbsim builds the new report before swapping it in; to fix this, choose a directory whose parent you can write`,
    );
  }
}

export interface RunOutputs {
  /** Absolute report (or shard) directory. */
  outDir: string;
  /** Where finished units are saved: inside outDir, in an hbsim directory of its own. */
  checkpointDir: string;
}

/**
 * Checks and claims a run's output before any work: the report directory (or a shard's
 * directory) must be new, empty or hbsim's own; its checkpoint directory lives inside it.
 * With `dryRun` nothing is created.
 */
export async function prepareRunOutputs(
  outDir: string,
  scenario: Scenario,
  opts: { shard: boolean; dryRun: boolean },
): Promise<RunOutputs> {
  const flag = '--out';
  if (opts.shard) {
    await claim(outDir, 'shard', scenario, flag, opts.dryRun);
    return { outDir, checkpointDir: outDir };
  }
  await claim(outDir, 'report', scenario, flag, opts.dryRun);
  await checkSiblingWritable(outDir, flag, opts.dryRun);
  const checkpointDir = join(outDir, CHECKPOINT_SUBDIR);
  if (!opts.dryRun || (await pathKind(outDir)) === 'dir') {
    await claim(checkpointDir, 'checkpoint', scenario, flag, opts.dryRun);
  }
  return { outDir, checkpointDir };
}

/**
 * Puts a directory made by `fill` at `target` in one rename, so that processes racing to
 * create it (the shards of a tune, started together) never see it half made. False when
 * another got there first. Built beside the output directory, like a report.
 */
async function publishDir(
  outDir: string,
  target: string,
  fill: (tmp: string) => Promise<void>,
): Promise<boolean> {
  // Not the pid: shards on different hosts (containers: often pid 1) share the directory.
  const tmp = `${outDir}.tmp-${randomInt(1e8, 2 ** 31 - 1)}`;
  try {
    await mkdir(tmp);
    await fill(tmp);
    await rename(tmp, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTEMPTY') return false;
    throw new OutputPathError(`--out ${outDir}: cannot create it: ${why(err)}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The output directory every shard of a tune shares (docs/tune.md, "Sharding a tune"):
 * claimed like a report directory (new, empty or hbsim's own; nothing of a user's is ever
 * replaced), made by whichever shard comes first, in one rename, with its checkpoint
 * directory. Shards arriving together all succeed, the later ones finding it made.
 */
export async function prepareSharedOutputs(
  outDir: string,
  scenario: Scenario,
): Promise<RunOutputs> {
  const flag = '--out';
  const identity = { scenario: scenario.name, hash: scenario.hash };
  const checkpointDir = join(outDir, CHECKPOINT_SUBDIR);
  const unitsMarker = markerText(markerFor('checkpoint', identity));
  for (let attempt = 0; attempt < 50; attempt++) {
    const state = await inspectOutputDir(outDir, ['report'], flag);
    if (state.state !== 'ours') {
      if (state.state === 'absent') {
        await checkCreatable(outDir, flag);
        try {
          await makeDirs(dirname(outDir));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
            throw new OutputPathError(`${flag} ${outDir}: cannot create it: ${why(err)}`);
          }
          continue; // another shard made a parent meanwhile
        }
      }
      const made = await publishDir(outDir, outDir, async (tmp) => {
        await writeFile(
          join(tmp, MARKER),
          markerText(markerFor('report', identity, { files: [] })),
        );
        await mkdir(join(tmp, CHECKPOINT_SUBDIR));
        await writeFile(join(tmp, CHECKPOINT_SUBDIR, MARKER), unitsMarker);
      });
      if (made) return { outDir, checkpointDir };
      continue;
    }
    if ((await pathKind(checkpointDir)) === null) {
      const made = await publishDir(outDir, checkpointDir, async (tmp) => {
        await writeFile(join(tmp, MARKER), unitsMarker);
      });
      if (made) return { outDir, checkpointDir };
      continue;
    }
    // Made by another shard (or an unsharded tune of the same directory): its files are
    // checked like any checkpoint's.
    const inner = await inspectOutputDir(checkpointDir, ['checkpoint'], flag);
    if (inner.state === 'ours') return { outDir, checkpointDir };
    // An empty one: another process is about to mark it.
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new OutputPathError(
    `${flag} ${outDir}: could not claim it (another process keeps changing it); to fix this, choose another directory`,
  );
}

/** Checks a report directory another command writes (merge --out, compare --out). */
export async function checkReportOutput(raw: string, flag = '--out'): Promise<string> {
  const dir = outputPath(raw, flag);
  await inspectOutputDir(dir, ['report'], flag);
  if ((await pathKind(dir)) === null) await checkCreatable(dir, flag);
  return dir;
}
