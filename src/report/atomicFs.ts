/**
 * Atomic output: files are written to `<file>.tmp-<pid>` and renamed; a report directory is
 * built whole in `<dir>.tmp-<pid>` and swapped in at the end, so an interrupted run leaves
 * the previous report (or nothing), never half of one. Only directories whose marker says
 * they are ours (ownership.ts) are ever replaced or removed.
 */
import { rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  type DirMarker,
  inspectOutputDir,
  listFiles,
  MARKER,
  markerFor,
  markerText,
  readMarker,
} from './ownership.js';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Temp directories this process is building: removed on a forced exit (second Ctrl-C). */
const building = new Set<string>();

/** Removes this process's temp directories at once (for process.exit paths). */
export function removeBuildingDirsSync(): void {
  for (const dir of building) rmSync(dir, { recursive: true, force: true });
  building.clear();
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `<dir>.tmp-<pid>` / `<dir>.old-<pid>` left by a run that died (SIGKILL, power
 * loss): only those carrying our marker, whose process is gone.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  const prefix = basename(target);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^(.*)\.(tmp|old)-(\d+)$/.exec(name);
    if (!m || m[1] !== prefix || pidAlive(Number(m[3]))) continue;
    if (await readMarker(join(parent, name))) await rm(join(parent, name), { recursive: true });
  }
}

export interface BuildDirOptions {
  /** Scenario name and hash, recorded in the marker. */
  identity?: { scenario?: string; hash?: string };
}

/**
 * Builds a directory with `build(tmpDir)` and puts it in place of `dir`. `dir` must be
 * absent, empty, or an hbsim report holding only its own files (else OutputPathError).
 * The old report, if any, is replaced only after the new one is complete; on error the
 * temp dir is removed. The new directory's marker lists every file written.
 */
export async function buildDirAtomic(
  dir: string,
  build: (tmpDir: string) => Promise<void>,
  opts: BuildDirOptions = {},
): Promise<void> {
  const target = resolve(dir);
  const before = await inspectOutputDir(target, ['report'], 'output directory');
  await removeStaleTemps(target);
  const tmp = `${target}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  building.add(tmp);
  try {
    await writeFile(
      join(tmp, MARKER),
      markerText(markerFor('temp', opts.identity, { pid: process.pid })),
    );
    await build(tmp);
    const files = (await listFiles(tmp)).filter((f) => f !== MARKER);
    const marker: DirMarker = markerFor('report', opts.identity, { files });
    await writeFileAtomic(join(tmp, MARKER), markerText(marker));
    if (before.state !== 'absent') {
      // Checked again: a file the user put there while we were building must not be lost.
      await inspectOutputDir(target, ['report'], 'output directory');
      const old = `${target}.old-${process.pid}`;
      await rm(old, { recursive: true, force: true });
      // Not registered for removal on a forced exit: until the new report is in place,
      // `old` is the only copy of the previous one (a later run removes it as stale).
      await rename(target, old);
      try {
        await rename(tmp, target);
      } catch (err) {
        await rename(old, target).catch(() => undefined); // put the previous report back
        throw err;
      }
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, target);
    }
    building.delete(tmp);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    building.delete(tmp);
    throw err;
  }
}
